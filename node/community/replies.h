// Replies: answers in a thread, nested by in_reply_to (0: the thread
// itself). Creating a reply bumps the thread's activity and reply count and
// notifies the author replied to and anyone @mentioned, all in one write.
// Locked threads take replies from moderators only. Edit and delete as for
// threads (author only; delete is soft). Listing is in creation order with a
// keyset cursor. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "node/community/deps.h"
#include "node/community/pagination.h"
#include "storage/model/records/reply.h"

namespace guildhall::community {

struct ReplyDraft {
  Id in_reply_to;                 // a reply in the same thread; 0 for the thread itself
  std::string body;               // Markdown, 1-50,000 characters
  std::string ap_id;              // federation only: the remote object's URI
  storage::ContentExtras extras;  // federation only: what the remote object carried
};

struct ReplyView {
  storage::Reply reply;  // body empty if removed and the viewer is not a moderator
  bool liked = false;    // by the viewer
  bool can_edit = false;
};

class Replies {
 public:
  Replies(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Replies(const Replies&) = delete;
  Replies& operator=(const Replies&) = delete;

  // kForbidden "thread is locked"; kConflict if the thread was deleted;
  // kInvalid "in_reply_to: ..." for a parent outside the thread.
  Result<storage::Reply> Create(Id actor, Id thread, const ReplyDraft& draft);
  // `extras` (federation only) replace the stored ones; nullopt keeps them.
  Result<storage::Reply> Edit(Id actor, Id reply, std::string_view body,
                              uint64_t expected_version = 0,
                              std::optional<storage::ContentExtras> extras = std::nullopt);
  Result<> Delete(Id actor, Id reply);
  Result<ReplyView> Get(Id viewer, Id reply);
  // Oldest first.
  Result<Page<ReplyView>> List(Id viewer, Id thread, const PageRequest& page);

 private:
  ServiceDeps deps_;
};

}  // namespace guildhall::community
