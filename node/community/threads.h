// Threads: discussions in a group - start, edit (marked as edited), delete
// (soft: shown as deleted), pin and lock (moderators), read one, list a
// group's threads (pinned first, then by latest activity, keyset-paginated)
// with per-member unread counts, and read markers. Replies and likes are in
// replies.h and likes.h. Moderator removal with a reason is in moderation.h.
// Authors may edit a locked thread; a lock only stops new replies.
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "node/community/deps.h"
#include "node/community/pagination.h"
#include "node/community/permissions.h"
#include "storage/model/records/read_marker.h"
#include "storage/model/records/thread.h"

namespace guildhall::community {

struct ThreadDraft {
  std::string title;              // 1-200 characters, one line
  std::string body;               // Markdown, 1-50,000 characters
  std::string ap_id;              // federation only: the remote object's URI
  storage::ContentExtras extras;  // federation only: what the remote object carried
};

struct ThreadEdit {
  std::string title;
  std::string body;
  uint64_t expected_version = 0;  // 0: don't check; else kConflict if changed meanwhile
  std::optional<storage::ContentExtras> extras;  // federation only; nullopt keeps them
};

struct ThreadView {
  storage::Thread thread;      // title/body empty if removed and the viewer is not a moderator
  GroupCapabilities can;       // in the thread's group
  bool can_edit = false;       // the viewer's own, not removed
  bool liked = false;          // by the viewer
  storage::ReadMarker marker;  // the viewer's; zero if never read
};

struct ThreadSummary {
  storage::Thread thread;
  uint64_t unread_replies = 0;  // replies since the viewer last read the thread
  bool unread = false;          // never opened, or new replies since
};

class Threads {
 public:
  Threads(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Threads(const Threads&) = delete;
  Threads& operator=(const Threads&) = delete;

  // Active members. @mentions of members who can read the group are notified.
  Result<storage::Thread> Create(Id actor, Id group, const ThreadDraft& draft);
  // The author only; sets edited_at.
  Result<storage::Thread> Edit(Id actor, Id thread, const ThreadEdit& edit);
  // The author only: soft delete (idempotent).
  Result<> Delete(Id actor, Id thread);
  // Moderators; audited.
  Result<storage::Thread> SetPinned(Id actor, Id thread, bool pinned);
  Result<storage::Thread> SetLocked(Id actor, Id thread, bool locked);

  Result<ThreadView> Get(Id viewer, Id thread);
  // Pinned first, then most recent activity. Removed threads are listed only
  // to moderators.
  Result<Page<ThreadSummary>> List(Id viewer, Id group, const PageRequest& page);
  // Records that the viewer has read the thread up to reply `up_to` (0: all
  // of it, now). Never moves a marker backwards.
  Result<storage::ReadMarker> MarkRead(Id viewer, Id thread, Id up_to = Id{});

 private:
  Result<storage::Thread> Moderate(Id actor, Id thread, bool pinned_flag, bool value);

  ServiceDeps deps_;
};

}  // namespace guildhall::community
