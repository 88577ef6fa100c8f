#include "node/community/community.h"

namespace guildhall::community {

Community::Community(storage::Store& store, storage::BlobStore& blobs, const Clock& clock,
                     IdGenerator& ids, Publisher& publisher, CommunityOptions opts)
    : options(std::move(opts)),
      login_throttle(clock, options.login_throttle),
      accounts(store, clock, ids, publisher, options, login_throttle),
      sessions(store, clock, ids, publisher, options, login_throttle),
      invites(store, clock, ids, publisher, options),
      api_tokens(store, clock, ids, publisher),
      profiles(store, blobs, clock, ids, publisher, options),
      directory(store, clock, ids, publisher),
      groups(store, clock, ids, publisher, options),
      memberships(store, clock, ids, publisher),
      threads(store, clock, ids, publisher),
      replies(store, clock, ids, publisher),
      likes(store, clock, ids, publisher),
      events(store, clock, ids, publisher, options),
      rsvps(store, clock, ids, publisher),
      library(store, blobs, clock, ids, publisher, options),
      notifications(store, clock, ids, publisher),
      moderation(store, clock, ids, publisher),
      audit(store, clock, ids, publisher) {}

}  // namespace guildhall::community
