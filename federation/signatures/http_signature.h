// draft-cavage HTTP Signatures (draft-cavage-http-signatures-12), the scheme
// the fediverse speaks: parsing the `Signature` header, building the signing
// string, verifying an inbound request and signing an outbound one.
// Every failure is kUnauthorized with a precise, loggable reason; the inbox
// answers 401 to all of them. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "federation/signatures/keys.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/result.h"

namespace guildhall::federation {

inline constexpr size_t kMaxSignatureHeaderBytes = 8 * 1024;

struct CavageSignature {
  std::string key_id;
  std::string algorithm;             // lower-cased; empty when absent
  std::vector<std::string> headers;  // lower-cased, in signing order
  std::string signature;             // the decoded signature bytes
  std::optional<int64_t> created;    // Unix seconds
  std::optional<int64_t> expires;
};

// Parses a Signature header value strictly: comma-separated name="value"
// pairs (quoted-string rules; `created`/`expires` may be bare integers), no
// duplicate names, no trailing or stray characters, at most 8 KiB; keyId and
// signature required, signature strict Base64. Unknown well-formed parameters
// are ignored (they do not take part in verification).
Result<CavageSignature> ParseCavageSignature(std::string_view header_value);

// The signing string (§2.3) over sig.headers. `request_target` is the
// target used for "(request-target)" (normally req.target).
// kUnauthorized if a listed header is missing from the request.
Result<std::string> BuildCavageSigningString(const SignedRequestView& req,
                                             std::string_view request_target,
                                             const CavageSignature& sig);

// The checks that need no key, run before any key fetch: algorithm known,
// (request-target), host, date (and digest when there is a body) signed,
// Host is ours (when options.public_origin is set), Date parseable and within
// the window, created/expires sane, Digest present and matching the body.
Result<> CheckCavageRequest(const SignedRequestView& req, const CavageSignature& sig,
                            const VerifyOptions& options);

// The cryptographic check alone. Tries the target as received and, if that
// fails and it has a query, the path alone (Fedify signs the pathname only).
Result<> VerifyCavageSignature(const SignedRequestView& req, const CavageSignature& sig,
                               const PublicKey& key);

// Both of the above.
Result<> VerifyCavage(const SignedRequestView& req, const CavageSignature& sig,
                      const PublicKey& key, const VerifyOptions& options);

// "SHA-256=<base64>" for an outbound body.
std::string DigestHeaderValue(std::string_view body);
// Checks a Digest header against the body (RFC 3230): SHA-256 and SHA-512
// understood (case-insensitive); every understood digest must match and at
// least one must be present; others (SHA=, MD5=) are ignored.
Result<> CheckDigestHeader(std::string_view digest_header, std::string_view body);

// Signs `req` over `header_names` (lower-case, e.g. "(request-target)",
// "host", "date", "digest") and returns the Signature header value, with
// algorithm "rsa-sha256" for RSA keys and "hs2019" for Ed25519 keys.
Result<std::string> SignCavage(const SignedRequestView& req,
                               std::span<const std::string> header_names, const PrivateKey& key,
                               std::string_view key_id);

}  // namespace guildhall::federation
