#include "federation/signatures/http_signature.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "federation/protocol/datetime.h"
#include "federation/signatures/digest.h"
#include "federation/signatures/verify.h"
#include "tests/federation/test_keys.h"
#include "tests/federation/test_request.h"

namespace guildhall::federation {
namespace {

using ::testing::HasSubstr;
using testing::TestRequest;

constexpr char kKeyId[] = "https://remote.example/users/alice#main-key";
constexpr char kOwner[] = "https://remote.example/users/alice";
constexpr char kBody[] = R"({"type":"Create","actor":"https://remote.example/users/alice"})";

TimePoint Now() { return *ParseRfc3339("2024-05-01T12:00:00Z"); }

PrivateKey KeyA() { return *PrivateKey::FromPem(testing::kRsaAPrivatePem); }
PrivateKey KeyB() { return *PrivateKey::FromPem(testing::kRsaBPrivatePem); }
PrivateKey KeyEd() { return *PrivateKey::FromPem(testing::kEd25519PrivatePem); }

VerifyOptions Options() {
  VerifyOptions o;
  o.now = Now();
  o.public_origin = "https://guild.example";
  return o;
}

// A POST to our inbox shaped as Mastodon sends it, not yet signed.
TestRequest UnsignedPost() {
  TestRequest r;
  r.body = kBody;
  r.Set("Host", "guild.example");
  r.Set("Date", FormatHttpDate(Now()));
  r.Set("Digest", DigestHeaderValue(r.body));
  r.Set("Content-Type", "application/activity+json");
  return r;
}

std::vector<std::string> PostHeaders() {
  return {"(request-target)", "host", "date", "digest", "content-type"};
}

void SignWith(TestRequest& r, const PrivateKey& key,
              std::vector<std::string> names = PostHeaders()) {
  auto header = SignCavage(r.View(), names, key, kKeyId);
  ASSERT_TRUE(header) << header.error().message;
  r.Set("Signature", *header);
}

KeyLookup LookupReturning(PublicKey key) {
  return [key](std::string_view key_id, KeyFetch) -> Result<KeyInfo> {
    if (key_id != kKeyId) return Error::Unauthorized("unknown key");
    return KeyInfo{key, kOwner};
  };
}

Result<VerifiedSignature> Verify(const TestRequest& r,
                                 const PrivateKey& signer_of_record = KeyA()) {
  return VerifyRequest(r.View(), LookupReturning(signer_of_record.Public()), Options());
}

void ReplaceInSignature(TestRequest& r, const std::string& from, const std::string& to) {
  std::string sig = r.Get("Signature");
  size_t pos = sig.find(from);
  ASSERT_NE(pos, std::string::npos) << sig;
  sig.replace(pos, from.size(), to);
  r.Set("Signature", sig);
}

struct Case {
  const char* name;
  std::function<void(TestRequest&)> mutate;  // builds the request, signed or not
  const char* expected_error;                // nullptr: must verify
};

class CavageTable : public ::testing::TestWithParam<Case> {};

TEST_P(CavageTable, Verifies) {
  TestRequest r = UnsignedPost();
  GetParam().mutate(r);
  auto result = Verify(r);
  if (GetParam().expected_error == nullptr) {
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->key_id, kKeyId);
    EXPECT_EQ(result->owner, kOwner);
    EXPECT_EQ(result->scheme, SignatureScheme::kCavage);
  } else {
    ASSERT_FALSE(result) << "expected: " << GetParam().expected_error;
    EXPECT_EQ(result.error().code, Code::kUnauthorized);
    EXPECT_THAT(result.error().message, HasSubstr(GetParam().expected_error));
  }
}

const Case kCases[] = {
    {"Valid", [](TestRequest& r) { SignWith(r, KeyA()); }, nullptr},
    {"ValidHs2019",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       ReplaceInSignature(r, "rsa-sha256", "hs2019");
     },
     nullptr},
    {"ValidWithoutAlgorithm",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       ReplaceInSignature(r, "algorithm=\"rsa-sha256\",", "");
     },
     nullptr},
    {"ValidSha512Digest",
     [](TestRequest& r) {
       r.Set("Digest", "SHA-512=" + Base64Encode(Sha512(r.body)));
       SignWith(r, KeyA());
     },
     nullptr},
    {"ValidBothDigests",
     [](TestRequest& r) {
       r.Set("Digest", DigestHeaderValue(r.body) + ", SHA-512=" + Base64Encode(Sha512(r.body)));
       SignWith(r, KeyA());
     },
     nullptr},
    {"ValidIgnoresUnknownDigestAlgorithms",
     [](TestRequest& r) {
       r.Set("Digest", "MD5=AAAA," + DigestHeaderValue(r.body));
       SignWith(r, KeyA());
     },
     nullptr},
    {"ValidDateAtEdgeOfWindow",
     [](TestRequest& r) {
       r.Set("Date", FormatHttpDate(Now() - std::chrono::minutes(59)));
       SignWith(r, KeyA());
     },
     nullptr},
    {"ValidHostWithDefaultPortAndCase",
     [](TestRequest& r) {
       r.Set("Host", "Guild.Example:443");
       SignWith(r, KeyA());
     },
     nullptr},
    {"Unsigned", [](TestRequest&) {}, "request is not signed"},
    {"GarbledHeader", [](TestRequest& r) { r.Set("Signature", "keyId=\"x\" signature"); },
     "garbage after a parameter"},
    {"UnterminatedQuote",
     [](TestRequest& r) { r.Set("Signature", "signature=\"AAAA\",keyId=\"abc"); },
     "unterminated quoted string"},
    {"MissingKeyId",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       ReplaceInSignature(r, "keyId", "keyID2");
     },
     "missing keyId"},
    {"DuplicateParameter",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.Set("Signature", r.Get("Signature") + ",keyId=\"https://evil/\"");
     },
     "duplicate parameter keyid"},
    {"TwoSignatureHeaders",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.headers.emplace_back("Signature", r.Get("Signature"));
     },
     "more than one Signature header"},
    {"OversizedHeader",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.Set("Signature", r.Get("Signature") + ",x=\"" + std::string(9000, 'a') + "\"");
     },
     "larger than 8 KiB"},
    {"UnsupportedAlgorithm",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       ReplaceInSignature(r, "rsa-sha256", "hmac-sha256");
     },
     "unsupported algorithm hmac-sha256"},
    {"AlgorithmDoesNotFitKey",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       ReplaceInSignature(r, "rsa-sha256", "ed25519");
     },
     "does not match the key type"},
    {"RequestTargetNotSigned",
     [](TestRequest& r) {
       SignWith(r, KeyA(), {"host", "date", "digest", "content-type"});
     },
     "(request-target) is not signed"},
    {"HostNotSigned",
     [](TestRequest& r) {
       SignWith(r, KeyA(), {"(request-target)", "date", "digest"});
     },
     "host is not signed"},
    {"DateNotSigned",
     [](TestRequest& r) {
       SignWith(r, KeyA(), {"(request-target)", "host", "digest"});
     },
     "date is not signed"},
    {"DigestNotSigned",
     [](TestRequest& r) {
       SignWith(r, KeyA(), {"(request-target)", "host", "date"});
     },
     "digest is not signed"},
    {"SignedHeaderMissing",
     [](TestRequest& r) {
       r.Set("User-Agent", "Mastodon/4.2");
       SignWith(r, KeyA(), {"(request-target)", "host", "date", "digest", "user-agent"});
       r.Remove("User-Agent");
     },
     "signed header user-agent is missing"},
    {"DigestAbsent",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.Remove("Digest");
     },
     "missing Digest header"},
    {"DigestMismatch",
     [](TestRequest& r) {
       r.Set("Digest", DigestHeaderValue("other body"));
       SignWith(r, KeyA());
     },
     "Digest does not match the body"},
    {"DigestBadBase64",
     [](TestRequest& r) {
       r.Set("Digest", "SHA-256=not*base64");
       SignWith(r, KeyA());
     },
     "Digest is not valid Base64"},
    {"DigestOnlyUnknownAlgorithms",
     [](TestRequest& r) {
       r.Set("Digest", "SHA=" + Base64Encode(std::string(20, 'x')));
       SignWith(r, KeyA());
     },
     "no SHA-256 or SHA-512"},
    {"DigestOneOfTwoMismatches",
     [](TestRequest& r) {
       r.Set("Digest", DigestHeaderValue(r.body) + ",SHA-512=" + Base64Encode(Sha512("x")));
       SignWith(r, KeyA());
     },
     "Digest does not match the body"},
    {"DateStale",
     [](TestRequest& r) {
       r.Set("Date", FormatHttpDate(Now() - std::chrono::minutes(61)));
       SignWith(r, KeyA());
     },
     "Date too old"},
    {"DateFuture",
     [](TestRequest& r) {
       r.Set("Date", FormatHttpDate(Now() + std::chrono::minutes(61)));
       SignWith(r, KeyA());
     },
     "Date in the future"},
    {"DateUnparseable",
     [](TestRequest& r) {
       r.Set("Date", "Wednesday, 01-May-24 12:00:00 GMT");
       SignWith(r, KeyA());
     },
     "unparseable Date header"},
    {"DateWrongWeekday",
     [](TestRequest& r) {
       r.Set("Date", "Thu, 01 May 2024 12:00:00 GMT");
       SignWith(r, KeyA());
     },
     "unparseable Date header"},
    {"Expired",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.Set("Signature", r.Get("Signature") + ",expires=1714564000");
     },
     "signature expired"},
    {"CreatedInFuture",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.Set("Signature", r.Get("Signature") + ",created=1714579200");
     },
     "created in the future"},
    {"WrongKey", [](TestRequest& r) { SignWith(r, KeyB()); }, "signature does not verify"},
    {"BodyAlteredDigestToo",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.body += " ";
       r.Set("Digest", DigestHeaderValue(r.body));
     },
     "signature does not verify"},
    {"BodyAltered",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.body += " ";
     },
     "Digest does not match the body"},
    {"HeaderValueAltered",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.Set("Content-Type", "application/ld+json");
     },
     "signature does not verify"},
    {"MethodAltered",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.method = "PUT";
     },
     "signature does not verify"},
    {"TargetAltered",
     [](TestRequest& r) {
       SignWith(r, KeyA());
       r.target = "/g/other/inbox";
     },
     "signature does not verify"},
    {"HostNotOurs",
     [](TestRequest& r) {
       r.Set("Host", "mastodon.so/cial");
       SignWith(r, KeyA());
     },
     "Host is not this node"},
    {"HostOtherNode",
     [](TestRequest& r) {
       r.Set("Host", "evil.example");
       SignWith(r, KeyA());
     },
     "Host is not this node"},
    {"SignatureBadBase64",
     [](TestRequest& r) {
       r.Set("Signature", "keyId=\"" + std::string(kKeyId) + "\",signature=\"!!\"");
     },
     "bad signature encoding"},
    {"HeadersDefaultToCreated",
     [](TestRequest& r) {
       r.Set("Signature",
             "keyId=\"" + std::string(kKeyId) + "\",signature=\"" + Base64Encode("x") + "\"");
     },
     "(request-target) is not signed"},
};

