#include "node/community/events.h"

#include <algorithm>
#include <unordered_map>

#include "node/community/access.h"
#include "node/community/audit.h"
#include "node/community/event_ops.h"
#include "node/community/ical.h"
#include "node/community/timezones.h"
#include "node/community/validation.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Event;
using storage::EventCodec;
using storage::Table;

namespace {

constexpr int64_t kFeedHistoryMillis = int64_t{90} * 24 * 3600 * 1000;
constexpr size_t kMaxFeedEvents = 500;

bool MayEdit(const GroupAccess& access, const Event& e) {
  return access.Decide(Action::kEditOwn, e.organizer) == Decision::kAllow ||
         access.Decide(Action::kModerate) == Decision::kAllow;
}

void ApplyDraft(Event& e, const EventDraft& d) {
  e.title = std::string(Trim(d.title));
  e.description = d.description;
  e.start = d.start;
  e.end = d.end;
  e.time_zone = d.time_zone;
  e.place = std::string(Trim(d.place));
  e.online_url = d.online_url;
  e.capacity = d.capacity;
}

// Visits a group's events that have not ended by `now`, soonest first, until
// `fn` returns false. Events last at most kMaxEventMillis, so those still on
// started no earlier than now - kMaxEventMillis.
template <class Fn>
Result<> ScanNotEnded(storage::ReadTxn& tx, Id group, int64_t now, Fn&& fn) {
  const std::string begin = EventCodec::ByGroupKey(group, now - kMaxEventMillis, Id{});
  const std::string end = storage::PrefixEnd(EventCodec::ByGroupPrefix(group));
  return Table<EventCodec>::ScanIndex(
      tx, storage::tables::kEventsByGroup, begin, end, storage::ScanOrder::kForward,
      [&](const Event& e) { return e.end <= now ? true : static_cast<bool>(fn(e)); });
}

}  // namespace

Result<> Events::Validate(const EventDraft& d) const {
  Validator v;
  v.Text("title", d.title, 1, 200).Text("description", d.description, 0, 20000, true);
  v.Text("place", d.place, 0, 300);
  v.Check(d.start > 0, "start", "is required");
  v.Check(d.end > d.start, "end", "must be after the start");
  v.Check(d.end - d.start <= kMaxEventMillis, "end", "events may last at most 31 days");
  v.Check(d.online_url.empty() || IsValidWebUrl(d.online_url), "online_url",
          "must be an http:// or https:// address");
  v.Check(d.capacity <= 1000000, "capacity", "must be at most 1,000,000 (0 for no limit)");
  if (auto tz = ValidateTimeZone(d.time_zone, options_.zoneinfo_dir); !tz) {
    if (tz.error().code != Code::kInvalid) return tz;
    v.Check(false, "time_zone", "is not a known IANA time zone (e.g. Europe/Berlin)");
  }
  return v.Finish();
}

Result<Event> Events::Create(Id actor, Id group, const EventDraft& d) {
  GH_CHECK(Validate(d));
  Event out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kPost));
    Event e{.id = deps_.ids.Next(), .group = group, .organizer = actor};
    ApplyDraft(e, d);
    e.created = e.updated = deps_.NowMs();
    e.ap_id = d.ap_id;
    GH_CHECK(Table<EventCodec>::Insert(tx, e));
    ++access.group.event_count;
    GH_CHECK(Table<storage::GroupCodec>::Put(tx, access.group));
    GH_CHECK(deps_.publisher.Publish(tx, events::EventCreated{access.group, e}));
    out = e;
    return Ok();
  }));
  return out;
}

Result<Event> Events::Update(Id actor, Id event, const EventDraft& d, uint64_t expected_version) {
  GH_CHECK(Validate(d));
  return Change(
      actor, event, expected_version,
      [&](Event& e) -> Result<> {
        ApplyDraft(e, d);
        return Ok();
      },
      false, "");
}

Result<Event> Events::Cancel(Id actor, Id event, std::string_view reason) {
  GH_CHECK(Validator().Text("reason", reason, 0, 1000, true).Finish());
  return Change(
      actor, event, 0,
      [](Event& e) -> Result<> {
        e.cancelled = true;
        return Ok();
      },
      true, reason);
}

Result<Event> Events::Change(Id actor, Id event, uint64_t expected_version,
                             const std::function<Result<>(Event&)>& apply, bool cancel,
                             std::string_view reason) {
  Event out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    Event e = GH_TRY(LoadEvent(tx, event));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, e.group));
    GH_CHECK(access.Require(Action::kViewContent, "event"));
    if (!MayEdit(access, e)) return Error::Forbidden("not allowed");
    if (e.cancelled) return Error::Conflict("the event was cancelled");
    if (expected_version && expected_version != e.version) {
      return Error::Conflict("the event was changed meanwhile; reload and try again");
    }
    GH_CHECK(apply(e));
    e.updated = deps_.NowMs();
    ++e.version;
    if (!cancel) GH_CHECK(PromoteWaitlisted(tx, deps_, access.group, e));
    GH_CHECK(Table<EventCodec>::Put(tx, e));
    GH_CHECK(NotifyAttendees(tx, deps_, e, actor));
    if (cancel) {
      GH_CHECK(deps_.publisher.Publish(tx, events::EventCancelled{access.group, e}));
      GH_CHECK(AppendAudit(tx, deps_,
                           {.actor = actor,
                            .action = "event.cancel",
                            .target = "event:" + e.id.ToString(),
                            .group = e.group,
                            .before = "cancelled=false",
                            .after = "cancelled=true",
                            .reason = std::string(reason)}));
    } else {
      GH_CHECK(deps_.publisher.Publish(tx, events::EventUpdated{access.group, e}));
    }
    out = e;
    return Ok();
  }));
  return out;
}

