// Remote actors as Member records (storage/model/records/member.h): a remote
// person who follows a local group, posts, likes or reports becomes a Member
// with domain and actor_uri set (community::Accounts::UpsertRemote), so the
// community's services treat them like anyone else. Built from the actor
// document as fetched through Remote (origin-checked) and refreshed with it.
// Thread-safe; blocking (may fetch, then writes).
#pragma once

#include <string_view>

#include "federation/activities/context.h"
#include "storage/model/records/member.h"

namespace guildhall::federation {

// The Member for `actor_uri`, created or refreshed from its actor document.
Result<storage::Member> EnsureRemoteMember(ApplyContext& ctx, std::string_view actor_uri,
                                           Deadline deadline);

}  // namespace guildhall::federation
