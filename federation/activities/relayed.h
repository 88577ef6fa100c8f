// Content a followed external group vouches for, applied to our mirror of
// it (FEP-1b12 from the follower's side). Three doors end here: the group's
// Announce (announce.cc), a Create sent by the group itself or by one of its
// own server's members attributing it to the group (create.cc: Mobilizon
// and PeerTube post that way), and the backfill of the group's outbox after
// a follow is accepted (federation/follows/backfill.h). All of them reach
// StoreRemoteContent, so the addressing rule (federation/groups/addressing.h)
// and the node's policy apply as for anything else. Blocking (may fetch);
// thread-safe as ApplyContext is.
#pragma once

#include <optional>
#include <string_view>

#include "federation/activities/context.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

// The external group `actor` names, if at least one local member's follow
// of it was accepted: content is taken only from groups we follow.
Result<std::optional<storage::Group>> FollowedGroup(storage::ReadTxn& tx, std::string_view actor);

// An Announce by a followed group (or an outbox item dressed as one, with
// the group as actor): the inner Create/Update/Delete is resolved (embedded
// copies from the group's origin trusted, anything else fetched from its own
// origin) and applied to the mirror.
Outcome ApplyRelayed(ApplyContext& ctx, const as::Activity& announce, Deadline deadline);

// A Create or Update whose object is embedded and authentic (checked by the
// caller: signed by its actor, or fetched from its origin) stored in or
// edited within `group`'s mirror; its author joins the mirror.
Outcome MirrorUpsert(ApplyContext& ctx, storage::Group group, const as::Activity& inner,
                     Deadline deadline);

}  // namespace guildhall::federation
