#include "federation/follows/follow_records.h"

#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Follow;
using storage::FollowCodec;
using storage::Table;

Result<std::optional<Follow>> FindFollow(storage::ReadTxn& tx, storage::FollowKind kind, Id object,
                                         Id follower) {
  return Table<FollowCodec>::Get(tx, FollowCodec::KeyOf(kind, object, follower));
}

Result<std::optional<Follow>> FindFollowByActivity(storage::ReadTxn& tx,
                                                   std::string_view activity_id) {
  if (activity_id.empty()) return std::optional<Follow>();
  return Table<FollowCodec>::FindUnique(tx, storage::tables::kFollowsByActivity,
                                        FollowCodec::ActivityKey(activity_id));
}

Result<> PutFollow(storage::WriteTxn& tx, const Follow& follow) {
  return Table<FollowCodec>::Put(tx, follow);
}

Result<> EraseFollow(storage::WriteTxn& tx, const Follow& follow) {
  return Table<FollowCodec>::Erase(tx, FollowCodec::Key(follow));
}

}  // namespace guildhall::federation
