// ThreadModeration: an optional second interface of a Publisher, for the
// implementations that must know WHO pinned or locked a thread (federation
// sends Lemmy's Add/Lock with the acting moderator as actor). Threads asks
// the publisher for it; a publisher without it gets ThreadUpdated, as
// before. Same contract as Publisher: runs inside the write transaction,
// must not block, thread-safe.
#pragma once

#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/thread.h"

namespace guildhall::community {

class ThreadModeration {
 public:
  enum class Flag { kPinned, kLocked };

  virtual ~ThreadModeration() = default;
  // Moderator `actor` changed `flag` of `thread`, which holds the new state.
  virtual Result<> ThreadModerated(storage::WriteTxn& tx, const storage::Group& group,
                                   const storage::Thread& thread, Id actor, Flag flag) = 0;
};

}  // namespace guildhall::community
