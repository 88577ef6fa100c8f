// Moderation: reports and the actions that answer them. Members report a
// thread, reply or member with a reason; group moderators work their group's
// queue, node moderators and admins the node-wide one. Moderators remove
// content with a reason that is shown to its author (notified), restore it,
// ban members from a group (they cannot rejoin until unbanned), and admins
// suspend members from the node. Every action writes an AuditEntry (who,
// when, what, before -> after, why) in the same transaction.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "node/community/deps.h"
#include "node/community/pagination.h"
#include "node/community/profile.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/report.h"
#include "storage/model/records/thread.h"

namespace guildhall::community {

struct ReportDraft {
  storage::ReportTarget kind = storage::ReportTarget::kThread;
  Id target;
  std::string reason;  // 1-1,000 characters
};

class Moderation {
 public:
  Moderation(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Moderation(const Moderation&) = delete;
  Moderation& operator=(const Moderation&) = delete;

  // Anyone signed in who can see the target. Content reports notify the
  // group's moderators; member reports go to the node-wide queue.
  Result<storage::Report> File(Id reporter, const ReportDraft& draft);
  // `group` 0: the node-wide queue (node moderators and admins), every group's
  // reports included; else that group's (its moderators). Newest first.
  Result<Page<storage::Report>> Queue(Id actor, Id group, storage::ReportState state,
                                      const PageRequest& page);
  // Closes an open report. kConflict if it is not open.
  Result<storage::Report> Resolve(Id actor, Id report, std::string_view resolution);
  Result<storage::Report> Dismiss(Id actor, Id report, std::string_view resolution);

  // Group moderators. `reason` (1-500 characters) is shown to the author.
  Result<storage::Thread> RemoveThread(Id actor, Id thread, std::string_view reason);
  Result<storage::Reply> RemoveReply(Id actor, Id reply, std::string_view reason);
  Result<storage::Thread> RestoreThread(Id actor, Id thread, std::string_view reason);
  Result<storage::Reply> RestoreReply(Id actor, Id reply, std::string_view reason);

  // Group moderators; banning an owner or moderator takes an owner (or admin).
  Result<> Ban(Id actor, Id group, Id member, std::string_view reason);
  Result<> Unban(Id actor, Id group, Id member, std::string_view reason);

  // Admins: node-wide suspension (see Accounts::Suspend).
  Result<Profile> Suspend(Id actor, Id member, std::string_view reason);
  Result<Profile> Unsuspend(Id actor, Id member, std::string_view reason);

 private:
  Result<storage::Report> Close(Id actor, Id report, storage::ReportState state,
                                std::string_view resolution);
  Result<storage::Thread> SetThreadRemoved(Id actor, Id thread, bool removed,
                                           std::string_view reason);
  Result<storage::Reply> SetReplyRemoved(Id actor, Id reply, bool removed, std::string_view reason);

  ServiceDeps deps_;
};

}  // namespace guildhall::community
