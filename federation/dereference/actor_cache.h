// ActorCache: remote actors and their public keys, fetched from their origin
// through the Fetcher, kept in LMDB (remote_actors, indexed by key id) and,
// for keys, parsed in a bounded in-memory LRU so that verifying an inbound
// signature usually costs no parse and no I/O (PERFORMANCE "cache what is
// read often"). Stored actors go stale after `stale_after` and are refetched;
// a caller whose signature check failed asks for a refresh, which refetches
// at most once per key per `refresh_interval` (key rotation; Mastodon's
// 5-minute cool-off). A key is accepted only if the actor document at its
// owner's id lists it, with owner == that actor, on the same origin.
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "federation/dereference/fetcher.h"
#include "federation/protocol/as2.h"
#include "federation/signatures/keys.h"
#include "federation/signatures/verify.h"
#include "storage/model/kv.h"
#include "storage/model/records/remote_actor.h"

namespace guildhall::federation {

struct ActorCacheOptions {
  std::chrono::seconds stale_after{std::chrono::hours(24)};
  std::chrono::seconds refresh_interval{std::chrono::minutes(5)};
  size_t max_cached_keys = 10000;
};

struct ActorKey {
  std::string key_id;
  std::string owner;  // the actor id; same origin as key_id
  PublicKey key;
};

class ActorCache {
 public:
  ActorCache(storage::Store& store, Fetcher& fetcher, const Clock& clock,
             ActorCacheOptions options = {});
  ActorCache(const ActorCache&) = delete;
  ActorCache& operator=(const ActorCache&) = delete;

  // The key `key_id` names. `refresh` forces a refetch from the origin (rate
  // limited per key: within refresh_interval of the last one, the cached key
  // is returned). A stale or missing entry is fetched; if that fails with
  // kUnavailable and a stored copy exists, the stored copy is used.
  // Errors: kUnauthorized when the key is unknown, not listed by its owner or
  // not on the owner's origin; kUnavailable when the origin cannot be reached.
  Result<ActorKey> KeyForId(std::string_view key_id, bool refresh);

  // What KeyForId answers without the network: a fresh cached or stored key,
  // or the cached one when a refresh comes within refresh_interval of the
  // last. nullopt when the key must be fetched.
  std::optional<Result<ActorKey>> KeyFromCache(std::string_view key_id, bool refresh);

  // The network half of KeyForId without blocking (KeyFetchQueue runs it):
  // fetches the key URL, and its owner when the URL serves a key document,
  // each request within `timeout`; stores the actor; then `done` gets what
  // KeyForId would answer (stale copy on kUnavailable included). `done` runs
  // once, on the HTTP client's or the store writer's thread: be quick.
  CancelRequest FetchKeyAsync(const std::string& key_id, std::chrono::milliseconds timeout,
                              std::function<void(Result<ActorKey>)> done);

  // The actor `actor_id`: stored copy when fresh, fetched otherwise (or when
  // `refresh`). Errors as Fetcher::FetchObject, or kInvalid if the document
  // is not an actor whose id is actor_id.
  Result<storage::RemoteActor> GetActor(std::string_view actor_id, bool refresh = false);

  // The KeyLookup that VerifyRequest takes (federation/signatures/verify.h).
  KeyLookup AsKeyLookup();

  size_t cached_keys() const;

 private:
  struct Entry {
    ActorKey key;
    TimePoint fetched_at;
    TimePoint refreshed_at;  // last forced refresh; epoch if none
  };

  struct AsyncFetch;
  void OnKeyUrl(const std::shared_ptr<AsyncFetch>& f, Result<FetchedDocument> doc);
  void OnOwner(const std::shared_ptr<AsyncFetch>& f, const std::string& owner,
               Result<FetchedDocument> doc);
  void SaveAndFinish(const std::shared_ptr<AsyncFetch>& f, const as::Actor& actor);
  Result<ActorKey> AfterFetch(const std::string& key_id, Result<storage::RemoteActor> fetched);
  std::optional<Entry> CachedEntry(const std::string& key_id);
  void Remember(Entry entry);
  Result<std::optional<storage::RemoteActor>> LoadByKeyId(const std::string& key_id);
  Result<storage::RemoteActor> FetchKeyOwner(const std::string& key_id);
  Result<storage::RemoteActor> FetchActor(const std::string& actor_id);
  Result<> Save(const storage::RemoteActor& actor);
  bool Fresh(TimePoint fetched_at) const;

  storage::Store& store_;
  Fetcher& fetcher_;
  const Clock& clock_;
  const ActorCacheOptions options_;

  mutable std::mutex mu_;
  std::list<Entry> lru_;  // GUARDED_BY(mu_): most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;  // GUARDED_BY(mu_)
};

// What a fetched key URL holds: the actor itself (the usual
// "<actor>#main-key"), or a key document or stub naming the `owner` to fetch
// next, which must be on the key's origin (kUnauthorized otherwise).
struct KeyUrlAnswer {
  std::optional<as::Actor> actor;
  std::string owner;
};
Result<KeyUrlAnswer> ReadKeyUrl(const FetchedDocument& doc, const std::string& key_id);

// The actor document `doc` fetched from `actor_id`; kInvalid unless its id is
// actor_id.
Result<as::Actor> ActorAt(const FetchedDocument& doc, const std::string& actor_id);

// The key `key_id` of `actor`, checked: listed by the actor with owner equal
// to its id and the same origin. kUnauthorized otherwise.
Result<ActorKey> KeyOfActor(const storage::RemoteActor& actor, std::string_view key_id);

// The storable form of a fetched actor: keys whose owner is not the actor or
// whose id is on another origin are left out (they can never verify).
storage::RemoteActor ActorRecord(const as::Actor& actor, TimePoint fetched_at);

}  // namespace guildhall::federation
