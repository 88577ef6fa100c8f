// Community: every service of the community module, built from the narrow
// dependencies the composition root (node/app) owns: the store, the blob
// store, the clock, the id generator and the federation hook. Every domain
// event the services raise is logged (event_log.h) before it reaches that hook. The web layer
// calls the services through this struct. The referenced objects must
// outlive it. Thread-safe (each service is).
#pragma once

#include "node/community/accounts.h"
#include "node/community/api_tokens.h"
#include "node/community/audit.h"
#include "node/community/directory.h"
#include "node/community/event_log.h"
#include "node/community/events.h"
#include "node/community/groups.h"
#include "node/community/invites.h"
#include "node/community/library.h"
#include "node/community/likes.h"
#include "node/community/login_throttle.h"
#include "node/community/memberships.h"
#include "node/community/moderation.h"
#include "node/community/notifications.h"
#include "node/community/options.h"
#include "node/community/profiles.h"
#include "node/community/publisher.h"
#include "node/community/replies.h"
#include "node/community/rsvps.h"
#include "node/community/sessions.h"
#include "node/community/threads.h"
#include "storage/model/blob_store.h"

namespace guildhall::community {

struct Community {
  Community(storage::Store& store, storage::BlobStore& blobs, const Clock& clock, IdGenerator& ids,
            Publisher& publisher, CommunityOptions options);
  Community(const Community&) = delete;
  Community& operator=(const Community&) = delete;

  const CommunityOptions options;  // first: the services below keep references to it
  LoginThrottle login_throttle;    // shared by sign-in and password change
  // Rung after every durable change that raised a domain event; the event
  // feed (event_feed.h) waits on it.
  EventSignal event_signal;
  // The services' Publisher: logs each domain event, then hands it to the
  // publisher given to the constructor (event_log.h).
  EventLogPublisher event_log;

  Accounts accounts;
  Sessions sessions;
  Invites invites;
  ApiTokens api_tokens;
  Profiles profiles;
  Directory directory;
  Groups groups;
  Memberships memberships;
  Threads threads;
  Replies replies;
  Likes likes;
  Events events;
  Rsvps rsvps;
  Library library;
  Notifications notifications;
  Moderation moderation;
  Audit audit;
};

}  // namespace guildhall::community
