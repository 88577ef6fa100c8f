// The event log (node/community/event_log.h) and its feed (event_feed.h):
// every committed change leaves exactly one event, in commit order, and
// nothing is logged for a change that failed; each consumer gets every event
// after its saved position, in order, resumes there after a restart, is
// retried without holding the others back, and rebuilds when it never ran or
// the events it missed were trimmed.
#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>

#include "node/community/event_feed.h"
#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using storage::EventKind;
using storage::LoggedEvent;
using testing::CodeOf;
using testing::Must;

// Remembers what it was given; can be told to fail.
class RecordingConsumer final : public EventConsumer {
 public:
  explicit RecordingConsumer(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  Result<> Consume(std::span<const LoggedEvent> events) override {
    std::lock_guard lock(mu_);
    if (fail) return Error::Unavailable("index offline");
    seen_.insert(seen_.end(), events.begin(), events.end());
    cv_.notify_all();
    return Ok();
  }
  Result<> Rebuild() override {
    std::lock_guard lock(mu_);
    ++rebuilds_;
    return Ok();
  }
  std::vector<LoggedEvent> seen() const {
    std::lock_guard lock(mu_);
    return seen_;
  }
  int rebuilds() const {
    std::lock_guard lock(mu_);
    return rebuilds_;
  }
  // Waits (bounded) until `count` events of `kind` have arrived.
  bool WaitFor(EventKind kind, size_t count = 1) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(20), [&] {
      return static_cast<size_t>(
                 std::count_if(seen_.begin(), seen_.end(),
                               [&](const LoggedEvent& e) { return e.kind == kind; })) >= count;
    });
  }
  bool fail = false;  // set only while no feed thread runs

 private:
  std::string name_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<LoggedEvent> seen_;  // GUARDED_BY(mu_)
  int rebuilds_ = 0;               // GUARDED_BY(mu_)
};

class EventLogTest : public testing::CommunityFixture {
 protected:
  std::vector<LoggedEvent> Log() {
    std::vector<LoggedEvent> out;
    Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
      out = GH_TRY(EventsAfter(tx, 0, 10'000));
      return Ok();
    }));
    return out;
  }
  std::vector<EventKind> Kinds(const std::vector<LoggedEvent>& events) {
    std::vector<EventKind> out;
    for (const auto& e : events) out.push_back(e.kind);
    return out;
  }
  EventFeed NewFeed(EventFeedOptions options = {}) {
    return EventFeed(store_.store(), c_.event_signal, clock_, options);
  }
};

TEST_F(EventLogTest, EveryChangeLeavesOneEventInCommitOrder) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "garden", storage::GroupScope::kInternal);
  Must(c_.memberships.Join(bob, g));
  const Id t = NewThread(bob, g, "Seeds");
  const Id r = Must(c_.replies.Create(alice, t, {Id{}, "Tomatoes", ""})).id;
  Must(c_.likes.Like(alice, t));

  const auto log = Log();
  EXPECT_EQ(Kinds(log), (std::vector<EventKind>{EventKind::kGroupCreated, EventKind::kMemberJoined,
                                                EventKind::kMemberJoined, EventKind::kThreadCreated,
                                                EventKind::kReplyCreated, EventKind::kLikeAdded}));
  for (size_t i = 0; i < log.size(); ++i) EXPECT_EQ(log[i].seq, i + 1);
  const LoggedEvent& thread = log[3];
  EXPECT_EQ(thread.group, g);
  EXPECT_EQ(thread.subject, t);
  EXPECT_EQ(thread.actor, bob);
  EXPECT_EQ(thread.at, Now());
  EXPECT_FALSE(thread.remote);
  const LoggedEvent& reply = log[4];
  EXPECT_EQ(reply.subject, r);
  EXPECT_EQ(reply.parent, t);
  EXPECT_EQ(reply.actor, alice);
}

TEST_F(EventLogTest, AChangeThatFailsLogsNothing) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  const size_t before = Log().size();
  EXPECT_EQ(CodeOf(c_.threads.Create(alice, g, {"", "no title", ""})), Code::kInvalid);
  EXPECT_EQ(Log().size(), before);
}

