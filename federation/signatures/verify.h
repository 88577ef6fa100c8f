// The single front door for signed requests: detects the scheme (RFC 9421
// when Signature-Input is present, draft-cavage otherwise), runs every check
// that needs no key, then asks the caller's KeyLookup for the key and
// verifies. Also signs outbound requests. federation/authenticate plugs a key
// cache and remote fetch into KeyLookup and then requires
// VerifiedSignature::owner == activity.actor. Thread-safe if KeyLookup is.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/signatures/keys.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/result.h"

namespace guildhall::federation {

enum class SignatureScheme { kCavage, kRfc9421 };

// A key as published by its owner (the actor whose publicKey lists it).
struct KeyInfo {
  PublicKey key;
  std::string owner;  // the actor id that owns the key
};

enum class KeyFetch {
  kCached,   // any cached copy will do
  kRefresh,  // the cached key failed to verify: refetch (rate-limit this per key)
};

// Resolves a keyId. Called with kCached first and, only when the signature
// does not verify under that key, once more with kRefresh (Mastodon refetches
// on failure to follow key rotation). Errors are passed through unchanged, so
// return kUnavailable for a temporary fetch failure (503: the sender retries),
// kForbidden for a blocked domain, kUnauthorized for an unknown key.
using KeyLookup = std::function<Result<KeyInfo>(std::string_view key_id, KeyFetch mode)>;

struct VerifiedSignature {
  std::string key_id;
  std::string owner;
  SignatureScheme scheme = SignatureScheme::kCavage;
};

// kUnauthorized for an unsigned or unverifiable request (with the reason);
// lookup errors as returned. RFC 9421 needs options.public_origin.
Result<VerifiedSignature> VerifyRequest(const SignedRequestView& req, const KeyLookup& lookup,
                                        const VerifyOptions& options);

struct OutgoingRequest {
  std::string_view method;  // "POST" or "GET"
  std::string_view url;     // absolute http(s) URL of the destination
  std::string_view body;    // empty for GET
  std::string_view content_type = "application/activity+json";  // sent with a body
  std::string_view accept;                                      // sent (and signed) when not empty
};

// The headers to put on an outbound request, draft-cavage signed (what every
// peer accepts): Host, Date, [Content-Type, Digest,] [Accept,] Signature over
// "(request-target) host date [digest content-type] [accept]".
// (request-target) covers path and query, as Mastodon does.
Result<std::vector<HeaderField>> SignRequest(const OutgoingRequest& request, const PrivateKey& key,
                                             std::string_view key_id, TimePoint now);

}  // namespace guildhall::federation
