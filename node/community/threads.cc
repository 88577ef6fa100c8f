#include "node/community/threads.h"

#include "node/community/audit.h"
#include "node/community/content_ops.h"
#include "node/community/validation.h"
#include "storage/model/records/like.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::ReadMarker;
using storage::ReadMarkerCodec;
using storage::Table;
using storage::Thread;
using storage::ThreadCodec;

namespace {

Result<> ValidateThread(std::string_view title, std::string_view body) {
  return Validator().Text("title", title, 1, 200).Text("body", body, 1, 50000, true).Finish();
}

Result<ReadMarker> MarkerOf(storage::ReadTxn& tx, Id viewer, Id thread) {
  auto m = GH_TRY(Table<ReadMarkerCodec>::Get(tx, ReadMarkerCodec::KeyOf(viewer, thread)));
  return m.value_or(ReadMarker{});
}

ThreadSummary Summarize(const Thread& t, const ReadMarker& m) {
  ThreadSummary s{t};
  if (!m.member) {
    s.unread = true;
    s.unread_replies = t.reply_count;
    return s;
  }
  s.unread_replies = t.reply_count > m.replies_seen ? t.reply_count - m.replies_seen : 0;
  s.unread = s.unread_replies > 0;
  return s;
}

// Counts the thread's replies up to `up_to` (all if 0) and finds the last one.
Result<std::pair<uint64_t, Id>> RepliesUpTo(storage::ReadTxn& tx, Id thread, Id up_to) {
  const std::string prefix = storage::ReplyCodec::ByThreadPrefix(thread);
  const std::string end = up_to ? storage::ReplyCodec::ByThreadKey(thread, Id{up_to.value + 1})
                                : storage::PrefixEnd(prefix);
  uint64_t count = 0;
  Id last;
  GH_CHECK(tx.Scan(storage::tables::kRepliesByThread, prefix, end, storage::ScanOrder::kForward,
                   [&](std::string_view key, std::string_view) {
                     ++count;
                     storage::KeyReader r(key.substr(8));
                     last = r.Id().value_or(last);
                     return true;
                   }));
  return std::make_pair(count, last);
}

}  // namespace

Result<Thread> Threads::Create(Id actor, Id group, const ThreadDraft& d) {
  GH_CHECK(ValidateThread(d.title, d.body));
  Thread out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kPost));
    Thread t{.id = deps_.ids.Next(),
             .group = group,
             .author = actor,
             .title = std::string(Trim(d.title)),
             .body = d.body};
    t.created = t.last_activity = deps_.NowMs();
    t.ap_id = d.ap_id;
    t.extras = d.extras;
    GH_CHECK(Table<ThreadCodec>::Insert(tx, t));
    ++access.group.thread_count;
    GH_CHECK(Table<storage::GroupCodec>::Put(tx, access.group));
    // The author has read their own thread.
    GH_CHECK(Table<ReadMarkerCodec>::Put(
        tx, ReadMarker{.member = actor, .thread = t.id, .at = t.created}));
    std::vector<Id> notified;
    GH_CHECK(NotifyMentions(tx, deps_, access.group, actor, t.body, t.id, Id{}, notified));
    GH_CHECK(deps_.publisher.Publish(tx, events::ThreadCreated{access.group, t}));
    out = t;
    return Ok();
  }));
  return out;
}

Result<Thread> Threads::Edit(Id actor, Id thread, const ThreadEdit& e) {
  GH_CHECK(ValidateThread(e.title, e.body));
  Thread out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, t.group));
    GH_CHECK(access.Require(Action::kEditOwn, "thread", t.author));
    if (t.removed) return Error::Conflict("the thread was deleted");
    if (e.expected_version && e.expected_version != t.version) {
      return Error::Conflict("the thread was changed meanwhile; reload and try again");
    }
    t.title = std::string(Trim(e.title));
    t.body = e.body;
    if (e.extras) t.extras = *e.extras;
    t.edited_at = deps_.NowMs();
    ++t.version;
    GH_CHECK(Table<ThreadCodec>::Put(tx, t));
    GH_CHECK(deps_.publisher.Publish(tx, events::ThreadUpdated{access.group, t}));
    out = t;
    return Ok();
  }));
  return out;
}