TEST_F(EventLogTest, AConsumerGetsEveryEventOnceAndResumesWhereItStopped) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  RecordingConsumer index("index");
  {
    EventFeed feed = NewFeed();
    feed.Add(index);
    Must(feed.CatchUp());  // first run: rebuilds, then starts at the head
    EXPECT_EQ(index.rebuilds(), 1);
    EXPECT_TRUE(index.seen().empty());
    NewThread(alice, g, "One");
    NewThread(alice, g, "Two");
    Must(feed.CatchUp());
    ASSERT_EQ(index.seen().size(), 2u);
  }
  NewThread(alice, g, "Three");
  EventFeed restarted = NewFeed();
  restarted.Add(index);
  Must(restarted.CatchUp());
  const auto seen = index.seen();
  ASSERT_EQ(seen.size(), 3u);  // only the new one: the position was kept
  EXPECT_EQ(index.rebuilds(), 1);
  EXPECT_LT(seen[0].seq, seen[1].seq);
  EXPECT_LT(seen[1].seq, seen[2].seq);
  EXPECT_EQ(restarted.Stats()[0].backlog, 0u);
}

TEST_F(EventLogTest, AFailingConsumerKeepsItsPlaceAndHoldsNoOneBack) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  RecordingConsumer broken("broken"), healthy("healthy");
  EventFeed feed = NewFeed({.batch = 2});
  feed.Add(broken);
  feed.Add(healthy);
  Must(feed.CatchUp());
  for (int i = 0; i < 5; ++i) NewThread(alice, g, "T" + std::to_string(i));

  broken.fail = true;
  EXPECT_EQ(CodeOf(feed.CatchUp()), Code::kUnavailable);
  feed.Start();
  ASSERT_TRUE(healthy.WaitFor(EventKind::kThreadCreated, 5));
  feed.Stop();
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    EXPECT_EQ(GH_TRY(ConsumerPosition(tx, "healthy")), GH_TRY(LastEventSeq(tx)));
    return Ok();
  }));
  EXPECT_TRUE(broken.seen().empty());

  broken.fail = false;
  Must(feed.CatchUp());
  EXPECT_EQ(Kinds(broken.seen()), Kinds(healthy.seen()));
  EXPECT_EQ(broken.seen().size(), 5u);
}

TEST_F(EventLogTest, TheFeedThreadWakesOnACommittedChange) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  RecordingConsumer index("index");
  // An idle wait far beyond the test's own deadline: only the signal can
  // deliver the event in time.
  EventFeed feed = NewFeed({.idle_wait = std::chrono::hours(1)});
  feed.Add(index);
  Must(feed.CatchUp());
  feed.Start();
  NewThread(alice, g, "Ring");
  EXPECT_TRUE(index.WaitFor(EventKind::kThreadCreated));
  feed.Stop();
}

TEST_F(EventLogTest, ConsumedEventsAreTrimmedAndALaggardRebuilds) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  RecordingConsumer index("index"), other("other");
  {
    EventFeed feed = NewFeed({.retain = std::chrono::hours(1)});
    feed.Add(index);
    feed.Add(other);
    Must(feed.CatchUp());
  }
  NewThread(alice, g, "Old");
  {
    EventFeed feed = NewFeed({.retain = std::chrono::hours(1)});
    feed.Add(index);  // `other` is switched off for a while
    Must(feed.CatchUp());
  }
  Advance(std::chrono::hours(2));
  NewThread(alice, g, "New");
  const size_t before = Log().size();
  {
    // Trimmed only once both have applied them, and only those older
    // than `retain`.
    EventFeed feed = NewFeed({.retain = std::chrono::hours(1)});
    feed.Add(index);
    feed.Add(other);
    Must(feed.CatchUp());
    EXPECT_LT(Log().size(), before);
    EXPECT_EQ(Kinds(Log()), std::vector<EventKind>{EventKind::kThreadCreated});  // "New"
    EXPECT_EQ(other.rebuilds(), 1);  // its first run only
  }
  // The cap: a consumer switched off while the log overflowed rebuilds.
  NewThread(alice, g, "A");
  NewThread(alice, g, "B");
  {
    EventFeed feed = NewFeed({.max_events = 1});
    feed.Add(index);
    Must(feed.CatchUp());
    EXPECT_EQ(Log().size(), 1u);
  }
  NewThread(alice, g, "C");
  EventFeed feed = NewFeed({.max_events = 1});
  feed.Add(other);
  Must(feed.CatchUp());
  EXPECT_EQ(other.rebuilds(), 2);
}

}  // namespace
}  // namespace guildhall::community
