// Memberships of EXTERNAL groups (Group records with ap_id: communities on
// other nodes that local members follow). The remote group is the authority
// over who belongs to it, so federation writes these memberships directly
// instead of asking the community's join rules: our members' follows move
// pending -> active on Accept and go on Reject or Block, and remote authors
// whose posts the group announces become active members of the mirror so
// that the community services can store their threads and replies.
// A mirror's join_mode records how open the remote group is: kOpen when its
// actor document lets anyone follow (its content is public there: our members
// see it when signed in, and what they post to it is addressed to Public),
// kApproval when it approves followers (its content is for followers only:
// only our members who follow it see it, and what they post is addressed to
// the group alone). Local joins of a mirror are refused (permissions.cc):
// following goes through Follows.
// Run inside the caller's write transaction; `group` is updated in place and
// stored. Thread-compatible.
#pragma once

#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/membership.h"

namespace guildhall::federation {

// The remote group behind the mirror `group` lets anyone follow it (above).
inline bool MirrorIsOpen(const storage::Group& group) {
  return group.join_mode == storage::JoinMode::kOpen;
}

// Active membership (created or promoted from pending/invited); counted.
Result<> ActivateExternal(storage::WriteTxn& tx, storage::Group& group, Id member, int64_t now_ms);
// Removes any membership but a ban; uncounts an active one.
Result<> RemoveExternal(storage::WriteTxn& tx, storage::Group& group, Id member);
// Banned by the remote group's moderators.
Result<> BanExternal(storage::WriteTxn& tx, storage::Group& group, Id member, int64_t now_ms);
// Lifts a ban from the remote group (Undo(Block)): no membership afterwards.
Result<> UnbanExternal(storage::WriteTxn& tx, storage::Group& group, Id member);

}  // namespace guildhall::federation
