// Backfill: when a member's follow of a group on another node is accepted,
// the group's recent history is read into our mirror of it, so the member
// sees what the group's own members see instead of an empty page until the
// next post. Read (FEP-1b12 groups, Mastodon-style actors alike):
//   - the group's outbox: Lemmy's `Announce(Create(Page))`, Guildhall's
//     Announces, a Mastodon-style `Create`, or bare objects; newest first, so
//     the threads and events taken are stored oldest first (replies listed
//     there are left to their thread's conversation);
//   - each thread's replies: its FEP-7888 `context` collection, or, when it
//     has none (Mastodon, older peers), its `replies` collection, followed
//     down to `BackfillLimits::depth`.
// Every item is made authentic the way a relay is (federation/activities/
// relayed.h): an object embedded in a page is taken as given only when it
// lives on that page's origin, anything else is fetched from its own origin,
// and nothing is fetched from or stored for a domain the policy refuses.
// Items end in MirrorUpsert -> StoreRemoteContent, the inbox's store path,
// so the addressing rule holds (nothing stored wider than addressed) and a
// second run stores nothing twice (objects are keyed by their AP id).
// Bounded by BackfillLimits (count, depth, pages, bytes, time); on a bound
// it stops and keeps what it has. Runs on an inbox worker, while the Accept
// that triggered it is applied: a crash before the end leaves the Accept's
// inbox row pending, and its replay runs the backfill again. Blocking;
// thread-safe as ApplyContext is.
#pragma once

#include <cstddef>
#include <string>

#include "federation/activities/context.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

struct BackfillReport {
  size_t threads = 0;   // outbox items taken (stored now or before)
  size_t replies = 0;   // replies taken
  size_t stored = 0;    // of those, newly stored by this run
  size_t bytes = 0;     // bodies read
  std::string stopped;  // the bound that ended the run early; empty if none did
};

// Reads `group`'s history within ctx.backfill. REQUIRES: `group` is an
// external group (ap_id set) that a local member follows (accepted).
BackfillReport BackfillGroup(ApplyContext& ctx, const storage::Group& group);

}  // namespace guildhall::federation
