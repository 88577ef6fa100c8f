// Membership changes shared by groups, invites and moderation, each inside
// the caller's write transaction: they keep the group's member_count and the
// federation hooks in step with the membership record. Internal to
// node/community. Stateless; thread-compatible.
#pragma once

#include <cstdint>

#include "node/community/deps.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"

namespace guildhall::community {

// Makes `member` an active member of `group` with `role` (an existing active
// membership keeps its role), counting and publishing a newly active member.
// `group` is updated in place and stored.
Result<storage::Membership> ActivateMembership(storage::WriteTxn& tx, const ServiceDeps& deps,
                                               storage::Group& group, const storage::Member& member,
                                               storage::GroupRole role, Id invited_by);

// Deletes the membership (active, pending or invited), counting and publishing
// a member who was active. `group` is updated in place and stored.
Result<> RemoveMembership(storage::WriteTxn& tx, const ServiceDeps& deps, storage::Group& group,
                          const storage::Member& member);

// Puts a membership in state kBanned (creating one for a non-member),
// counting and publishing as needed. `group` is updated in place and stored.
Result<storage::Membership> BanMembership(storage::WriteTxn& tx, const ServiceDeps& deps,
                                          storage::Group& group, const storage::Member& member);

// Active owners of `group`.
Result<uint64_t> CountOwners(storage::ReadTxn& tx, Id group);

}  // namespace guildhall::community
