// What widening a local group's scope makes readable of what it already
// stores (spec/POLICY.md "Widening and stored content"): its threads,
// replies and events, split by where they were written. Content written on
// this node follows its group's scope, so a widening shows it to the new
// audience (the preview says how much, and to whom). Content that arrived
// from remote peers was addressed by its authors to the group's followers
// only, never to as:Public; making the group public would publish it
// retroactively, so that widening is refused while the group holds any.
// Stateless functions; thread-compatible.
#pragma once

#include <cstdint>
#include <string>

#include "storage/model/kv.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

struct ContentExposure {
  uint64_t local_threads = 0;  // not removed, written by this node's members
  uint64_t local_replies = 0;
  uint64_t local_events = 0;
  uint64_t remote_threads = 0;  // not removed, arrived from other nodes
  uint64_t remote_replies = 0;
  uint64_t remote_events = 0;
  std::string audience;  // who gains them: "" when the change widens nothing

  uint64_t local() const { return local_threads + local_replies + local_events; }
  uint64_t remote() const { return remote_threads + remote_replies + remote_events; }
};

// The stored content of `group` (a local group) that `to`, wider than its
// scope, would show to a new audience. An empty ContentExposure when `to`
// does not widen.
Result<ContentExposure> CountExposure(storage::ReadTxn& tx, const storage::Group& group,
                                      storage::GroupScope to);

// kConflict naming the counts when `to` is public and the group holds
// content from remote peers (never published retroactively); Ok otherwise.
Result<> RefuseRetroactivePublication(const ContentExposure& exposed, storage::GroupScope to);

}  // namespace guildhall::federation
