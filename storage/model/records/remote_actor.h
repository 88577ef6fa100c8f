// RemoteActor: the cached copy of an actor on another node, as fetched from
// its origin (federation/dereference): the fields federation needs (inboxes,
// keys, names) beside the verbatim JSON (STYLE 29). An actor may publish
// several keys; each key id is indexed so signature verification finds the
// actor from a keyId. Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct RemoteActorKey {
  std::string id;   // the key id, e.g. "https://peer.example/u/alice#main-key"
  std::string pem;  // publicKeyPem
};

struct RemoteActor {
  std::string id;    // the actor's AP id (checked equal to the URL it came from)
  std::string type;  // "Person", "Group", "Application", "Service", ...
  std::string preferred_username;
  std::string name;
  std::string domain;  // the authority of `id`, "host[:port]"
  std::string inbox;
  std::string shared_inbox;  // endpoints.sharedInbox; empty if none
  std::string followers;
  std::vector<RemoteActorKey> keys;  // each with owner == id, same origin as id
  std::string raw_json;
  int64_t fetched_at = 0;  // unix ms
};

// Key: Str id. Indexes:
//   remote_actors_by_key_id (Str key id, Str actor id), one per key
struct RemoteActorCodec {
  using Record = RemoteActor;
  static constexpr const TableDef& kTable = tables::kRemoteActors;
  static std::string Key(const RemoteActor& a) { return KeyOf(a.id); }
  static std::string KeyOf(std::string_view id);
  static std::string Encode(const RemoteActor& a);
  static Result<RemoteActor> Decode(std::string_view value);
  static void Indexes(const RemoteActor& a, IndexEntries& out);
  static std::string KeyIdPrefix(std::string_view key_id);
};

}  // namespace guildhall::storage
