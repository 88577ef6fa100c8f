// What every activity handler works with. Verify(...) functions are pure:
// they see only the activity and who sent it. Apply(...) functions get an
// ApplyContext: the community services to act through (as the remote
// member, so permissions, counters and notifications are the community's),
// the remote fetcher, the outbox, and the time budget.
// References only; the Federation facade owns everything. Thread-safe as
// its parts are.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "federation/actors/local_actors.h"
#include "federation/authorize/peer_policy.h"
#include "federation/inbox/processor.h"
#include "federation/protocol/as2.h"
#include "federation/protocol/as2_reader.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/kv.h"
#include "storage/model/records/inbox_activity.h"
#include "storage/model/records/remote_actor.h"

namespace guildhall::community {
class Accounts;
class Events;
class Likes;
class Memberships;
class Moderation;
class Replies;
class Rsvps;
class Threads;
}  // namespace guildhall::community

namespace guildhall::federation {

class Outbox;

struct CommunityServices {
  community::Accounts& accounts;
  community::Memberships& memberships;
  community::Threads& threads;
  community::Replies& replies;
  community::Likes& likes;
  community::Events& events;
  community::Rsvps& rsvps;
  community::Moderation& moderation;
};

// The one signed fetch (federation/dereference), seen through what the
// activities need. Implementations check origin (`id` of the document ==
// the URL asked for, fetched from its own origin) and policy.
class Remote {
 public:
  virtual ~Remote() = default;
  // The actor at `id`, from the cache or fetched; kNotFound, kUnavailable, ...
  virtual Result<storage::RemoteActor> Actor(std::string_view id, Deadline deadline) = 0;
  // The activity or object at `id`, fetched from its origin.
  virtual Result<as::Document> Fetch(std::string_view id, Deadline deadline) = 0;
  // The same, adding the bytes read from the network to `bytes`, for bulk
  // fetches that bound what they read (backfill). The default counts none.
  virtual Result<as::Document> FetchCounting(std::string_view id, Deadline deadline,
                                             size_t& bytes) {
    return Fetch(id, deadline);
  }
};

// How much backfilling a newly followed external group may take
// (federation/follows/backfill.h; config federation.backfill_*).
struct BackfillLimits {
  size_t threads = 20;      // outbox items taken (threads and events)
  size_t replies = 200;     // replies taken, over all threads
  size_t depth = 3;         // reply nesting followed through `replies` collections
  size_t pages = 10;        // collection pages read, per collection
  size_t bytes = 4u << 20;  // bodies read, in total
  std::chrono::milliseconds time{std::chrono::seconds(60)};
};

struct ApplyContext {
  storage::Store& store;
  const Clock& clock;
  IdGenerator& ids;
  const LocalActors& actors;
  const PeerPolicy& policy;
  CommunityServices community;
  Remote& remote;
  Outbox& outbox;
  BackfillLimits backfill;

  const Uris& uris() const { return actors.uris(); }
  int64_t NowMs() const { return UnixMillis(clock.Now()); }
};

// One inbound activity being applied.
struct Inbound {
  const storage::InboxActivity& row;  // verbatim JSON, verified actor, inbox path
  const as::Activity& activity;
  Deadline deadline;
};

}  // namespace guildhall::federation
