#include "node/community/event_log.h"

#include <type_traits>

#include "node/community/event_cursor.h"
#include "storage/model/encoding.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::EventKind;
using storage::LoggedEvent;
using storage::LoggedEventCodec;

namespace {

// The last sequence number given, in the meta table.
constexpr std::string_view kLastSeqKey = "event_log.last_seq";

LoggedEvent In(EventKind kind, const storage::Group& g, Id actor, Id subject, bool remote,
               Id parent = Id{}) {
  return LoggedEvent{.kind = kind,
                     .actor = actor,
                     .group = g.id,
                     .subject = subject,
                     .parent = parent,
                     .remote = remote};
}

Id RemovedBy(const storage::Thread& t) { return t.removed_by ? t.removed_by : t.author; }
Id RemovedBy(const storage::Reply& r) { return r.removed_by ? r.removed_by : r.author; }

struct ToLogged {
  LoggedEvent operator()(const events::GroupCreated& e) const {
    return In(EventKind::kGroupCreated, e.group, e.group.created_by, e.group.id,
              !e.group.ap_id.empty());
  }
  LoggedEvent operator()(const events::GroupChanged& e) const {
    return In(EventKind::kGroupChanged, e.group, Id{}, e.group.id, !e.group.ap_id.empty());
  }
  LoggedEvent operator()(const events::ThreadCreated& e) const {
    return In(EventKind::kThreadCreated, e.group, e.thread.author, e.thread.id,
              !e.thread.ap_id.empty());
  }
  LoggedEvent operator()(const events::ThreadUpdated& e) const {
    return In(EventKind::kThreadUpdated, e.group, e.thread.author, e.thread.id,
              !e.thread.ap_id.empty());
  }
  LoggedEvent operator()(const events::ThreadModerated& e) const {
    return In(EventKind::kThreadModerated, e.group, e.actor, e.thread.id, false);
  }
  LoggedEvent operator()(const events::ThreadDeleted& e) const {
    return In(EventKind::kThreadDeleted, e.group, RemovedBy(e.thread), e.thread.id,
              !e.thread.ap_id.empty());
  }
  LoggedEvent operator()(const events::ReplyCreated& e) const {
    return In(EventKind::kReplyCreated, e.group, e.reply.author, e.reply.id, !e.reply.ap_id.empty(),
              e.thread.id);
  }
  LoggedEvent operator()(const events::ReplyUpdated& e) const {
    return In(EventKind::kReplyUpdated, e.group, e.reply.author, e.reply.id, !e.reply.ap_id.empty(),
              e.thread.id);
  }
  LoggedEvent operator()(const events::ReplyDeleted& e) const {
    return In(EventKind::kReplyDeleted, e.group, RemovedBy(e.reply), e.reply.id,
              !e.reply.ap_id.empty(), e.thread.id);
  }
  LoggedEvent operator()(const events::LikeAdded& e) const {
    return In(EventKind::kLikeAdded, e.group, e.like.member, e.like.object, false);
  }
  LoggedEvent operator()(const events::LikeRemoved& e) const {
    return In(EventKind::kLikeRemoved, e.group, e.like.member, e.like.object, false);
  }
  LoggedEvent operator()(const events::EventCreated& e) const {
    return In(EventKind::kEventCreated, e.group, e.event.organizer, e.event.id,
              !e.event.ap_id.empty());
  }
  LoggedEvent operator()(const events::EventUpdated& e) const {
    return In(EventKind::kEventUpdated, e.group, e.event.organizer, e.event.id,
              !e.event.ap_id.empty());
  }
  LoggedEvent operator()(const events::EventCancelled& e) const {
    return In(EventKind::kEventCancelled, e.group, e.event.organizer, e.event.id,
              !e.event.ap_id.empty());
  }
  LoggedEvent operator()(const events::RsvpChanged& e) const {
    return In(EventKind::kRsvpChanged, e.group, e.rsvp.member, e.rsvp.member, false, e.event.id);
  }
  LoggedEvent operator()(const events::ResourceAdded& e) const {
    return In(EventKind::kResourceAdded, e.group, e.resource.uploader, e.resource.id, false);
  }
  LoggedEvent operator()(const events::ResourceRemoved& e) const {
    return In(EventKind::kResourceRemoved, e.group, e.resource.uploader, e.resource.id, false);
  }
  LoggedEvent operator()(const events::MemberJoined& e) const {
    return In(EventKind::kMemberJoined, e.group, e.member.id, e.member.id, !e.member.IsLocal());
  }
  LoggedEvent operator()(const events::MemberLeft& e) const {
    return In(EventKind::kMemberLeft, e.group, e.member.id, e.member.id, !e.member.IsLocal());
  }
  LoggedEvent operator()(const events::MemberBanned& e) const {
    return In(EventKind::kMemberBanned, e.group, Id{}, e.member.id, !e.member.IsLocal());
  }
  LoggedEvent operator()(const events::JoinDenied& e) const {
    return In(EventKind::kJoinDenied, e.group, Id{}, e.member.id, !e.member.IsLocal());
  }
  LoggedEvent operator()(const events::ProfileUpdated& e) const {
    return LoggedEvent{.kind = EventKind::kProfileUpdated,
                       .actor = e.member.id,
                       .subject = e.member.id,
                       .remote = !e.member.IsLocal()};
  }
  LoggedEvent operator()(const events::ReportFiled& e) const {
    return LoggedEvent{.kind = EventKind::kReportFiled,
                       .actor = e.report.reporter,
                       .group = e.report.group,
                       .subject = e.report.id,
                       .parent = e.report.target};
  }
};

Result<uint64_t> ReadU64(std::optional<std::string_view> bytes, std::string_view what) {
  if (!bytes) return uint64_t{0};
  storage::ValueReader r(*bytes);
  const uint64_t v = r.U64();
  GH_CHECK(r.Finish(what));
  return v;
}

std::string EncodeU64(uint64_t v) {
  storage::ValueWriter w(1);
  w.U64(v);
  return w.Take();
}

std::string CursorKey(std::string_view consumer) {
  return storage::KeyBuilder().Str(consumer).Take();
}

}  // namespace

