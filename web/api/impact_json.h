// The JSON answer of a federation policy change or its preview (spec/API.md
// "impact"): what it affects, per group and in total. Shared by the admin
// policy routes and by the group routes, whose scope widenings go through the
// same preview. Pure function; thread-safe.
#pragma once

#include "federation/policy/policy_admin.h"
#include "web/http/message.h"

namespace guildhall::web::api {

// 200 {"dry_run", "changed", "before", "after", "remote_members", "follows",
// "pending_deliveries", "stored_remote_content", "groups": [...]}.
Response ImpactResponse(const federation::Impact& impact, bool dry_run);

}  // namespace guildhall::web::api
