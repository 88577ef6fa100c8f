#include "federation/signatures/verify.h"

#include "federation/protocol/datetime.h"
#include "federation/protocol/url.h"
#include "federation/signatures/http_signature.h"
#include "federation/signatures/message_signature.h"

namespace guildhall::federation {
namespace {

// Verifies with the cached key, then once with a refreshed one: `verify`
// returns kUnauthorized only for a cryptographic mismatch.
template <class VerifyFn>
Result<VerifiedSignature> WithKey(std::string_view key_id, SignatureScheme scheme,
                                  const KeyLookup& lookup, VerifyFn verify) {
  KeyInfo info = GH_TRY(lookup(key_id, KeyFetch::kCached));
  auto first = verify(info.key);
  if (!first) {
    info = GH_TRY(lookup(key_id, KeyFetch::kRefresh));
    GH_CHECK(verify(info.key));
  }
  return VerifiedSignature{std::string(key_id), std::move(info.owner), scheme};
}

Result<VerifiedSignature> VerifyRfc9421(const SignedRequestView& req, const KeyLookup& lookup,
                                        const VerifyOptions& options) {
  if (options.public_origin.empty())
    return Error::Internal("RFC 9421 verification needs public_origin");
  auto sigs = GH_TRY(ParseMessageSignatures(req));
  // The first label that verifies wins; otherwise report the first failure.
  Result<VerifiedSignature> first_error = Error::Unauthorized("signature: none");
  for (size_t i = 0; i < sigs.size(); ++i) {
    const MessageSignature& sig = sigs[i];
    Result<VerifiedSignature> result = [&]() -> Result<VerifiedSignature> {
      GH_CHECK(CheckMessageSignatureRequest(req, sig, options));
      return WithKey(sig.key_id, SignatureScheme::kRfc9421, lookup, [&](const PublicKey& key) {
        return VerifyMessageSignatureCrypto(req, sig, key, options);
      });
    }();
    if (result) return result;
    if (i == 0) first_error = std::move(result);
  }
  return first_error;
}

Result<VerifiedSignature> VerifyDraftCavage(const SignedRequestView& req, const std::string& header,
                                            const KeyLookup& lookup, const VerifyOptions& options) {
  CavageSignature sig = GH_TRY(ParseCavageSignature(header));
  GH_CHECK(CheckCavageRequest(req, sig, options));
  return WithKey(sig.key_id, SignatureScheme::kCavage, lookup,
                 [&](const PublicKey& key) { return VerifyCavageSignature(req, sig, key); });
}

}  // namespace

Result<VerifiedSignature> VerifyRequest(const SignedRequestView& req, const KeyLookup& lookup,
                                        const VerifyOptions& options) {
  if (req.HeaderCount("signature-input") > 0) return VerifyRfc9421(req, lookup, options);
  if (req.HeaderCount("signature") > 1)
    return Error::Unauthorized("signature: more than one Signature header");
  auto header = req.Header("signature");
  if (!header) return Error::Unauthorized("signature: request is not signed");
  return VerifyDraftCavage(req, *header, lookup, options);
}

Result<std::vector<HeaderField>> SignRequest(const OutgoingRequest& request, const PrivateKey& key,
                                             std::string_view key_id, TimePoint now) {
  HttpUrl url = GH_TRY(ParseHttpUrl(request.url));
  std::vector<HeaderField> headers = {{"Host", url.origin.Authority()},
                                      {"Date", FormatHttpDate(now)}};
  std::vector<std::string> signed_names = {"(request-target)", "host", "date"};
  if (!request.body.empty()) {
    headers.emplace_back("Content-Type", std::string(request.content_type));
    headers.emplace_back("Digest", DigestHeaderValue(request.body));
    signed_names.insert(signed_names.end(), {"digest", "content-type"});
  }
  if (!request.accept.empty()) {
    headers.emplace_back("Accept", std::string(request.accept));
    signed_names.push_back("accept");
  }
  std::string target = url.RequestTarget();
  SignedRequestView view{request.method, target, headers, request.body};
  std::string signature = GH_TRY(SignCavage(view, signed_names, key, key_id));
  headers.emplace_back("Signature", std::move(signature));
  return headers;
}

}  // namespace guildhall::federation
