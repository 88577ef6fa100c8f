// Notifications: the member's inbox of things that happened (replies,
// mentions, join requests, event changes, ...). Other services create them
// inside their own write transactions through Notify(); this service lists
// them and marks them read. Thread-safe (all state is in the store).
#pragma once

#include <cstdint>

#include "node/community/deps.h"
#include "node/community/pagination.h"
#include "storage/model/records/notification.h"

namespace guildhall::community {

// Unread counts stop at this (pages show "999+").
inline constexpr uint64_t kMaxUnreadCount = 999;

// Writes `n` (id and created are filled in) unless the recipient is the actor
// who caused it: nobody is notified of their own actions. A notification
// about a group's content (reply, mention, event change, waitlist) is
// dropped unless the recipient may read that content now and is not banned
// from the group.
Result<> Notify(storage::WriteTxn& tx, const ServiceDeps& deps, storage::Notification n);

// Notifies every active owner and moderator of `n.group` (n.recipient is set
// per recipient).
Result<> NotifyGroupStaff(storage::WriteTxn& tx, const ServiceDeps& deps,
                          const storage::Notification& n);

class Notifications {
 public:
  Notifications(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Notifications(const Notifications&) = delete;
  Notifications& operator=(const Notifications&) = delete;

  // The actor's notifications, newest first.
  Result<Page<storage::Notification>> List(Id actor, const PageRequest& page,
                                           bool unread_only = false);
  // Capped at kMaxUnreadCount.
  Result<uint64_t> UnreadCount(Id actor);
  // kNotFound unless the notification is the actor's. Marking twice is fine.
  Result<> MarkRead(Id actor, Id notification);
  // Marks up to 10,000 of the oldest unread notifications read per call;
  // returns how many it marked.
  Result<uint64_t> MarkAllRead(Id actor);

 private:
  ServiceDeps deps_;
};

}  // namespace guildhall::community
