#include "federation/dereference/actor_cache.h"

#include "federation/log.h"
#include "federation/protocol/as2_reader.h"
#include "federation/protocol/url.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {
namespace {

using storage::RemoteActor;
using storage::RemoteActorCodec;
using storage::Table;

// Fetch failures other than "try again later" mean the key cannot be
// trusted: the inbox answers 401 for them (security.md §3.2).
Error AsKeyError(const Error& e, std::string_view key_id) {
  if (e.code == Code::kUnavailable || e.code == Code::kUnauthorized) return e;
  return Error::Unauthorized("cannot use key " + std::string(key_id) + ": " + e.message);
}

// The key-document form (GoToSocial and Mastodon serve one at some key
// URLs): {"id": key, "owner": actor, "publicKeyPem": ...}. Its owner, or
// empty if `doc` is not one.
std::string KeyDocumentOwner(const json::Value& doc) {
  const json::Value* owner = doc.Find("owner");
  if (owner == nullptr || !owner->is_string() || doc.Find("publicKeyPem") == nullptr) return {};
  return owner->text();
}

Result<as::Actor> ActorFrom(const FetchedDocument& doc) {
  auto parsed = GH_TRY(as::DocumentFromJson(doc.json));
  auto* actor = std::get_if<as::Actor>(&parsed);
  if (actor == nullptr) return Error::Invalid("not an actor: " + doc.final_url);
  actor->raw_json = doc.body;
  return std::move(*actor);
}

}  // namespace

Result<as::Actor> ActorAt(const FetchedDocument& doc, const std::string& actor_id) {
  as::Actor actor = GH_TRY(ActorFrom(doc));
  if (CanonicalUrl(actor.id) != CanonicalUrl(actor_id)) {
    return Error::Invalid("actor document " + actor.id + " is not " + actor_id);
  }
  return actor;
}

Result<KeyUrlAnswer> ReadKeyUrl(const FetchedDocument& doc, const std::string& key_id) {
  KeyUrlAnswer answer;
  answer.owner = KeyDocumentOwner(doc.json);
  if (answer.owner.empty()) {
    as::Actor actor = GH_TRY(ActorFrom(doc));
    // The usual case: the key id is "<actor>#main-key" and we have the actor.
    if (CanonicalUrl(actor.id) == CanonicalUrl(WithoutFragment(key_id))) {
      answer.actor = std::move(actor);
      return answer;
    }
    answer.owner = actor.id;  // a stub naming its actor: ask the actor itself
  }
  if (!SameOrigin(answer.owner, key_id)) {
    return Error::Unauthorized("key " + key_id + " names an owner on another origin");
  }
  return answer;
}

ActorCache::ActorCache(storage::Store& store, Fetcher& fetcher, const Clock& clock,
                       ActorCacheOptions options)
    : store_(store), fetcher_(fetcher), clock_(clock), options_(options) {}

Result<ActorKey> ActorCache::KeyForId(std::string_view key_id_view, bool refresh) {
  const std::string key_id(key_id_view);
  if (auto local = KeyFromCache(key_id, refresh)) return std::move(*local);
  return AfterFetch(key_id, FetchKeyOwner(key_id));
}

std::optional<Result<ActorKey>> ActorCache::KeyFromCache(std::string_view key_id_view,
                                                         bool refresh) {
  const std::string key_id(key_id_view);
  const TimePoint now = clock_.Now();
  std::optional<Entry> cached = CachedEntry(key_id);
  if (cached && !refresh && Fresh(cached->fetched_at)) return cached->key;
  // Refetching is what an attacker with bad signatures would make us do:
  // at most once per key per refresh_interval.
  if (cached && refresh && now - cached->refreshed_at < options_.refresh_interval) {
    return cached->key;
  }
  auto stored = LoadByKeyId(key_id);
  if (!stored) return Result<ActorKey>(stored.error());
  if (*stored && !refresh && Fresh(FromUnixMillis((*stored)->fetched_at))) {
    auto key = KeyOfActor(**stored, key_id);
    if (key) Remember({*key, FromUnixMillis((*stored)->fetched_at), TimePoint{}});
    return key;
  }
  return std::nullopt;
}

