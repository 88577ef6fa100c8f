// Follow: a follow relation federation must remember beyond the membership
// it creates: the Follow activity's id (an Accept, Reject or Undo names it)
// and whether it was accepted. Three kinds share the table:
//   kToExternalGroup  a local member follows a remote group (object: the
//                     external Group record, follower: the local member)
//   kToLocalGroup     a remote actor follows a local group (object: group,
//                     follower: the remote Member record)
//   kToLocalMember    a remote actor follows a local member's Person
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class FollowKind : uint8_t { kToExternalGroup = 0, kToLocalGroup = 1, kToLocalMember = 2 };
enum class FollowState : uint8_t { kPending = 0, kAccepted = 1 };

struct Follow {
  FollowKind kind = FollowKind::kToExternalGroup;
  Id object;
  Id follower;
  std::string activity_id;  // the Follow activity's AP id (ours or theirs)
  FollowState state = FollowState::kPending;
  int64_t created = 0;  // unix ms
  int64_t updated = 0;
};

// Key: (U8 kind, Id object, Id follower). Indexes:
//   follows_by_activity (Str activity_id) unique
struct FollowCodec {
  using Record = Follow;
  static constexpr const TableDef& kTable = tables::kFollows;
  static std::string Key(const Follow& f) { return KeyOf(f.kind, f.object, f.follower); }
  static std::string KeyOf(FollowKind kind, Id object, Id follower);
  static std::string ByObjectPrefix(FollowKind kind, Id object);
  static std::string Encode(const Follow& f);
  static Result<Follow> Decode(std::string_view value);
  static void Indexes(const Follow& f, IndexEntries& out);
  static std::string ActivityKey(std::string_view activity_id);
};

}  // namespace guildhall::storage
