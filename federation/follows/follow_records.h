// The follows table's operations (storage/model/records/follow.h), shared by
// the inbox (Follow, Accept, Reject, Undo), the outbox hooks (Accept on
// approval, Undo on leave) and federation/follows. Stateless; run inside the
// caller's transaction; thread-compatible.
#pragma once

#include <optional>
#include <string_view>

#include "storage/model/kv.h"
#include "storage/model/records/follow.h"

namespace guildhall::federation {

Result<std::optional<storage::Follow>> FindFollow(storage::ReadTxn& tx, storage::FollowKind kind,
                                                  Id object, Id follower);
Result<std::optional<storage::Follow>> FindFollowByActivity(storage::ReadTxn& tx,
                                                            std::string_view activity_id);
// Replaces any follow of the same (kind, object, follower).
Result<> PutFollow(storage::WriteTxn& tx, const storage::Follow& follow);
Result<> EraseFollow(storage::WriteTxn& tx, const storage::Follow& follow);

}  // namespace guildhall::federation