LoggedEvent LoggedEventOf(const DomainEvent& event) { return std::visit(ToLogged{}, event); }

Result<uint64_t> LastEventSeq(storage::ReadTxn& tx) {
  return ReadU64(tx.Get(storage::tables::kMeta, kLastSeqKey), "event log sequence");
}

Result<uint64_t> AppendEvent(storage::WriteTxn& tx, const DomainEvent& event, int64_t now_ms) {
  LoggedEvent e = LoggedEventOf(event);
  e.seq = GH_TRY(LastEventSeq(tx)) + 1;
  e.at = now_ms;
  GH_CHECK(tx.Put(storage::tables::kMeta, kLastSeqKey, EncodeU64(e.seq)));
  GH_CHECK(storage::Table<LoggedEventCodec>::Put(tx, e));
  return e.seq;
}

Result<uint64_t> FirstEventSeq(storage::ReadTxn& tx) {
  uint64_t first = 0;
  GH_CHECK(tx.Scan(storage::tables::kEventLog, "", "", storage::ScanOrder::kForward,
                   [&](std::string_view key, std::string_view) {
                     first = LoggedEventCodec::SeqOfKey(key).value_or(0);
                     return false;
                   }));
  return first;
}

Result<std::vector<LoggedEvent>> EventsAfter(storage::ReadTxn& tx, uint64_t after, size_t limit) {
  std::vector<LoggedEvent> out;
  if (limit == 0) return out;
  Result<> decoded = Ok();
  GH_CHECK(tx.Scan(storage::tables::kEventLog, LoggedEventCodec::KeyOf(after + 1), "",
                   storage::ScanOrder::kForward, [&](std::string_view, std::string_view value) {
                     auto e = LoggedEventCodec::Decode(value);
                     if (!e) {
                       decoded = std::move(e).error();
                       return false;
                     }
                     out.push_back(*e);
                     return out.size() < limit;
                   }));
  GH_CHECK(decoded);
  return out;
}

Result<size_t> TrimEvents(storage::WriteTxn& tx, uint64_t through, int64_t before_ms, size_t max) {
  std::vector<std::string> doomed;
  GH_CHECK(tx.Scan(storage::tables::kEventLog, "", LoggedEventCodec::KeyOf(through + 1),
                   storage::ScanOrder::kForward, [&](std::string_view key, std::string_view value) {
                     auto e = LoggedEventCodec::Decode(value);
                     if (e && e->at >= before_ms) return false;  // the rest is newer
                     doomed.emplace_back(key);
                     return doomed.size() < max;
                   }));
  for (const std::string& key : doomed) GH_CHECK(tx.Del(storage::tables::kEventLog, key));
  return doomed.size();
}

Result<std::optional<uint64_t>> ConsumerPosition(storage::ReadTxn& tx, std::string_view consumer) {
  auto bytes = tx.Get(storage::tables::kEventCursors, CursorKey(consumer));
  if (!bytes) return std::optional<uint64_t>{};
  return std::optional<uint64_t>{GH_TRY(ReadU64(bytes, "event consumer position"))};
}

Result<> SetConsumerPosition(storage::WriteTxn& tx, std::string_view consumer, uint64_t seq) {
  return tx.Put(storage::tables::kEventCursors, CursorKey(consumer), EncodeU64(seq));
}

Result<> ForgetConsumerPosition(storage::WriteTxn& tx, std::string_view consumer) {
  return tx.Del(storage::tables::kEventCursors, CursorKey(consumer));
}

void EventSignal::Notify() {
  {
    std::lock_guard lock(mu_);
    ++generation_;
  }
  cv_.notify_all();
}

uint64_t EventSignal::generation() const {
  std::lock_guard lock(mu_);
  return generation_;
}

uint64_t EventSignal::WaitFor(uint64_t seen, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [&] { return generation_ != seen; });
  return generation_;
}

Result<> EventLogPublisher::Publish(storage::WriteTxn& tx, const DomainEvent& event) {
  GH_CHECK(AppendEvent(tx, event, UnixMillis(clock_.Now())));
  GH_CHECK(next_.Publish(tx, event));
  tx.AfterCommit([&signal = signal_] { signal.Notify(); });
  return Ok();
}

}  // namespace guildhall::community
