#include "federation/signatures/http_signature.h"

#include <algorithm>
#include <chrono>

#include "federation/protocol/datetime.h"
#include "federation/signatures/digest.h"

namespace guildhall::federation {
namespace {

constexpr size_t kMaxKeyIdBytes = 2048;
constexpr size_t kMaxSignatureBytes = 1024;  // an RSA-8192 signature
constexpr size_t kMaxSignedHeaders = 32;

Error Unauthorized(std::string reason) {
  return Error::Unauthorized("signature: " + std::move(reason));
}

bool IsTchar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

void SkipOws(std::string_view s, size_t& pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
}

// quoted-string (RFC 9110 §5.6.4) starting at the opening quote.
Result<std::string> ParseQuoted(std::string_view s, size_t& pos) {
  std::string out;
  for (++pos; pos < s.size(); ++pos) {
    char c = s[pos];
    if (c == '"') {
      ++pos;
      return out;
    }
    if (c == '\\') {
      if (++pos >= s.size()) break;
      c = s[pos];
    }
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f)
      return Unauthorized("control character in a parameter");
    out += c;
  }
  return Unauthorized("unterminated quoted string");
}

std::string Quote(std::string_view v) {
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

bool IsDecimal(std::string_view v) {
  return !v.empty() && v.size() <= 15 &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// name=value pairs in order; names lower-cased; duplicates refused.
Result<std::vector<std::pair<std::string, std::string>>> ParseParams(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t pos = 0;
  while (true) {
    SkipOws(s, pos);
    size_t start = pos;
    while (pos < s.size() && IsTchar(s[pos])) ++pos;
    if (pos == start) return Unauthorized("expected a parameter name");
    std::string name = ToLowerAscii(s.substr(start, pos - start));
    if (pos >= s.size() || s[pos] != '=') return Unauthorized("expected '=' after " + name);
    ++pos;
    std::string value;
    if (pos < s.size() && s[pos] == '"') {
      value = GH_TRY(ParseQuoted(s, pos));
    } else {
      size_t vstart = pos;
      while (pos < s.size() && IsTchar(s[pos])) ++pos;
      value = std::string(s.substr(vstart, pos - vstart));
      // Only created/expires may be bare (draft-cavage-12 §2.1.4); bare
      // values elsewhere are what broken or hostile signers send.
      if ((name != "created" && name != "expires") || !IsDecimal(value)) {
        return Unauthorized("parameter " + name + " must be a quoted string");
      }
    }
    for (const auto& p : params) {
      if (p.first == name) return Unauthorized("duplicate parameter " + name);
    }
    params.emplace_back(std::move(name), std::move(value));
    SkipOws(s, pos);
    if (pos == s.size()) return params;
    if (s[pos] != ',') return Unauthorized("garbage after a parameter");
    ++pos;
  }
}

Result<std::vector<std::string>> ParseHeaderList(std::string_view list) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < list.size()) {
    size_t end = list.find(' ', pos);
    if (end == std::string_view::npos) end = list.size();
    if (end > pos) {
      std::string name = ToLowerAscii(list.substr(pos, end - pos));
      if (std::find(out.begin(), out.end(), name) != out.end())
        return Unauthorized("header listed twice: " + name);
      out.push_back(std::move(name));
    }
    pos = end + 1;
  }
  if (out.empty()) return Unauthorized("empty headers parameter");
  if (out.size() > kMaxSignedHeaders) return Unauthorized("too many signed headers");
  return out;
}

Result<CavageSignature> FromParams(const std::vector<std::pair<std::string, std::string>>& params) {
  CavageSignature sig;
  bool has_signature = false, has_headers = false;
  for (const auto& [name, value] : params) {
    if (name == "keyid") {
      sig.key_id = value;
    } else if (name == "algorithm") {
      sig.algorithm = ToLowerAscii(value);
    } else if (name == "headers") {
      sig.headers = GH_TRY(ParseHeaderList(value));
      has_headers = true;
    } else if (name == "signature") {
      auto bytes = Base64Decode(value);
      if (!bytes || bytes->empty() || bytes->size() > kMaxSignatureBytes)
        return Unauthorized("bad signature encoding");
      sig.signature = std::move(*bytes);
      has_signature = true;
    } else if (name == "created" || name == "expires") {
      if (!IsDecimal(value)) return Unauthorized(name + " is not an integer");
      (name == "created" ? sig.created : sig.expires) = std::stoll(value);
    }
  }
  if (sig.key_id.empty()) return Unauthorized("missing keyId");
  if (sig.key_id.size() > kMaxKeyIdBytes) return Unauthorized("keyId too long");
  if (!has_signature) return Unauthorized("missing signature");
  // draft-cavage-12 §2.1.6 defaults to "(created)", which we never accept.
  if (!has_headers) sig.headers = {"(created)"};
  return sig;
}

bool Signs(const CavageSignature& sig, std::string_view name) {
  return std::find(sig.headers.begin(), sig.headers.end(), name) != sig.headers.end();
}

Result<SignatureAlgorithm> ResolveAlgorithm(std::string_view algorithm, KeyType type) {
  // hs2019 means "look at the key": RSA keys sign RSASSA-PKCS1-v1_5 SHA-256
  // in practice (Mastodon, Fedify), Ed25519 keys sign Ed25519.
  if (algorithm.empty() || algorithm == "hs2019") return DefaultAlgorithm(type);
  if (algorithm == "rsa-sha256" && type == KeyType::kRsa)
    return SignatureAlgorithm::kRsaPkcs1Sha256;
  if (algorithm == "ed25519" && type == KeyType::kEd25519) return SignatureAlgorithm::kEd25519;
  if (algorithm == "rsa-sha256" || algorithm == "ed25519")
    return Unauthorized("algorithm does not match the key type");
  return Unauthorized("unsupported algorithm " + std::string(algorithm));
}

Result<> CheckRequiredHeaders(const SignedRequestView& req, const CavageSignature& sig) {
  for (std::string_view name : {"(request-target)", "host", "date"}) {
    if (!Signs(sig, name)) return Unauthorized(std::string(name) + " is not signed");
  }
  if (!req.body.empty() && !Signs(sig, "digest")) return Unauthorized("digest is not signed");
  return Ok();
}

Result<> CheckTimes(const SignedRequestView& req, const CavageSignature& sig,
                    const VerifyOptions& options) {
  auto date_value = req.Header("date");
  if (!date_value) return Unauthorized("missing Date header");
  auto date = ParseHttpDate(*date_value);
  if (!date) return Unauthorized("unparseable Date header");
  auto skew = std::chrono::duration_cast<std::chrono::seconds>(options.now - *date);
  if (skew > options.max_skew) return Unauthorized("Date too old");
  if (-skew > options.max_skew) return Unauthorized("Date in the future");
  auto now_s =
      std::chrono::duration_cast<std::chrono::seconds>(options.now.time_since_epoch()).count();
  if (sig.created && *sig.created > now_s + options.max_skew.count())
    return Unauthorized("created in the future");
  if (sig.created && *sig.created < now_s - options.max_skew.count())
    return Unauthorized("created too old");
  if (sig.expires && *sig.expires < now_s) return Unauthorized("signature expired");
  return Ok();
}

}  // namespace

