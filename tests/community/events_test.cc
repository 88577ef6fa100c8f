// Events and RSVPs (node/community/events.cc, rsvps.cc, event_ops.cc, timezones.cc).
#include <gtest/gtest.h>

#include "node/community/timezones.h"
#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using storage::NotificationKind;
using storage::RsvpAnswer;
using testing::CodeOf;
using testing::Must;

constexpr int64_t kHour = 3600 * 1000;
constexpr int64_t kDay = 24 * kHour;

class Events : public testing::CommunityFixture {
 protected:
  Events() {
    owner_ = Member("owner");
    group_ = Group(owner_, "meetups");
  }
  EventDraft Draft(int64_t start_in, uint64_t capacity = 0, const std::string& title = "Meetup") {
    const int64_t start = Now() + start_in;
    return EventDraft{.title = title,
                      .description = "Bring snacks",
                      .start = start,
                      .end = start + 2 * kHour,
                      .time_zone = "Europe/Berlin",
                      .place = "Room 4",
                      .capacity = capacity};
  }
  Id Person(const std::string& name) {
    const Id id = Member(name);
    AddMember(owner_, group_, id);
    return id;
  }
  Id owner_, group_;
};

TEST_F(Events, CapacityFillsThenWaitlistsThenPromotes) {
  const Id a = Person("a"), b = Person("b"), c = Person("c"), d = Person("d");
  const Id e = Must(c_.events.Create(owner_, group_, Draft(kDay, 2))).id;
  EXPECT_FALSE(Must(c_.rsvps.Answer(a, e, RsvpAnswer::kGoing)).waitlisted);
  EXPECT_FALSE(Must(c_.rsvps.Answer(b, e, RsvpAnswer::kGoing)).waitlisted);
  EXPECT_TRUE(Must(c_.rsvps.Answer(c, e, RsvpAnswer::kGoing)).waitlisted);
  EXPECT_TRUE(Must(c_.rsvps.Answer(d, e, RsvpAnswer::kGoing)).waitlisted);
  EXPECT_TRUE(Must(c_.rsvps.Answer(c, e, RsvpAnswer::kGoing)).waitlisted);  // keeps its place
  // A seat frees: the first on the waitlist (c, not d) gets it and is told.
  Must(c_.rsvps.Answer(a, e, RsvpAnswer::kDeclined));
  auto list = Must(c_.rsvps.List(owner_, e));
  ASSERT_EQ(list.going.size(), 2u);
  EXPECT_EQ(list.going[0].member.username, "b");
  EXPECT_EQ(list.going[1].member.username, "c");
  ASSERT_EQ(list.waitlist.size(), 1u);
  EXPECT_EQ(list.waitlist[0].member.username, "d");
  ASSERT_EQ(list.declined.size(), 1u);
  EXPECT_EQ(NotificationsOf(c).front().kind, NotificationKind::kWaitlistPromoted);
  auto event = Must(c_.events.Get(owner_, e)).event;
  EXPECT_EQ(event.going_count, 2u);
  EXPECT_EQ(event.waitlist_count, 1u);
  // More seats promote the rest.
  auto more = Draft(kDay, 3);
  more.start = event.start;
  more.end = event.end;
  EXPECT_EQ(Must(c_.events.Update(owner_, e, more)).going_count, 3u);
  EXPECT_FALSE(Must(c_.events.Get(d, e)).rsvp->waitlisted);
}

TEST_F(Events, MaybeAndDeclinedDoNotTakeSeats) {
  const Id a = Person("a"), b = Person("b");
  const Id e = Must(c_.events.Create(owner_, group_, Draft(kDay, 1))).id;
  Must(c_.rsvps.Answer(a, e, RsvpAnswer::kMaybe));
  EXPECT_FALSE(Must(c_.rsvps.Answer(b, e, RsvpAnswer::kGoing)).waitlisted);
  auto event = Must(c_.events.Get(owner_, e)).event;
  EXPECT_EQ(event.maybe_count, 1u);
  EXPECT_EQ(event.going_count, 1u);
  EXPECT_TRUE(Must(c_.rsvps.Answer(a, e, RsvpAnswer::kGoing)).waitlisted);
  EXPECT_EQ(Must(c_.events.Get(owner_, e)).event.maybe_count, 0u);
}

TEST_F(Events, ChangesNotifyGoingAndMaybe) {
  const Id a = Person("a"), b = Person("b"), c = Person("c");
  const Id e = Must(c_.events.Create(owner_, group_, Draft(kDay))).id;
  Must(c_.rsvps.Answer(a, e, RsvpAnswer::kGoing));
  Must(c_.rsvps.Answer(b, e, RsvpAnswer::kMaybe));
  Must(c_.rsvps.Answer(c, e, RsvpAnswer::kDeclined));
  auto moved = Draft(2 * kDay);
  Must(c_.events.Update(owner_, e, moved));
  EXPECT_EQ(NotificationsOf(a).front().kind, NotificationKind::kEventChanged);
  EXPECT_EQ(NotificationsOf(b).front().kind, NotificationKind::kEventChanged);
  EXPECT_TRUE(NotificationsOf(c).empty());
  auto cancelled = Must(c_.events.Cancel(owner_, e, "speaker ill"));
  EXPECT_TRUE(cancelled.cancelled);
  EXPECT_EQ(NotificationsOf(a).size(), 2u);
  EXPECT_EQ(CodeOf(c_.rsvps.Answer(c, e, RsvpAnswer::kGoing)), Code::kConflict);
  EXPECT_EQ(CodeOf(c_.events.Update(owner_, e, moved)), Code::kConflict);
}

