// Helpers shared by threads, replies, likes and moderation: loading content
// by id, hiding the text of removed content from those who may not review
// it, and notifying @mentions. Internal to node/community.
// Stateless; thread-compatible.
#pragma once

#include <string_view>
#include <vector>

#include "node/community/access.h"
#include "node/community/deps.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"

namespace guildhall::community {

// kNotFound "thread not found" / "reply not found".
Result<storage::Thread> LoadThread(storage::ReadTxn& tx, Id id);
Result<storage::Reply> LoadReply(storage::ReadTxn& tx, Id id);

// Removed content keeps its record (so moderators can review it and replies
// keep their parent); everyone else sees it as deleted: no title or body, and
// the removal reason only for its author.
storage::Thread RedactedFor(const GroupAccess& viewer, storage::Thread t);
storage::Reply RedactedFor(const GroupAccess& viewer, storage::Reply r);

// Notifies each local member @mentioned in `body` who may read the group's
// content, skipping the author and the ids in `notified` (which grows).
Result<> NotifyMentions(storage::WriteTxn& tx, const ServiceDeps& deps, const storage::Group& group,
                        Id author, std::string_view body, Id thread, Id reply,
                        std::vector<Id>& notified);

}  // namespace guildhall::community
