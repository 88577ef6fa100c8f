#include "node/community/rsvps.h"

#include <algorithm>

#include "node/community/access.h"
#include "node/community/event_ops.h"
#include "storage/model/records/event.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Event;
using storage::Rsvp;
using storage::RsvpAnswer;
using storage::RsvpCodec;
using storage::Table;

namespace {

// Takes an answer out of the event's counters.
void Uncount(Event& e, const Rsvp& r) {
  auto dec = [](uint64_t& n) { n = n > 0 ? n - 1 : 0; };
  if (r.answer == RsvpAnswer::kMaybe) dec(e.maybe_count);
  if (r.answer == RsvpAnswer::kGoing) dec(r.waitlisted ? e.waitlist_count : e.going_count);
}

// Puts an answer into the counters, taking a seat or a waitlist place.
void Count(const ServiceDeps& deps, Event& e, Rsvp& r) {
  r.waitlisted = false;
  r.waitlist_seq = Id{};
  if (r.answer == RsvpAnswer::kMaybe) ++e.maybe_count;
  if (r.answer != RsvpAnswer::kGoing) return;
  if (HasFreeSeat(e)) {
    ++e.going_count;
    return;
  }
  r.waitlisted = true;
  r.waitlist_seq = deps.ids.Next();
  ++e.waitlist_count;
}

}  // namespace

Result<Rsvp> Rsvps::Answer(Id actor, Id event, RsvpAnswer answer) {
  Rsvp out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    Event e = GH_TRY(LoadEvent(tx, event));
    auto access = GH_TRY(LoadGroupAccess(tx, actor, e.group));
    GH_CHECK(access.Require(Action::kReply, "event"));
    if (e.cancelled) return Error::Conflict("the event was cancelled");
    if (e.end <= deps_.NowMs()) return Error::Conflict("the event is over");
    auto old = GH_TRY(Table<RsvpCodec>::Get(tx, RsvpCodec::KeyOf(event, actor)));
    if (old && old->answer == answer) {  // keeps a seat or a waitlist place
      out = *old;
      return Ok();
    }
    Rsvp r{.event = event, .member = actor, .answer = answer, .at = deps_.NowMs()};
    if (old) Uncount(e, *old);
    Count(deps_, e, r);
    GH_CHECK(Table<RsvpCodec>::Put(tx, r));
    GH_CHECK(PromoteWaitlisted(tx, deps_, access.group, e));
    GH_CHECK(Table<storage::EventCodec>::Put(tx, e));
    GH_CHECK(deps_.publisher.Publish(tx, events::RsvpChanged{access.group, e, r}));
    out = r;
    return Ok();
  }));
  return out;
}

Result<Attendees> Rsvps::List(Id viewer, Id event) {
  Attendees out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    const Event e = GH_TRY(LoadEvent(tx, event));
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, e.group));
    GH_CHECK(access.Require(Action::kViewContent, "event"));
    Result<> status;
    GH_CHECK(Table<RsvpCodec>::ScanPrefix(
        tx, RsvpCodec::ByEventPrefix(event), storage::ScanOrder::kForward, [&](const Rsvp& r) {
          auto member = LoadMember(tx, r.member);
          if (!member) {
            status = std::move(member).error();
            return false;
          }
          Attendee a{r, ToProfile(*member)};
          auto& list = r.answer == RsvpAnswer::kMaybe      ? out.maybe
                       : r.answer == RsvpAnswer::kDeclined ? out.declined
                       : r.waitlisted                      ? out.waitlist
                                                           : out.going;
          list.push_back(std::move(a));
          return true;
        }));
    GH_CHECK(status);
    auto by_time = [](const Attendee& a, const Attendee& b) { return a.rsvp.at < b.rsvp.at; };
    std::sort(out.going.begin(), out.going.end(), by_time);
    std::sort(out.maybe.begin(), out.maybe.end(), by_time);
    std::sort(out.declined.begin(), out.declined.end(), by_time);
    std::sort(out.waitlist.begin(), out.waitlist.end(), [](const Attendee& a, const Attendee& b) {
      return a.rsvp.waitlist_seq < b.rsvp.waitlist_seq;
    });
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