INSTANTIATE_TEST_SUITE_P(HttpSignature, CavageTable, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(HttpSignature, ParsesQuotedStringsAndBareTimestamps) {
  auto sig = ParseCavageSignature(
      R"(keyId="https://a.example/u#k\"q", Algorithm="hs2019" , headers="(request-target) (created) Host",)"
      R"(created=1714564800,signature="AAAA",extra="ignored")");
  ASSERT_TRUE(sig) << sig.error().message;
  EXPECT_EQ(sig->key_id, "https://a.example/u#k\"q");
  EXPECT_EQ(sig->algorithm, "hs2019");
  EXPECT_EQ(sig->headers, (std::vector<std::string>{"(request-target)", "(created)", "host"}));
  EXPECT_EQ(sig->created, 1714564800);
  EXPECT_EQ(sig->signature, std::string(3, '\0'));
}

TEST(HttpSignature, ParserRejectsMalformedInput) {
  const char* bad[] = {
      "",
      "keyId=\"a\",signature=\"AAAA\",",             // trailing comma
      "keyId=a,signature=\"AAAA\"",                  // bare keyId
      "keyId=\"a\",signature=\"AAAA\",created=12x",  // bare non-integer
      "keyId=\"a\",,signature=\"AAAA\"",
      "keyId=\"a\";signature=\"AAAA\"",
      "keyId=\"a\x01\",signature=\"AAAA\"",  // control character
      "keyId=\"a\",signature=\"AAAA\",headers=\"date date\"",
      "keyId=\"a\",signature=\"\"",
      "keyId=\"a\",signature=\"AAAA\" trailing",
  };
  for (const char* value : bad) {
    auto sig = ParseCavageSignature(value);
    EXPECT_FALSE(sig) << value;
    if (!sig) {
      EXPECT_EQ(sig.error().code, Code::kUnauthorized);
    }
  }
}

TEST(HttpSignature, SigningStringMatchesDraftExample) {
  // draft-cavage-12 §2.3 shape: lower-case method, one line per header.
  TestRequest r;
  r.method = "POST";
  r.target = "/foo?param=value&pet=dog";
  r.Set("Host", "example.com");
  r.Set("Date", "Sun, 05 Jan 2014 21:31:40 GMT");
  r.headers.emplace_back("Cache-Control", "max-age=60");
  r.headers.emplace_back("cache-control", " must-revalidate ");
  CavageSignature sig;
  sig.headers = {"(request-target)", "host", "date", "cache-control"};
  auto s = BuildCavageSigningString(r.View(), r.target, sig);
  ASSERT_TRUE(s);
  EXPECT_EQ(*s,
            "(request-target): post /foo?param=value&pet=dog\nhost: example.com\n"
            "date: Sun, 05 Jan 2014 21:31:40 GMT\ncache-control: max-age=60, must-revalidate");
}

TEST(HttpSignature, AcceptsPathOnlyRequestTargetLikeFedify) {
  TestRequest r = UnsignedPost();
  r.target = "/inbox";
  SignWith(r, KeyA());
  r.target = "/inbox?from=fedify";
  auto result = Verify(r);
  EXPECT_TRUE(result) << result.error().message;
}

TEST(HttpSignature, Ed25519KeysVerifyWithHs2019) {
  TestRequest r = UnsignedPost();
  SignWith(r, KeyEd());
  EXPECT_THAT(r.Get("Signature"), HasSubstr("algorithm=\"hs2019\""));
  auto result = Verify(r, KeyEd());
  EXPECT_TRUE(result) << result.error().message;
  EXPECT_FALSE(Verify(r, KeyA()));
}

TEST(HttpSignature, GetWithoutBodyNeedsNoDigest) {
  TestRequest r;
  r.method = "GET";
  r.target = "/g/news";
  r.Set("Host", "guild.example");
  r.Set("Date", FormatHttpDate(Now()));
  r.Set("Accept", "application/activity+json");
  SignWith(r, KeyA(), {"(request-target)", "host", "date", "accept"});
  auto result = Verify(r);
  EXPECT_TRUE(result) << result.error().message;
}

}  // namespace
}  // namespace guildhall::federation

namespace guildhall::federation {
namespace {

// Misskey CVE-2023-49079 (GHSA-3f39-6537-3cgc): a valid signature was accepted
// without checking Digest and Host, so a captured request could be replayed
// with another body or to another server.
TEST(HttpSignature, Cve2023_49079DigestAndHostAreChecked) {
  TestRequest captured = UnsignedPost();
  SignWith(captured, KeyA());
  TestRequest new_body = captured;
  new_body.body = R"({"type":"Delete","actor":"https://remote.example/users/alice"})";
  auto result = Verify(new_body);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, HasSubstr("Digest does not match the body"));

  TestRequest elsewhere = UnsignedPost();
  elsewhere.Set("Host", "victim.example");
  SignWith(elsewhere, KeyA());
  result = Verify(elsewhere);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, HasSubstr("Host is not this node"));
}

}  // namespace
}  // namespace guildhall::federation
