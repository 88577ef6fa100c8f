// FEP-1b12 fan-out: a local group Announces an activity (a member's Create,
// Update, Delete, Like, ...) to its followers - one delivery per shared
// inbox, only to domains the group is shared with. Activities of local
// members are embedded as built here; activities that arrived from remote
// members are embedded verbatim, as received (receivers that want proof
// refetch the object from its origin, which still serves it).
// Runs inside the caller's write transaction; thread-safe.
#pragma once

#include <string_view>

#include "federation/authorize/peer_policy.h"
#include "federation/outbox/outbox.h"
#include "federation/protocol/json.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

// The group (local, federating) announces `inner` to its followers.
Result<> AnnounceToFollowers(storage::WriteTxn& tx, Outbox& outbox, const PeerPolicy& policy,
                             const storage::Group& group, json::Value inner);

// The same with `inner_json` as text (parsed with the inbox's limits).
Result<> AnnounceJsonToFollowers(storage::WriteTxn& tx, Outbox& outbox, const PeerPolicy& policy,
                                 const storage::Group& group, std::string_view inner_json);

}  // namespace guildhall::federation
