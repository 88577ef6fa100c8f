// The per-peer figures of the admin peers page: remote followers and
// members of each domain, pending and failed deliveries to it. One pass over
// the members, memberships, follows and deliveries tables in the caller's
// transaction (admin pages, not a hot path). Stateless; thread-compatible.
#pragma once

#include <map>
#include <string>

#include "federation/policy/policy_admin.h"
#include "storage/model/kv.h"

namespace guildhall::federation {

// Every listed peer, and every other domain with remote members, followers
// or deliveries here; keyed by domain.
Result<std::map<std::string, PeerView>> CountPeers(storage::ReadTxn& tx,
                                                   FederationMode config_mode);

}  // namespace guildhall::federation
