// Who receives what a group publishes (FEP-1b12 fan-out): the inboxes of a
// group's remote active members, one per shared inbox (PERFORMANCE "one
// request per shared inbox"), limited to the domains the group is shared
// with (DESIGN §4). Read-only; thread-compatible (runs inside the caller's
// transaction).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/authorize/peer_policy.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"

namespace guildhall::federation {

// The inbox to deliver to for a remote actor: its shared inbox when it has
// one, else its own; empty when the actor was never fetched.
Result<std::string> InboxOf(storage::ReadTxn& tx, std::string_view actor_uri);

// Every remote active member's delivery inbox, deduplicated, in a stable
// order, skipping domains the policy does not share `group` with. The author
// of an announced activity is not skipped: its shared inbox serves the other
// followers on its node too.
Result<std::vector<std::string>> GroupFollowerInboxes(storage::ReadTxn& tx,
                                                      const storage::Group& group,
                                                      const PeerPolicy& policy);

// Calls fn(member) for each remote member with an active membership.
Result<> ForEachRemoteMember(storage::ReadTxn& tx, Id group,
                             const std::function<bool(const storage::Member&)>& fn);

}  // namespace guildhall::federation
