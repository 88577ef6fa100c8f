// Fuzzes the signature header parsers: draft-cavage Signature, RFC 8941
// dictionaries (Signature-Input, Signature, Content-Digest), Digest, HTTP
// dates, Host, and the full VerifyRequest front on a request carrying the input.
// Invariants: no crash; a parsed dictionary's inner lists re-serialize to a
// form that parses to the same serialization (canonical @signature-params).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "federation/protocol/datetime.h"
#include "federation/protocol/url.h"
#include "federation/signatures/http_signature.h"
#include "federation/signatures/message_signature.h"
#include "federation/signatures/structured_fields.h"
#include "federation/signatures/verify.h"
#include "tests/fuzz/fuzz_check.h"

using namespace guildhall;
using namespace guildhall::federation;

namespace {

void CheckCanonical(const sf::Dictionary& dict) {
  for (const auto& [key, member] : dict) {
    if (!member.is_inner_list) continue;
    std::string once = key + "=" + sf::SerializeInnerList(member.list);
    auto again = sf::ParseDictionary(once);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->size() == 1);
    FUZZ_CHECK(key + "=" + sf::SerializeInnerList(again->front().second.list) == once);
  }
}

void VerifyWith(const std::vector<HeaderField>& headers, std::string_view body) {
  SignedRequestView view{"POST", "/inbox?x=1", headers, body};
  VerifyOptions options;
  options.now = *ParseRfc3339("2024-05-01T12:00:00Z");
  options.public_origin = "https://guild.example";
  KeyLookup lookup = [](std::string_view, KeyFetch) -> Result<KeyInfo> {
    return Error::Unauthorized("fuzz: no keys");
  };
  (void)VerifyRequest(view, lookup, options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)ParseCavageSignature(input);
  (void)CheckDigestHeader(input, "body");
  (void)CheckContentDigest(input, "body");
  (void)ParseHttpDate(input);
  (void)ParseRfc3339(input);
  (void)OriginOfHost("https", input);
  if (auto dict = sf::ParseDictionary(input)) CheckCanonical(*dict);

  // Split at the first newline: Signature-Input, then Signature.
  size_t nl = input.find('\n');
  std::string first(input.substr(0, nl));
  std::string second(nl == std::string_view::npos ? "" : input.substr(nl + 1));
  std::vector<HeaderField> headers = {
      {"Host", "guild.example"},
      {"Date", "Wed, 01 May 2024 12:00:00 GMT"},
      {"Digest", "SHA-256=Iw2DWNyOiJC0xY3utikS7i8gNXrpKlzIYbmOaP4xrLU="},
      {"Content-Digest", "sha-256=:Iw2DWNyOiJC0xY3utikS7i8gNXrpKlzIYbmOaP4xrLU=:"},
      {"Signature", first}};
  VerifyWith(headers, "body");
  headers.back().second = second;
  headers.emplace_back("Signature-Input", first);
  VerifyWith(headers, "body");
  return 0;
}