Result<> Threads::Delete(Id actor, Id thread) {
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, t.group));
    GH_CHECK(access.Require(Action::kEditOwn, "thread", t.author));
    if (t.removed) return Ok();
    t.removed = true;
    t.removed_by = actor;
    ++t.version;
    GH_CHECK(Table<ThreadCodec>::Put(tx, t));
    if (access.group.thread_count > 0) --access.group.thread_count;
    GH_CHECK(Table<storage::GroupCodec>::Put(tx, access.group));
    return deps_.publisher.Publish(tx, events::ThreadDeleted{access.group, t});
  });
}

Result<Thread> Threads::SetPinned(Id actor, Id thread, bool pinned) {
  return Moderate(actor, thread, true, pinned);
}

Result<Thread> Threads::SetLocked(Id actor, Id thread, bool locked) {
  return Moderate(actor, thread, false, locked);
}

Result<Thread> Threads::Moderate(Id actor, Id thread, bool pinned_flag, bool value) {
  Thread out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, t.group));
    GH_CHECK(access.Require(Action::kModerate, "thread"));
    bool& flag = pinned_flag ? t.pinned : t.locked;
    out = t;
    if (flag == value) return Ok();
    flag = value;
    ++t.version;
    GH_CHECK(Table<ThreadCodec>::Put(tx, t));
    GH_CHECK(deps_.publisher.Publish(
        tx, events::ThreadModerated{
                access.group, t, actor,
                pinned_flag ? events::ModerationFlag::kPinned : events::ModerationFlag::kLocked}));
    const char* name = pinned_flag ? (value ? "thread.pin" : "thread.unpin")
                                   : (value ? "thread.lock" : "thread.unlock");
    const std::string field = pinned_flag ? "pinned=" : "locked=";
    GH_CHECK(AppendAudit(tx, deps_,
                         {.actor = actor,
                          .action = name,
                          .target = "thread:" + t.id.ToString(),
                          .group = t.group,
                          .before = field + (value ? "false" : "true"),
                          .after = field + (value ? "true" : "false")}));
    out = t;
    return Ok();
  }));
  return out;
}

Result<ThreadView> Threads::Get(Id viewer, Id thread) {
  ThreadView out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, t.group));
    GH_CHECK(access.Require(Action::kViewContent, "thread"));
    out.thread = RedactedFor(access, t);
    out.can = access.Capabilities();
    out.can_edit = !t.removed && access.Decide(Action::kEditOwn, t.author) == Decision::kAllow;
    out.liked =
        viewer && tx.Get(storage::tables::kLikes, storage::LikeCodec::KeyOf(thread, viewer));
    if (viewer) out.marker = GH_TRY(MarkerOf(tx, viewer, thread));
    return Ok();
  }));
  return out;
}

Result<Page<ThreadSummary>> Threads::List(Id viewer, Id group, const PageRequest& page) {
  Page<ThreadSummary> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, group));
    GH_CHECK(access.Require(Action::kViewContent));
    const bool moderator = access.Decide(Action::kModerate) == Decision::kAllow;
    out.next_cursor = GH_TRY(ScanIndexPage<ThreadCodec>(
        tx, storage::tables::kThreadsByGroup, ThreadCodec::ByGroupPrefix(group), page,
        storage::ScanOrder::kReverse, [&](const Thread& t) -> Result<Visit> {
          if (t.removed && !moderator) return Visit::kSkip;
          const ReadMarker m = viewer ? GH_TRY(MarkerOf(tx, viewer, t.id)) : ReadMarker{};
          out.items.push_back(Summarize(RedactedFor(access, t), m));
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

Result<ReadMarker> Threads::MarkRead(Id viewer, Id thread, Id up_to) {
  ReadMarker out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto t = GH_TRY(LoadThread(tx, thread));
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, t.group));
    GH_CHECK(access.Require(Action::kViewContent, "thread"));
    if (!access.viewer.signed_in()) return Error::Unauthorized("sign in first");
    const auto [count, last] = GH_TRY(RepliesUpTo(tx, thread, up_to));
    ReadMarker m = GH_TRY(MarkerOf(tx, viewer, thread));
    m.member = viewer;
    m.thread = thread;
    if (count >= m.replies_seen) {
      m.replies_seen = count;
      m.last_read_reply = last;
    }
    m.at = deps_.NowMs();
    GH_CHECK(Table<ReadMarkerCodec>::Put(tx, m));
    out = m;
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
