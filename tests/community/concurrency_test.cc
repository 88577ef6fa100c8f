// Concurrent writers never lose an update: every service does its
// read-modify-write inside one store write transaction, and the store runs
// write functions one at a time (group commit).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using testing::Must;
using Concurrency = testing::CommunityFixture;

TEST_F(Concurrency, ParallelRepliesAndLikesKeepExactCounts) {
  constexpr int kWriters = 8;
  constexpr int kRepliesEach = 25;
  const Id owner = Member("owner");
  const Id group = Group(owner, "busy");
  std::vector<Id> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.push_back(Member("writer" + std::to_string(i)));
    AddMember(owner, group, writers.back());
  }
  const Id thread = NewThread(owner, group);
  std::atomic<int> failures{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < kWriters; ++w) {
    pool.emplace_back([&, w] {
      for (int i = 0; i < kRepliesEach; ++i) {
        if (!c_.replies.Create(writers[w], thread, {Id{}, "reply " + std::to_string(i), ""})) {
          ++failures;
        }
      }
      if (!c_.likes.Like(writers[w], thread)) ++failures;
    });
  }
  for (auto& t : pool) t.join();
  ASSERT_EQ(failures.load(), 0);
  auto view = Must(c_.threads.Get(owner, thread));
  EXPECT_EQ(view.thread.reply_count, uint64_t{kWriters * kRepliesEach});
  EXPECT_EQ(view.thread.like_count, uint64_t{kWriters});
  size_t listed = 0;
  PageRequest page{.limit = 200};
  do {
    auto p = Must(c_.replies.List(owner, thread, page));
    listed += p.items.size();
    page.cursor = p.next_cursor;
  } while (!page.cursor.empty());
  EXPECT_EQ(listed, size_t{kWriters * kRepliesEach});
  // The owner was notified of every reply.
  EXPECT_EQ(Must(c_.notifications.UnreadCount(owner)), uint64_t{kWriters * kRepliesEach});
}

TEST_F(Concurrency, StaleEditsConflictInsteadOfOverwriting) {
  const Id owner = Member("owner");
  const Id group = Group(owner, "edits");
  const Id thread = NewThread(owner, group);
  constexpr int kEditors = 6;
  std::atomic<int> won{0}, conflicted{0};
  std::vector<std::thread> pool;
  for (int i = 0; i < kEditors; ++i) {
    pool.emplace_back([&, i] {
      auto r = c_.threads.Edit(owner, thread, {"Edit " + std::to_string(i), "body", 1});
      if (r)
        ++won;
      else if (r.error().code == Code::kConflict)
        ++conflicted;
    });
  }
  for (auto& t : pool) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(conflicted.load(), kEditors - 1);
  EXPECT_EQ(Must(c_.threads.Get(owner, thread)).thread.version, 2u);
}

TEST_F(Concurrency, ParallelRsvpsNeverOverbook) {
  const Id owner = Member("owner");
  const Id group = Group(owner, "meetups");
  constexpr int kPeople = 12;
  constexpr uint64_t kSeats = 5;
  std::vector<Id> people;
  for (int i = 0; i < kPeople; ++i) {
    people.push_back(Member("p" + std::to_string(i)));
    AddMember(owner, group, people.back());
  }
  const int64_t start = Now() + 86400000;
  auto event = Must(c_.events.Create(owner, group,
                                     {.title = "Lunch",
                                      .start = start,
                                      .end = start + 3600000,
                                      .time_zone = "Europe/Berlin",
                                      .capacity = kSeats}));
  std::vector<std::thread> pool;
  for (Id p : people) {
    pool.emplace_back([&, p] { Must(c_.rsvps.Answer(p, event.id, storage::RsvpAnswer::kGoing)); });
  }
  for (auto& t : pool) t.join();
  auto after = Must(c_.events.Get(owner, event.id)).event;
  EXPECT_EQ(after.going_count, kSeats);
  EXPECT_EQ(after.waitlist_count, kPeople - kSeats);
  auto list = Must(c_.rsvps.List(owner, event.id));
  EXPECT_EQ(list.going.size(), kSeats);
  EXPECT_EQ(list.waitlist.size(), kPeople - kSeats);
}

}  // namespace
}  // namespace guildhall::community