Result<CavageSignature> ParseCavageSignature(std::string_view header_value) {
  if (header_value.size() > kMaxSignatureHeaderBytes)
    return Unauthorized("Signature header larger than 8 KiB");
  auto params = GH_TRY(ParseParams(header_value));
  return FromParams(params);
}

Result<std::string> BuildCavageSigningString(const SignedRequestView& req,
                                             std::string_view request_target,
                                             const CavageSignature& sig) {
  std::string out;
  for (const std::string& name : sig.headers) {
    if (!out.empty()) out += '\n';
    if (name == "(request-target)") {
      out.append("(request-target): ")
          .append(ToLowerAscii(req.method))
          .append(" ")
          .append(request_target);
    } else if (name == "(created)" || name == "(expires)") {
      const auto& v = name == "(created)" ? sig.created : sig.expires;
      if (!v) return Unauthorized(name + " signed without its parameter");
      out.append(name).append(": ").append(std::to_string(*v));
    } else if (name.front() == '(') {
      return Unauthorized("unknown pseudo-header " + name);
    } else {
      auto value = req.Header(name);
      if (!value) return Unauthorized("signed header " + name + " is missing");
      out.append(name).append(": ").append(*value);
    }
  }
  return out;
}

std::string DigestHeaderValue(std::string_view body) {
  return "SHA-256=" + Base64Encode(Sha256(body));
}

