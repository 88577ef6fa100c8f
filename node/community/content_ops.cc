#include "node/community/content_ops.h"

#include <algorithm>

#include "node/community/mentions.h"
#include "node/community/notifications.h"
#include "storage/model/records/member.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Table;

Result<storage::Thread> LoadThread(storage::ReadTxn& tx, Id id) {
  auto t = GH_TRY(Table<storage::ThreadCodec>::Get(tx, storage::ThreadCodec::KeyOf(id)));
  if (!t) return Error::NotFound("thread not found");
  return std::move(*t);
}

Result<storage::Reply> LoadReply(storage::ReadTxn& tx, Id id) {
  auto r = GH_TRY(Table<storage::ReplyCodec>::Get(tx, storage::ReplyCodec::KeyOf(id)));
  if (!r) return Error::NotFound("reply not found");
  return std::move(*r);
}

storage::Thread RedactedFor(const GroupAccess& viewer, storage::Thread t) {
  if (!t.removed || viewer.Decide(Action::kModerate) == Decision::kAllow) return t;
  t.title.clear();
  t.body.clear();
  if (viewer.viewer.id != t.author) t.removal_reason.clear();
  return t;
}

storage::Reply RedactedFor(const GroupAccess& viewer, storage::Reply r) {
  if (!r.removed || viewer.Decide(Action::kModerate) == Decision::kAllow) return r;
  r.body.clear();
  if (viewer.viewer.id != r.author) r.removal_reason.clear();
  return r;
}

Result<> NotifyMentions(storage::WriteTxn& tx, const ServiceDeps& deps, const storage::Group& group,
                        Id author, std::string_view body, Id thread, Id reply,
                        std::vector<Id>& notified) {
  for (const auto& name : ParseMentions(body)) {
    auto member = GH_TRY(Table<storage::MemberCodec>::FindUnique(
        tx, storage::tables::kMembersByUsername, storage::MemberCodec::UsernameKey("", name)));
    if (!member || member->id == author) continue;
    if (std::find(notified.begin(), notified.end(), member->id) != notified.end()) continue;
    // Never tell someone about a post they could not open.
    auto membership = GH_TRY(LoadMembership(tx, group.id, member->id));
    if (Decide(Viewer::Of(*member), group, membership, Action::kViewContent) != Decision::kAllow) {
      continue;
    }
    notified.push_back(member->id);
    GH_CHECK(Notify(tx, deps,
                    {.recipient = member->id,
                     .kind = storage::NotificationKind::kMention,
                     .actor = author,
                     .group = group.id,
                     .thread = thread,
                     .reply = reply}));
  }
  return Ok();
}

}  // namespace guildhall::community
