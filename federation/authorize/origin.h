// FEP-fe34's origin rules for inbound activities, the checks every Verify
// is built from (reference/security.md §1.5 and §3.3). "Origin" is
// (scheme, host, port), compared with federation/protocol/url.h only.
//  - An activity's id is on its actor's origin (nobody mints ids for
//    another server).
//  - What an activity creates or changes is on the actor's origin, and a
//    Create/Update names the actor as author (attributedTo): nobody posts in
//    someone else's name (Mastodon CVE-2024-37903).
//  - An object embedded from another origin is a claim, never a fact: the
//    caller fetches it by id from its own origin (Announce).
// Failures are kForbidden with the reason; the inbox drops such activities
// with 202. Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "federation/protocol/as2.h"
#include "storage/model/result.h"

namespace guildhall::federation {

// `a` and `b` are http(s) URLs on one origin.
Result<> RequireSameOrigin(std::string_view a, std::string_view b, std::string_view what);

// The activity's id is on its actor's origin.
Result<> CheckActivityOrigin(const as::Activity& activity);

// Create/Update of content: `object` is embedded, its id is on the actor's
// origin, and attributedTo names the actor (an Event may instead be
// attributed to a group on the same origin, as Mobilizon does).
Result<> CheckAuthoredObject(const as::Activity& activity);

// True iff `object` is embedded and on the origin of `origin_of`.
bool EmbeddedFromOrigin(const as::Activity& activity, std::string_view origin_of);

}  // namespace guildhall::federation
