#include "node/community/replies.h"

#include "node/community/content_ops.h"
#include "node/community/notifications.h"
#include "node/community/validation.h"
#include "storage/model/records/like.h"
#include "storage/model/records/read_marker.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Reply;
using storage::ReplyCodec;
using storage::Table;
using storage::Thread;

namespace {

Result<> ValidateBody(std::string_view body) {
  return Validator().Text("body", body, 1, 50000, true).Finish();
}

// Who is answered: the parent reply's author, or the thread's.
Result<Id> AnsweredAuthor(storage::ReadTxn& tx, const Thread& t, Id in_reply_to) {
  if (!in_reply_to) return t.author;
  auto parent = GH_TRY(Table<ReplyCodec>::Get(tx, ReplyCodec::KeyOf(in_reply_to)));
  if (!parent || parent->thread != t.id) {
    return Error::Invalid("in_reply_to: is not a reply in this thread");
  }
  return parent->author;
}

// The author has read up to their own reply if they had read everything before it.
Result<> AdvanceAuthorMarker(storage::WriteTxn& tx, const Thread& t, const Reply& r) {
  using storage::ReadMarkerCodec;
  auto m = GH_TRY(Table<ReadMarkerCodec>::Get(tx, ReadMarkerCodec::KeyOf(r.author, t.id)));
  if (!m || m->replies_seen + 1 != t.reply_count) return Ok();
  m->replies_seen = t.reply_count;
  m->last_read_reply = r.id;
  m->at = r.created;
  return Table<ReadMarkerCodec>::Put(tx, *m);
}

}  // namespace

Result<Reply> Replies::Create(Id actor, Id thread, const ReplyDraft& d) {
  GH_CHECK(ValidateBody(d.body));
  Reply out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    Thread t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, t.group));
    GH_CHECK(access.Require(Action::kReply, "thread"));
    if (t.removed) return Error::Conflict("the thread was deleted");
    if (t.locked && access.Decide(Action::kModerate) != Decision::kAllow) {
      return Error::Forbidden("thread is locked");
    }
    const Id answered = GH_TRY(AnsweredAuthor(tx, t, d.in_reply_to));
    Reply r{.id = deps_.ids.Next(),
            .thread = thread,
            .group = t.group,
            .author = actor,
            .in_reply_to = d.in_reply_to,
            .body = d.body,
            .created = deps_.NowMs()};
    r.ap_id = d.ap_id;
    r.extras = d.extras;
    GH_CHECK(Table<ReplyCodec>::Insert(tx, r));
    ++t.reply_count;
    t.last_activity = r.created;
    GH_CHECK(Table<storage::ThreadCodec>::Put(tx, t));
    GH_CHECK(AdvanceAuthorMarker(tx, t, r));
    GH_CHECK(Notify(tx, deps_,
                    {.recipient = answered,
                     .kind = storage::NotificationKind::kReply,
                     .actor = actor,
                     .group = t.group,
                     .thread = thread,
                     .reply = r.id}));
    std::vector<Id> notified{answered};
    GH_CHECK(NotifyMentions(tx, deps_, access.group, actor, r.body, thread, r.id, notified));
    GH_CHECK(deps_.publisher.Publish(tx, events::ReplyCreated{access.group, t, r}));
    out = r;
    return Ok();
  }));
  return out;
}

Result<Reply> Replies::Edit(Id actor, Id reply, std::string_view body, uint64_t expected_version,
                            std::optional<storage::ContentExtras> extras) {
  GH_CHECK(ValidateBody(body));
  Reply out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    Reply r = GH_TRY(LoadReply(tx, reply));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, r.group));
    GH_CHECK(access.Require(Action::kEditOwn, "reply", r.author));
    if (r.removed) return Error::Conflict("the reply was deleted");
    if (expected_version && expected_version != r.version) {
      return Error::Conflict("the reply was changed meanwhile; reload and try again");
    }
    r.body = std::string(body);
    if (extras) r.extras = std::move(*extras);
    r.edited_at = deps_.NowMs();
    ++r.version;
    GH_CHECK(Table<ReplyCodec>::Put(tx, r));
    const Thread t = GH_TRY(LoadThread(tx, r.thread));
    GH_CHECK(deps_.publisher.Publish(tx, events::ReplyUpdated{access.group, t, r}));
    out = r;
    return Ok();
  }));
  return out;
}

Result<> Replies::Delete(Id actor, Id reply) {
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    Reply r = GH_TRY(LoadReply(tx, reply));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, r.group));
    GH_CHECK(access.Require(Action::kEditOwn, "reply", r.author));
    if (r.removed) return Ok();
    r.removed = true;
    r.removed_by = actor;
    ++r.version;
    GH_CHECK(Table<ReplyCodec>::Put(tx, r));
    const Thread t = GH_TRY(LoadThread(tx, r.thread));
    return deps_.publisher.Publish(tx, events::ReplyDeleted{access.group, t, r});
  });
}

Result<ReplyView> Replies::Get(Id viewer, Id reply) {
  ReplyView out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    Reply r = GH_TRY(LoadReply(tx, reply));
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, r.group));
    GH_CHECK(access.Require(Action::kViewContent, "reply"));
    out.liked = viewer && tx.Get(storage::tables::kLikes, storage::LikeCodec::KeyOf(reply, viewer));
    out.can_edit = !r.removed && access.Decide(Action::kEditOwn, r.author) == Decision::kAllow;
    out.reply = RedactedFor(access, std::move(r));
    return Ok();
  }));
  return out;
}

Result<Page<ReplyView>> Replies::List(Id viewer, Id thread, const PageRequest& page) {
  Page<ReplyView> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    const Thread t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, t.group));
    GH_CHECK(access.Require(Action::kViewContent, "thread"));
    out.next_cursor = GH_TRY(ScanIndexPage<ReplyCodec>(
        tx, storage::tables::kRepliesByThread, ReplyCodec::ByThreadPrefix(thread), page,
        storage::ScanOrder::kForward, [&](const Reply& r) {
          ReplyView v;
          v.liked =
              viewer && tx.Get(storage::tables::kLikes, storage::LikeCodec::KeyOf(r.id, viewer));
          v.can_edit = !r.removed && access.Decide(Action::kEditOwn, r.author) == Decision::kAllow;
          v.reply = RedactedFor(access, r);
          out.items.push_back(std::move(v));
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
