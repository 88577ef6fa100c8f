// Authenticate: the ONE check of who sent a signed request, used by the inbox
// and by signed GETs of our objects and collections (authorized fetch).
// It wraps VerifyRequest (draft-cavage or RFC 9421) and then requires what
// the signature alone does not prove (reference/security.md §1.5):
//   - the key's domain is one we federate with (403 otherwise, no fetch);
//   - the key id is not on our own origin (a local key cannot arrive here);
//   - the key's owner is the claimed actor (Fedify CVE-2025-54888), when the
//     caller names one (the activity's `actor`);
//   - the key id is on the owner's origin (Misskey #2546).
// A key that fails to verify is refetched once (VerifyRequest asks the
// KeyLookup with kRefresh; ActorCache rate-limits that per key, Mastodon's
// rotation rule). Errors: kUnauthorized (401) for every unverifiable
// request, kForbidden (403) for a blocked domain, kUnavailable (503) when
// the key could not be fetched for now.
// Stateless after construction; thread-safe if the KeyLookup passed in is.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "federation/authorize/peer_policy.h"
#include "federation/signatures/verify.h"
#include "federation/uris.h"
#include "storage/model/clock.h"

namespace guildhall::federation {

struct AuthenticateOptions {
  std::chrono::seconds max_skew{3600};
};

struct Authenticated {
  std::string actor;  // the key's owner (== the claimed actor when one was named)
  std::string key_id;
  std::string domain;  // the actor's authority ("peer.example")
  SignatureScheme scheme = SignatureScheme::kCavage;
};

class Authenticator {
 public:
  // REQUIRES: all references outlive the Authenticator.
  Authenticator(const Uris& uris, const PeerPolicy& policy, const Clock& clock,
                AuthenticateOptions options);
  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;

  // `claimed_actor` empty: any verified owner is accepted (signed GETs).
  // `lookup` is the key source: the ActorCache's (may fetch), or a cache-only
  // one on an I/O thread (see Inbox).
  Result<Authenticated> Authenticate(const SignedRequestView& req, std::string_view claimed_actor,
                                     const KeyLookup& lookup) const;

 private:
  KeyLookup Guarded(const KeyLookup& lookup) const;

  const Uris& uris_;
  const PeerPolicy& policy_;
  const Clock& clock_;
  const AuthenticateOptions options_;
};

// A key that could not be answered without the network.
struct NetworkKey {
  std::string key_id;
  KeyFetch mode = KeyFetch::kCached;
};

// `lookup` as an I/O thread may use it: a key that `key_known` does not
// report as stored locally (or any refresh) is not fetched; instead `needed`
// names it and the lookup fails, and the caller fetches it and checks again
// (AuthenticateAsync). With no `key_known`, every key needs the network.
KeyLookup LocalOnlyLookup(const KeyLookup& lookup,
                          const std::function<bool(std::string_view)>& key_known,
                          std::optional<NetworkKey>& needed);

// Fetches a key without blocking: `done` runs once, on any thread.
using KeyFetcher = std::function<void(std::string_view key_id, KeyFetch mode,
                                      std::function<void(Result<KeyInfo>)> done)>;

// Where a door gets keys. `lookup` answers from what is stored (and, used
// alone when `fetch` or `resume` is null, may block on the network: tests).
struct KeySources {
  KeyLookup lookup;
  std::function<bool(std::string_view key_id)> key_known;
  KeyFetcher fetch;  // a key not known locally (KeyFetchQueue in the node)
  // Runs the check again once a fetch ended, off the fetch's thread; false
  // when it refused (pool full: the request gets kUnavailable).
  std::function<bool(std::function<void()>)> resume;
};

// One Authenticate call of a door, given the lookup to use.
using AuthenticateStep = std::function<Result<Authenticated>(const KeyLookup& lookup)>;

// Runs `check` without ever blocking the calling thread on a peer: first
// with the keys known locally; when it needed one from the network, that key
// is fetched through `keys.fetch` and `check` runs again on `keys.resume`
// with the fetched answer. `done` gets the outcome exactly once (inline when
// no fetch was needed).
void AuthenticateAsync(const AuthenticateStep& check, const KeySources& keys,
                       std::function<void(Result<Authenticated>)> done);

}  // namespace guildhall::federation
