// OutboxActivity: an activity a local actor sent, stored in the same write as
// the change that caused it (STYLE 12), so that /activities/{id} and the
// actor's outbox collection can serve it and deliveries can refer to it.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/records/local_key.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct OutboxActivity {
  Id id;  // the activity is <base>/activities/{id}
  LocalActorKind actor_kind = LocalActorKind::kNode;
  Id actor;               // member or group id; 0 for the node actor
  std::string type;       // "Create", "Announce", ...
  Id group;               // whose scope decides who may fetch it; 0 if none
  bool listed = false;    // public: shown in the actor's outbox collection
  std::string json;       // the activity exactly as delivered
  int64_t published = 0;  // unix ms
};

// Key: Id. Indexes:
//   activities_by_actor (U8 actor_kind, Id actor, Id id), listed only:
//     a reverse prefix scan is the outbox collection, newest first
struct OutboxActivityCodec {
  using Record = OutboxActivity;
  static constexpr const TableDef& kTable = tables::kOutboxActivities;
  static std::string Key(const OutboxActivity& a) { return KeyOf(a.id); }
  static std::string KeyOf(Id id);
  static std::string Encode(const OutboxActivity& a);
  static Result<OutboxActivity> Decode(std::string_view value);
  static void Indexes(const OutboxActivity& a, IndexEntries& out);
  static std::string ByActorPrefix(LocalActorKind kind, Id actor);
  static std::string ByActorKey(LocalActorKind kind, Id actor, Id id);
};

}  // namespace guildhall::storage
