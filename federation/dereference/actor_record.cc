// Turning fetched actor documents into stored records and checked keys: the
// ownership and origin rules of reference/security.md §1.5 ("keyId vs actor
// mismatch", "key confusion across hosts").
#include <set>

#include "federation/dereference/actor_cache.h"
#include "federation/protocol/url.h"

namespace guildhall::federation {

storage::RemoteActor ActorRecord(const as::Actor& actor, TimePoint fetched_at) {
  storage::RemoteActor rec;
  rec.id = actor.id;
  rec.type = actor.type;
  rec.preferred_username = actor.preferred_username;
  rec.name = actor.name;
  auto origin = OriginOf(actor.id);
  rec.domain = origin ? origin->Authority() : std::string();
  rec.inbox = actor.inbox;
  rec.shared_inbox = actor.shared_inbox;
  rec.followers = actor.followers;
  std::set<std::string> seen;
  for (const auto& key : actor.public_keys) {
    if (key.owner != actor.id || !SameOrigin(key.id, actor.id)) continue;
    if (key.public_key_pem.empty() || !seen.insert(key.id).second) continue;
    rec.keys.push_back({key.id, key.public_key_pem});
  }
  rec.raw_json = actor.raw_json;
  rec.fetched_at = UnixMillis(fetched_at);
  return rec;
}

Result<ActorKey> KeyOfActor(const storage::RemoteActor& actor, std::string_view key_id) {
  if (!SameOrigin(key_id, actor.id)) {
    return Error::Unauthorized("key " + std::string(key_id) + " is not on its owner's origin");
  }
  for (const auto& key : actor.keys) {
    if (key.id != key_id) continue;
    auto parsed = PublicKey::FromPem(key.pem);
    if (!parsed)
      return Error::Unauthorized("unusable key " + key.id + ": " + parsed.error().message);
    return ActorKey{key.id, actor.id, std::move(*parsed)};
  }
  return Error::Unauthorized("actor " + actor.id + " does not list key " + std::string(key_id));
}

}  // namespace guildhall::federation
