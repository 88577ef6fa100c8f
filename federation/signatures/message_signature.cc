#include "federation/signatures/message_signature.h"

#include <algorithm>
#include <chrono>

#include "federation/protocol/datetime.h"
#include "federation/signatures/digest.h"

namespace guildhall::federation {
namespace {

constexpr size_t kMaxSignatures = 4;

Error Unauthorized(std::string reason) {
  return Error::Unauthorized("signature: " + std::move(reason));
}

Result<sf::Dictionary> ParseField(const SignedRequestView& req, std::string_view name) {
  auto value = req.Header(name);
  if (!value) return Unauthorized("missing " + std::string(name) + " header");
  auto dict = sf::ParseDictionary(*value);
  if (!dict) return Unauthorized(std::string(name) + " header: " + dict.error().message);
  return std::move(*dict);
}

bool IsLowerName(std::string_view s) {
  return !s.empty() &&
         std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

Result<> ReadParams(const sf::Parameters& params, MessageSignature& sig) {
  for (const auto& [key, value] : params) {
    using Kind = sf::BareItem::Kind;
    if (key == "keyid" || key == "alg" || key == "nonce" || key == "tag") {
      if (value.kind != Kind::kString) return Unauthorized(key + " must be a string");
      if (key == "keyid") sig.key_id = value.text;
      if (key == "alg") sig.alg = value.text;
    } else if (key == "created" || key == "expires") {
      if (value.kind != Kind::kInteger) return Unauthorized(key + " must be an integer");
      (key == "created" ? sig.created : sig.expires) = value.integer;
    }
  }
  if (sig.key_id.empty()) return Unauthorized("missing keyid");
  if (sig.key_id.size() > kMaxUrlBytes) return Unauthorized("keyid too long");
  return Ok();
}

// One Signature-Input member; the signature bytes are filled in by the caller.
Result<MessageSignature> ReadInput(const std::string& label, const sf::Member& member) {
  if (!member.is_inner_list) return Unauthorized("Signature-Input member is not an inner list");
  MessageSignature sig;
  sig.label = label;
  sig.input = member.list;
  for (const sf::Item& item : member.list.items) {
    if (item.value.kind != sf::BareItem::Kind::kString || !IsLowerName(item.value.text)) {
      return Unauthorized("covered component is not a lower-case string");
    }
    // ;sf ;key ;bs ;req ;tr and @query-param change the value's meaning; unsupported.
    if (!item.params.empty()) return Unauthorized("component parameters are not supported");
    if (std::find(sig.components.begin(), sig.components.end(), item.value.text) !=
        sig.components.end()) {
      return Unauthorized("component covered twice: " + item.value.text);
    }
    sig.components.push_back(item.value.text);
  }
  GH_CHECK(ReadParams(member.list.params, sig));
  return sig;
}

Result<std::string> ComponentValue(const SignedRequestView& req, std::string_view name,
                                   const Origin& origin) {
  std::string_view target = req.target;
  size_t q = target.find('?');
  if (name == "@method") return std::string(req.method);
  if (name == "@target-uri") return origin.ToString() + std::string(target);
  if (name == "@authority") return origin.Authority();
  if (name == "@scheme") return origin.scheme;
  if (name == "@request-target") return std::string(target);
  if (name == "@path") return req.Path().empty() ? std::string("/") : std::string(req.Path());
  if (name == "@query")
    return q == std::string_view::npos ? std::string("?") : std::string(target.substr(q));
  if (name.front() == '@')
    return Unauthorized("unsupported derived component " + std::string(name));
  auto value = req.Header(name);
  if (!value) return Unauthorized("covered field " + std::string(name) + " is missing");
  return std::move(*value);
}

bool Covers(const MessageSignature& sig, std::string_view name) {
  return std::find(sig.components.begin(), sig.components.end(), name) != sig.components.end();
}

Result<SignatureAlgorithm> ResolveAlg(std::string_view alg, KeyType type) {
  if (alg.empty()) return DefaultAlgorithm(type);
  SignatureAlgorithm out;
  KeyType needs;
  if (alg == "rsa-v1_5-sha256") {
    out = SignatureAlgorithm::kRsaPkcs1Sha256, needs = KeyType::kRsa;
  } else if (alg == "rsa-pss-sha512") {
    out = SignatureAlgorithm::kRsaPssSha512, needs = KeyType::kRsa;
  } else if (alg == "ed25519") {
    out = SignatureAlgorithm::kEd25519, needs = KeyType::kEd25519;
  } else {
    return Unauthorized("unsupported alg " + std::string(alg));
  }
  if (needs != type) return Unauthorized("alg does not match the key type");
  return out;
}

Result<> CheckComponents(const SignedRequestView& req, const MessageSignature& sig) {
  if (!Covers(sig, "@method")) return Unauthorized("@method is not covered");
  bool whole_target = Covers(sig, "@target-uri") || Covers(sig, "@request-target");
  if (!whole_target && !Covers(sig, "@path")) return Unauthorized("the target is not covered");
  if (!whole_target && req.target.find('?') != std::string_view::npos && !Covers(sig, "@query")) {
    return Unauthorized("the query is not covered");
  }
  if (!Covers(sig, "@authority") && !Covers(sig, "host"))
    return Unauthorized("the authority is not covered");
  if (!req.body.empty() && !Covers(sig, "content-digest"))
    return Unauthorized("content-digest is not covered");
  return Ok();
}

Result<> CheckTimes(const SignedRequestView& req, const MessageSignature& sig,
                    const VerifyOptions& options) {
  auto now_s =
      std::chrono::duration_cast<std::chrono::seconds>(options.now.time_since_epoch()).count();
  int64_t skew = options.max_skew.count();
  if (!sig.created) return Unauthorized("missing created");
  if (*sig.created > now_s + skew) return Unauthorized("created in the future");
  if (*sig.created < now_s - skew) return Unauthorized("created too old");
  if (sig.expires && *sig.expires < now_s) return Unauthorized("signature expired");
  if (Covers(sig, "date")) {
    auto date = ParseHttpDate(req.Header("date").value_or(""));
    if (!date) return Unauthorized("unparseable Date header");
    auto diff = std::chrono::duration_cast<std::chrono::seconds>(options.now - *date).count();
    if (diff > skew) return Unauthorized("Date too old");
    if (-diff > skew) return Unauthorized("Date in the future");
  }
  return Ok();
}

}  // namespace

Result<std::vector<MessageSignature>> ParseMessageSignatures(const SignedRequestView& req) {
  sf::Dictionary inputs = GH_TRY(ParseField(req, "Signature-Input"));
  sf::Dictionary signatures = GH_TRY(ParseField(req, "Signature"));
  std::vector<MessageSignature> out;
  for (const auto& [label, member] : inputs) {
    const sf::Member* value = sf::FindMember(signatures, label);
    if (value == nullptr) continue;
    if (value->is_inner_list || value->item.value.kind != sf::BareItem::Kind::kBytes) {
      return Unauthorized("Signature member " + label + " is not a byte sequence");
    }
    MessageSignature sig = GH_TRY(ReadInput(label, member));
    sig.signature = value->item.value.text;
    if (sig.signature.empty() || sig.signature.size() > 1024)
      return Unauthorized("bad signature length");
    out.push_back(std::move(sig));
    if (out.size() == kMaxSignatures) break;
  }
  if (out.empty()) return Unauthorized("no Signature matches Signature-Input");
  return out;
}

Result<std::string> BuildSignatureBase(const SignedRequestView& req, const MessageSignature& sig,
                                       const Origin& origin) {
  std::string base;
  for (const std::string& name : sig.components) {
    std::string value = GH_TRY(ComponentValue(req, name, origin));
    // A line break inside a value would forge extra base lines.
    if (value.find_first_of("\r\n") != std::string::npos)
      return Unauthorized("line break in " + name);
    base.append("\"").append(name).append("\": ").append(value).append("\n");
  }
  base.append("\"@signature-params\": ").append(sf::SerializeInnerList(sig.input));
  return base;
}

std::string ContentDigestHeaderValue(std::string_view body) {
  return "sha-256=:" + Base64Encode(Sha256(body)) + ":";
}

Result<> CheckContentDigest(std::string_view content_digest, std::string_view body) {
  auto dict = sf::ParseDictionary(content_digest);
  if (!dict) return Unauthorized("Content-Digest: " + dict.error().message);
  bool understood = false;
  for (const auto& [alg, member] : *dict) {
    if (alg != "sha-256" && alg != "sha-512") continue;
    if (member.is_inner_list || member.item.value.kind != sf::BareItem::Kind::kBytes) {
      return Unauthorized("Content-Digest value is not a byte sequence");
    }
    if (member.item.value.text != (alg == "sha-256" ? Sha256(body) : Sha512(body))) {
      return Unauthorized("Content-Digest does not match the body");
    }
    understood = true;
  }
  if (!understood) return Unauthorized("Content-Digest has no sha-256 or sha-512 value");
  return Ok();
}

Result<> CheckMessageSignatureRequest(const SignedRequestView& req, const MessageSignature& sig,
                                      const VerifyOptions& options) {
  if (!sig.alg.empty() && sig.alg != "rsa-v1_5-sha256" && sig.alg != "rsa-pss-sha512" &&
      sig.alg != "ed25519") {
    return Unauthorized("unsupported alg " + sig.alg);
  }
  GH_CHECK(CheckComponents(req, sig));
  GH_CHECK(CheckHostIsOurs(req, options));
  GH_CHECK(CheckTimes(req, sig, options));
  auto digest = req.Header("content-digest");
  if (digest) {
    GH_CHECK(CheckContentDigest(*digest, req.body));
  } else if (!req.body.empty()) {
    return Unauthorized("missing Content-Digest header");
  }
  if (auto origin = OriginOf(options.public_origin)) {
    // Every covered component available, before anyone fetches a key.
    GH_CHECK(BuildSignatureBase(req, sig, *origin));
  }
  return Ok();
}

Result<> VerifyMessageSignatureCrypto(const SignedRequestView& req, const MessageSignature& sig,
                                      const PublicKey& key, const VerifyOptions& options) {
  auto origin = OriginOf(options.public_origin);
  if (!origin) return Error::Internal("RFC 9421 verification needs public_origin");
  SignatureAlgorithm alg = GH_TRY(ResolveAlg(sig.alg, key.type()));
  std::string base = GH_TRY(BuildSignatureBase(req, sig, *origin));
  if (!key.Verify(base, sig.signature, alg)) return Unauthorized("signature does not verify");
  return Ok();
}

Result<> VerifyMessageSignature(const SignedRequestView& req, const MessageSignature& sig,
                                const PublicKey& key, const VerifyOptions& options) {
  GH_CHECK(CheckMessageSignatureRequest(req, sig, options));
  return VerifyMessageSignatureCrypto(req, sig, key, options);
}

Result<MessageSignatureHeaders> SignMessage(const SignedRequestView& req,
                                            std::span<const std::string> components,
                                            const PrivateKey& key, std::string_view key_id,
                                            const Origin& origin, TimePoint created,
                                            std::string_view label) {
  MessageSignature sig;
  sig.label = label;
  sig.key_id = key_id;
  sig.alg = key.type() == KeyType::kRsa ? "rsa-v1_5-sha256" : "ed25519";
  sig.created =
      std::chrono::duration_cast<std::chrono::seconds>(created.time_since_epoch()).count();
  for (const std::string& c : components) {
    sig.components.push_back(c);
    sig.input.items.push_back({sf::String(c), {}});
  }
  sig.input.params = {{"alg", sf::String(sig.alg)},
                      {"keyid", sf::String(sig.key_id)},
                      {"created", sf::Integer(*sig.created)}};
  std::string base = GH_TRY(BuildSignatureBase(req, sig, origin));
  std::string signature = GH_TRY(key.Sign(base, DefaultAlgorithm(key.type())));
  return MessageSignatureHeaders{
      std::string(label) + "=" + sf::SerializeInnerList(sig.input),
      std::string(label) + "=" + sf::SerializeBareItem(sf::Bytes(signature))};
}

}  // namespace guildhall::federation