Result<EventView> Events::Get(Id viewer, Id event) {
  EventView out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    out.event = GH_TRY(LoadEvent(tx, event));
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, out.event.group));
    GH_CHECK(access.Require(Action::kViewContent, "event"));
    out.can = access.Capabilities();
    out.can_edit = !out.event.cancelled && MayEdit(access, out.event);
    if (viewer) {
      out.rsvp =
          GH_TRY(Table<storage::RsvpCodec>::Get(tx, storage::RsvpCodec::KeyOf(event, viewer)));
    }
    return Ok();
  }));
  return out;
}

Result<Page<Event>> Events::ListGroup(Id viewer, Id group, const PageRequest& page, bool past) {
  Page<Event> out;
  const int64_t now = deps_.NowMs();
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, group));
    GH_CHECK(access.Require(Action::kViewContent));
    // Upcoming events start with the oldest that may still be on; past ones
    // with the newest that may have ended.
    const std::string prefix = EventCodec::ByGroupPrefix(group);
    const std::string from = past ? EventCodec::ByGroupKey(group, now, Id{})
                                  : EventCodec::ByGroupKey(group, now - kMaxEventMillis, Id{});
    out.next_cursor = GH_TRY(ScanIndexPage<EventCodec>(
        tx, storage::tables::kEventsByGroup, {prefix, from}, page,
        past ? storage::ScanOrder::kReverse : storage::ScanOrder::kForward, [&](const Event& e) {
          if ((e.end > now) == past) return Visit::kSkip;
          out.items.push_back(e);
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

Result<std::vector<Event>> Events::Upcoming(Id viewer, size_t limit) {
  std::vector<Event> out;
  const int64_t now = deps_.NowMs();
  limit = ClampLimit(limit);
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, viewer));
    std::vector<Id> groups;
    const std::string prefix = storage::MembershipCodec::ByMemberPrefix(viewer);
    GH_CHECK(Table<storage::MembershipCodec>::ScanIndexPrefix(
        tx, storage::tables::kMembershipsByMember, prefix, storage::ScanOrder::kForward,
        [&](const storage::Membership& m) {
          if (m.state == storage::MembershipState::kActive) groups.push_back(m.group);
          return true;
        }));
    // Each group contributes at most `limit` events: merging those is exact.
    for (Id g : groups) {
      size_t taken = 0;
      GH_CHECK(ScanNotEnded(tx, g, now, [&](const Event& e) {
        if (!e.cancelled) out.push_back(e), ++taken;
        return taken < limit;
      }));
    }
    return Ok();
  }));
  std::sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    return a.start != b.start ? a.start < b.start : a.id < b.id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<Page<Event>> Events::ListUpcoming(Id viewer, const PageRequest& page) {
  Page<Event> out;
  const int64_t now = deps_.NowMs();
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(LoadViewer(tx, viewer));
    std::unordered_map<uint64_t, bool> readable;  // per group, decided once per page
    auto may_read = [&](Id group) -> Result<bool> {
      if (auto it = readable.find(group.value); it != readable.end()) return it->second;
      const auto g = GH_TRY(LoadGroup(tx, group));
      const auto m = GH_TRY(LoadMembership(tx, group, viewer));
      return readable[group.value] = Decide(v, g, m, Action::kViewContent) == Decision::kAllow;
    };
    const std::string from = EventCodec::ByStartKey(now - kMaxEventMillis, Id{});
    out.next_cursor = GH_TRY(ScanIndexPage<EventCodec>(
        tx, storage::tables::kEventsByStart, {"", from}, page, storage::ScanOrder::kForward,
        [&](const Event& e) -> Result<Visit> {
          if (e.end <= now || e.cancelled || !GH_TRY(may_read(e.group))) return Visit::kSkip;
          out.items.push_back(e);
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

Result<std::string> Events::ExportEvent(Id viewer, Id event) {
  auto view = GH_TRY(Get(viewer, event));
  return ICalendar(std::span(&view.event, 1), options_.node_host);
}

Result<std::string> Events::ExportGroup(Id viewer, Id group) {
  std::vector<Event> events;
  std::string name;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, group));
    GH_CHECK(access.Require(Action::kViewContent));
    name = access.group.name;
    const std::string begin =
        EventCodec::ByGroupKey(group, deps_.NowMs() - kFeedHistoryMillis, Id{});
    const std::string end = storage::PrefixEnd(EventCodec::ByGroupPrefix(group));
    return Table<EventCodec>::ScanIndex(tx, storage::tables::kEventsByGroup, begin, end,
                                        storage::ScanOrder::kForward, [&](const Event& e) {
                                          events.push_back(e);
                                          return events.size() < kMaxFeedEvents;
                                        });
  }));
  return ICalendar(events, options_.node_host, name);
}

}  // namespace guildhall::community