Result<> CheckDigestHeader(std::string_view digest_header, std::string_view body) {
  bool understood = false;
  size_t pos = 0;
  while (pos <= digest_header.size()) {
    size_t end = std::min(digest_header.find(',', pos), digest_header.size());
    std::string_view item = digest_header.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) return Unauthorized("malformed Digest header");
    std::string alg = ToLowerAscii(item.substr(0, eq));
    if (alg != "sha-256" && alg != "sha-512") continue;
    auto expected = Base64Decode(item.substr(eq + 1));
    if (!expected) return Unauthorized("Digest is not valid Base64");
    if (*expected != (alg == "sha-256" ? Sha256(body) : Sha512(body)))
      return Unauthorized("Digest does not match the body");
    understood = true;
  }
  if (!understood) return Unauthorized("Digest has no SHA-256 or SHA-512 value");
  return Ok();
}

Result<> CheckCavageRequest(const SignedRequestView& req, const CavageSignature& sig,
                            const VerifyOptions& options) {
  const std::string& a = sig.algorithm;
  if (!a.empty() && a != "hs2019" && a != "rsa-sha256" && a != "ed25519")
    return Unauthorized("unsupported algorithm " + a);
  GH_CHECK(CheckRequiredHeaders(req, sig));
  GH_CHECK(CheckHostIsOurs(req, options));
  GH_CHECK(CheckTimes(req, sig, options));
  auto digest = req.Header("digest");
  if (digest) {
    GH_CHECK(CheckDigestHeader(*digest, req.body));
  } else if (!req.body.empty()) {
    return Unauthorized("missing Digest header");
  }
  // Every listed header present, before anyone fetches a key for this request.
  GH_CHECK(BuildCavageSigningString(req, req.target, sig));
  return Ok();
}

Result<> VerifyCavageSignature(const SignedRequestView& req, const CavageSignature& sig,
                               const PublicKey& key) {
  SignatureAlgorithm alg = GH_TRY(ResolveAlgorithm(sig.algorithm, key.type()));
  std::string signing_string = GH_TRY(BuildCavageSigningString(req, req.target, sig));
  if (key.Verify(signing_string, sig.signature, alg)) return Ok();
  // Interop (Fedify): "(request-target)" is signed over the pathname only.
  if (req.target.find('?') != std::string_view::npos && Signs(sig, "(request-target)")) {
    signing_string = GH_TRY(BuildCavageSigningString(req, req.Path(), sig));
    if (key.Verify(signing_string, sig.signature, alg)) return Ok();
  }
  return Unauthorized("signature does not verify");
}

Result<> VerifyCavage(const SignedRequestView& req, const CavageSignature& sig,
                      const PublicKey& key, const VerifyOptions& options) {
  GH_CHECK(CheckCavageRequest(req, sig, options));
  return VerifyCavageSignature(req, sig, key);
}

Result<std::string> SignCavage(const SignedRequestView& req,
                               std::span<const std::string> header_names, const PrivateKey& key,
                               std::string_view key_id) {
  CavageSignature sig;
  sig.key_id = key_id;
  sig.headers.assign(header_names.begin(), header_names.end());
  sig.algorithm = key.type() == KeyType::kRsa ? "rsa-sha256" : "hs2019";
  std::string signing_string = GH_TRY(BuildCavageSigningString(req, req.target, sig));
  std::string signature = GH_TRY(key.Sign(signing_string, DefaultAlgorithm(key.type())));
  std::string headers;
  for (const auto& h : sig.headers) headers += (headers.empty() ? "" : " ") + h;
  return "keyId=" + Quote(sig.key_id) + ",algorithm=\"" + sig.algorithm +
         "\",headers=" + Quote(headers) + ",signature=\"" + Base64Encode(signature) + "\"";
}

}  // namespace guildhall::federation
