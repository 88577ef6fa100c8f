#include "node/community/community.h"

namespace guildhall::community {

Community::Community(storage::Store& store, storage::BlobStore& blobs, const Clock& clock,
                     IdGenerator& ids, Publisher& publisher, CommunityOptions opts)
    : options(std::move(opts)),
      login_throttle(clock, options.login_throttle),
      event_log(publisher, clock, event_signal),
      accounts(store, clock, ids, event_log, options, login_throttle),
      sessions(store, clock, ids, event_log, options, login_throttle),
      invites(store, clock, ids, event_log, options),
      api_tokens(store, clock, ids, event_log),
      profiles(store, blobs, clock, ids, event_log, options),
      directory(store, clock, ids, event_log),
      groups(store, clock, ids, event_log, options),
      memberships(store, clock, ids, event_log),
      threads(store, clock, ids, event_log),
      replies(store, clock, ids, event_log),
      likes(store, clock, ids, event_log),
      events(store, clock, ids, event_log, options),
      rsvps(store, clock, ids, event_log),
      library(store, blobs, clock, ids, event_log, options),
      notifications(store, clock, ids, event_log),
      moderation(store, clock, ids, event_log),
      audit(store, clock, ids, event_log) {}

}  // namespace guildhall::community