// The end of every network fetch of a key: the checked key, remembered; or,
// when the origin is down, a copy we had (security.md §3.2: a stale key of
// the right owner beats dropping the peer's traffic).
Result<ActorKey> ActorCache::AfterFetch(const std::string& key_id, Result<RemoteActor> fetched) {
  if (!fetched) {
    if (fetched.error().code == Code::kUnavailable) {
      if (std::optional<Entry> cached = CachedEntry(key_id)) {
        Log().warn("event=stale_key_used key_id={} error={}", LogField(key_id),
                   LogField(fetched.error().message));
        return cached->key;
      }
      auto stored = LoadByKeyId(key_id);
      if (stored && *stored) {
        Log().warn("event=stale_key_used key_id={} error={}", LogField(key_id),
                   LogField(fetched.error().message));
        return KeyOfActor(**stored, key_id);
      }
    }
    return AsKeyError(fetched.error(), key_id);
  }
  auto key = KeyOfActor(*fetched, key_id);
  if (!key) return key.error();
  const TimePoint now = clock_.Now();
  Remember({*key, now, now});
  return key;
}

Result<RemoteActor> ActorCache::GetActor(std::string_view actor_id_view, bool refresh) {
  const std::string actor_id = WithoutFragment(actor_id_view);
  std::optional<RemoteActor> stored;
  GH_CHECK(store_.Read([&](storage::ReadTxn& txn) -> Result<> {
    stored = GH_TRY(Table<RemoteActorCodec>::Get(txn, RemoteActorCodec::KeyOf(actor_id)));
    return Ok();
  }));
  if (stored && !refresh && Fresh(FromUnixMillis(stored->fetched_at))) return *stored;
  auto fetched = FetchActor(actor_id);
  if (!fetched && fetched.error().code == Code::kUnavailable && stored) return *stored;
  return fetched;
}

KeyLookup ActorCache::AsKeyLookup() {
  return [this](std::string_view key_id, KeyFetch mode) -> Result<KeyInfo> {
    auto key = GH_TRY(KeyForId(key_id, mode == KeyFetch::kRefresh));
    return KeyInfo{std::move(key.key), std::move(key.owner)};
  };
}

size_t ActorCache::cached_keys() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

Result<RemoteActor> ActorCache::FetchKeyOwner(const std::string& key_id) {
  const FetchedDocument doc = GH_TRY(fetcher_.FetchObject(key_id));
  KeyUrlAnswer answer = GH_TRY(ReadKeyUrl(doc, key_id));
  if (answer.actor) {
    RemoteActor rec = ActorRecord(*answer.actor, clock_.Now());
    GH_CHECK(Save(rec));
    return rec;
  }
  return FetchActor(answer.owner);
}

Result<RemoteActor> ActorCache::FetchActor(const std::string& actor_id) {
  const FetchedDocument doc = GH_TRY(fetcher_.FetchObject(actor_id));
  as::Actor actor = GH_TRY(ActorAt(doc, actor_id));
  RemoteActor rec = ActorRecord(actor, clock_.Now());
  GH_CHECK(Save(rec));
  return rec;
}

Result<std::optional<RemoteActor>> ActorCache::LoadByKeyId(const std::string& key_id) {
  std::optional<RemoteActor> found;
  GH_CHECK(store_.Read([&](storage::ReadTxn& txn) -> Result<> {
    found = GH_TRY(Table<RemoteActorCodec>::FindFirst(txn, storage::tables::kRemoteActorsByKeyId,
                                                      RemoteActorCodec::KeyIdPrefix(key_id)));
    return Ok();
  }));
  return found;
}

Result<> ActorCache::Save(const RemoteActor& actor) {
  return store_.Write(
      [actor](storage::WriteTxn& txn) { return Table<RemoteActorCodec>::Put(txn, actor); });
}

bool ActorCache::Fresh(TimePoint fetched_at) const {
  return clock_.Now() - fetched_at < options_.stale_after;
}

std::optional<ActorCache::Entry> ActorCache::CachedEntry(const std::string& key_id) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key_id);
  if (it == index_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, it->second);
  return *it->second;
}

void ActorCache::Remember(Entry entry) {
  std::lock_guard lock(mu_);
  if (auto it = index_.find(entry.key.key_id); it != index_.end()) {
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(std::move(entry));
  index_[lru_.front().key.key_id] = lru_.begin();
  while (lru_.size() > std::max<size_t>(1, options_.max_cached_keys)) {
    index_.erase(lru_.back().key.key_id);
    lru_.pop_back();
  }
}

}  // namespace guildhall::federation
