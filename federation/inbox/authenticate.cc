#include "federation/inbox/authenticate.h"

#include "federation/protocol/url.h"

namespace guildhall::federation {

Authenticator::Authenticator(const Uris& uris, const PeerPolicy& policy, const Clock& clock,
                             AuthenticateOptions options)
    : uris_(uris), policy_(policy), clock_(clock), options_(options) {}

// Runs the door checks before any key is fetched: a blocked or local key id
// never causes a request to anyone.
KeyLookup Authenticator::Guarded(const KeyLookup& lookup) const {
  return [this, &lookup](std::string_view key_id, KeyFetch mode) -> Result<KeyInfo> {
    auto origin = OriginOf(key_id);
    if (!origin) return Error::Unauthorized("signature: keyId is not an http(s) URL");
    if (*origin == uris_.origin())
      return Error::Unauthorized("signature: keyId is on our own origin");
    if (!policy_.DomainAllowed(origin->Authority())) {
      return Error::Forbidden("sender domain is not federated with");
    }
    return lookup(key_id, mode);
  };
}

Result<Authenticated> Authenticator::Authenticate(const SignedRequestView& req,
                                                  std::string_view claimed_actor,
                                                  const KeyLookup& lookup) const {
  VerifyOptions verify;
  verify.now = clock_.Now();
  verify.max_skew = options_.max_skew;
  verify.public_origin = uris_.base();
  const KeyLookup guarded = Guarded(lookup);
  auto sig = GH_TRY(VerifyRequest(req, guarded, verify));
  if (!claimed_actor.empty() && sig.owner != claimed_actor) {
    return Error::Unauthorized("signature: the signer and the actor do not match");
  }
  auto owner_origin = OriginOf(sig.owner);
  if (!owner_origin || !SameOrigin(*owner_origin, sig.key_id)) {
    return Error::Unauthorized("signature: keyId is not on the actor's origin");
  }
  return Authenticated{std::move(sig.owner), std::move(sig.key_id), owner_origin->Authority(),
                       sig.scheme};
}

KeyLookup LocalOnlyLookup(const KeyLookup& lookup,
                          const std::function<bool(std::string_view)>& key_known,
                          std::optional<NetworkKey>& needed) {
  return [&](std::string_view key_id, KeyFetch mode) -> Result<KeyInfo> {
    if (mode != KeyFetch::kCached || !key_known || !key_known(key_id)) {
      needed = NetworkKey{std::string(key_id), mode};
      return Error::Unavailable("key not known locally");
    }
    return lookup(key_id, mode);
  };
}

namespace {

// `local`, except that `key_id` gets the answer its fetch brought, in either
// mode: a refresh right after a fetch would only fetch it again.
KeyLookup WithFetchedKey(const KeyLookup& local, const std::string& key_id,
                         const Result<KeyInfo>& fetched) {
  return [&](std::string_view id, KeyFetch mode) -> Result<KeyInfo> {
    if (id == key_id) return fetched;
    return local(id, mode);
  };
}

void CheckWithFetchedKey(const AuthenticateStep& check, const KeySources& keys,
                         const std::string& key_id, const Result<KeyInfo>& fetched,
                         const std::function<void(Result<Authenticated>)>& done) {
  std::optional<NetworkKey> again;
  const KeyLookup local = LocalOnlyLookup(keys.lookup, keys.key_known, again);
  auto auth = check(WithFetchedKey(local, key_id, fetched));
  // One request names one key; asking for another is not worth a fetch.
  if (again) auth = Error::Unauthorized("signature: the request needs a second key");
  done(std::move(auth));
}

}  // namespace

void AuthenticateAsync(const AuthenticateStep& check, const KeySources& keys,
                       std::function<void(Result<Authenticated>)> done) {
  if (!keys.fetch || !keys.resume) return done(check(keys.lookup));
  std::optional<NetworkKey> needed;
  auto auth = check(LocalOnlyLookup(keys.lookup, keys.key_known, needed));
  if (!needed) return done(std::move(auth));
  keys.fetch(needed->key_id, needed->mode,
             [check, &keys, key_id = needed->key_id, done](Result<KeyInfo> fetched) {
               std::function<void()> task = [check, &keys, key_id, fetched, done] {
                 CheckWithFetchedKey(check, keys, key_id, fetched, done);
               };
               if (!keys.resume(task)) done(Error::Unavailable("key fetch queue full"));
             });
}

}  // namespace guildhall::federation