TEST_F(Events, OnlyOrganizerOrModeratorsEdit) {
  const Id a = Person("a"), b = Person("b");
  const Id e = Must(c_.events.Create(a, group_, Draft(kDay))).id;
  EXPECT_EQ(CodeOf(c_.events.Update(b, e, Draft(kDay))), Code::kForbidden);
  EXPECT_TRUE(c_.events.Update(a, e, Draft(kDay)));
  EXPECT_TRUE(c_.events.Update(owner_, e, Draft(kDay)));  // the group's owner moderates
  EXPECT_FALSE(Must(c_.events.Get(b, e)).can_edit);
  EXPECT_TRUE(Must(c_.events.Get(a, e)).can_edit);
}

TEST_F(Events, TimeZoneMustBeARealZoneAndNeverAPath) {
  for (const char* bad :
       {"../../etc/passwd", "/etc/passwd", "Europe/../../../etc/passwd", "Europe/Nowhere", "",
        "Europe//Berlin", "zone.tab", "tzdata.zi", "Europe/Berlin\n", ".", "Europe"}) {
    auto draft = Draft(kDay);
    draft.time_zone = bad;
    auto r = c_.events.Create(owner_, group_, draft);
    ASSERT_EQ(CodeOf(r), Code::kInvalid) << bad;
    EXPECT_EQ(r.error().message, "time_zone: is not a known IANA time zone (e.g. Europe/Berlin)")
        << bad;
  }
  for (const char* good :
       {"Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5", "US/Eastern"}) {
    EXPECT_TRUE(ValidateTimeZone(good, "/usr/share/zoneinfo")) << good;
  }
}

TEST_F(Events, OtherFieldsAreValidatedToo) {
  auto draft = Draft(kDay);
  draft.end = draft.start - 1;
  draft.online_url = "javascript:alert(1)";
  auto r = c_.events.Create(owner_, group_, draft);
  ASSERT_EQ(CodeOf(r), Code::kInvalid);
  EXPECT_EQ(r.error().message,
            "end: must be after the start; online_url: must be an http:// or https:// address");
  draft = Draft(kDay);
  draft.end = draft.start + 32 * kDay;
  EXPECT_EQ(c_.events.Create(owner_, group_, draft).error().message,
            "end: events may last at most 31 days");
}

TEST_F(Events, UpcomingAcrossMyGroups) {
  const Id me = Person("me");
  const Id other = Group(owner_, "other");
  AddMember(owner_, other, me);
  const Id hidden = Group(owner_, "not-mine");
  Must(c_.events.Create(owner_, group_, Draft(3 * kDay, 0, "third")));
  Must(c_.events.Create(owner_, other, Draft(1 * kDay, 0, "first")));
  Must(c_.events.Create(owner_, group_, Draft(2 * kDay, 0, "second")));
  Must(c_.events.Create(owner_, hidden, Draft(1 * kDay, 0, "elsewhere")));
  auto cancelled = Must(c_.events.Create(owner_, other, Draft(kDay / 2, 0, "cancelled")));
  Must(c_.events.Cancel(owner_, cancelled.id, ""));
  auto past = Must(c_.events.Create(owner_, group_, Draft(kHour, 0, "soon over")));
  Advance(std::chrono::hours(4));  // "soon over" has ended
  auto upcoming = Must(c_.events.Upcoming(me, 10));
  std::vector<std::string> titles;
  for (const auto& e : upcoming) titles.push_back(e.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"first", "second", "third"}));
  EXPECT_EQ(Must(c_.events.Upcoming(me, 2)).size(), 2u);
  auto group_list = Must(c_.events.ListGroup(me, group_, {}));
  ASSERT_EQ(group_list.items.size(), 2u);
  EXPECT_EQ(group_list.items[0].title, "second");
  auto past_list = Must(c_.events.ListGroup(me, group_, {}, true));
  ASSERT_EQ(past_list.items.size(), 1u);
  EXPECT_EQ(past_list.items[0].id, past.id);
  EXPECT_EQ(CodeOf(c_.rsvps.Answer(me, past.id, RsvpAnswer::kGoing)), Code::kConflict);
}

TEST_F(Events, NodeWideUpcomingShowsOnlyReadableGroups) {
  const Id outsider = Member("outsider");
  const Id closed =
      Group(owner_, "closed", storage::GroupScope::kInternal, storage::JoinMode::kApproval);
  const Id pub = Group(owner_, "public", storage::GroupScope::kPublic, storage::JoinMode::kOpen);
  Must(c_.events.Create(owner_, group_, Draft(2 * kDay, 0, "open one")));
  Must(c_.events.Create(owner_, closed, Draft(1 * kDay, 0, "members only")));
  Must(c_.events.Create(owner_, pub, Draft(3 * kDay, 0, "for everyone")));
  auto titles = [&](Id viewer) {
    std::vector<std::string> out;
    for (const auto& e : Must(c_.events.ListUpcoming(viewer, {})).items) out.push_back(e.title);
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(titles(owner_), (V{"members only", "open one", "for everyone"}));
  EXPECT_EQ(titles(outsider), (V{"open one", "for everyone"}));
  EXPECT_EQ(titles(Id{}), (V{"for everyone"}));
  auto first = Must(c_.events.ListUpcoming(owner_, {.limit = 1}));
  auto rest = Must(c_.events.ListUpcoming(owner_, {.cursor = first.next_cursor, .limit = 5}));
  ASSERT_EQ(rest.items.size(), 2u);
  EXPECT_EQ(rest.items[0].title, "open one");
}

}  // namespace
}  // namespace guildhall::community
