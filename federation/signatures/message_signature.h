// RFC 9421 HTTP Message Signatures: what Fedify sends first
// (`Signature-Input: sig1=("@method" "@target-uri" "@authority" "host" "date"
// "content-digest");alg="rsa-v1_5-sha256";keyid="...";created=...`), plus
// Content-Digest (RFC 9530). Verification and signing of requests.
// Unverifiable requests are kUnauthorized (the inbox answers 401, never 2xx:
// Fedify then retries with draft-cavage). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "federation/protocol/url.h"
#include "federation/signatures/keys.h"
#include "federation/signatures/signed_request.h"
#include "federation/signatures/structured_fields.h"
#include "storage/model/result.h"

namespace guildhall::federation {

struct MessageSignature {
  std::string label;                    // "sig1"
  sf::InnerList input;                  // the Signature-Input member, as parsed
  std::vector<std::string> components;  // covered component names, in order
  std::string key_id;
  std::string alg;                 // empty when absent
  std::optional<int64_t> created;  // Unix seconds
  std::optional<int64_t> expires;
  std::string signature;  // decoded bytes
};

// Every label present in both Signature-Input and Signature, in
// Signature-Input order. kUnauthorized when the fields are malformed, when a
// covered component carries parameters (;sf, ;key, ;req, ... unsupported), or
// when no label has both halves.
Result<std::vector<MessageSignature>> ParseMessageSignatures(const SignedRequestView& req);

// The signature base (RFC 9421 §2.5). `origin` supplies @target-uri,
// @authority and @scheme: our public origin when verifying, the destination's
// when signing.
Result<std::string> BuildSignatureBase(const SignedRequestView& req, const MessageSignature& sig,
                                       const Origin& origin);

// Checks needing no key: required components covered (@method; @target-uri or
// @request-target or @path [+ @query]; @authority or host; content-digest when
// there is a body), Host is ours, created present and within the window,
// expires not past, Date (if covered) within the window, Content-Digest
// matches the body, alg known.
Result<> CheckMessageSignatureRequest(const SignedRequestView& req, const MessageSignature& sig,
                                      const VerifyOptions& options);
// The cryptographic check alone (needs options.public_origin).
Result<> VerifyMessageSignatureCrypto(const SignedRequestView& req, const MessageSignature& sig,
                                      const PublicKey& key, const VerifyOptions& options);
Result<> VerifyMessageSignature(const SignedRequestView& req, const MessageSignature& sig,
                                const PublicKey& key, const VerifyOptions& options);

// "sha-256=:<base64>:".
std::string ContentDigestHeaderValue(std::string_view body);
// sha-256 and sha-512 understood; every understood digest must match, at least one present.
Result<> CheckContentDigest(std::string_view content_digest, std::string_view body);

struct MessageSignatureHeaders {
  std::string signature_input;  // value of Signature-Input
  std::string signature;        // value of Signature
};

// Signs `req` (which must already carry every header in `components`) for a
// request to `origin`. alg is rsa-v1_5-sha256 for RSA keys, ed25519 otherwise.
Result<MessageSignatureHeaders> SignMessage(const SignedRequestView& req,
                                            std::span<const std::string> components,
                                            const PrivateKey& key, std::string_view key_id,
                                            const Origin& origin, TimePoint created,
                                            std::string_view label = "sig1");

}  // namespace guildhall::federation
