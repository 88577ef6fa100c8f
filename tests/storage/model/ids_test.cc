// Tests storage/model/ids.{h,cc}: ids are monotonic (even when the clock steps
// back), unique across threads, carry their creation time, and Parse accepts
// only canonical decimal text.
#include "storage/model/ids.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <unordered_set>
#include <vector>

namespace guildhall {
namespace {

TimePoint At(int64_t unix_ms) { return FromUnixMillis(unix_ms); }

TEST(IdGenerator, MonotonicWithinAndAcrossMilliseconds) {
  ManualClock clock(At(1'700'000'000'000));
  IdGenerator ids(clock);
  Id previous = ids.Next();
  EXPECT_EQ(previous.UnixMillis(), 1'700'000'000'000);
  for (int i = 0; i < 1000; ++i) {
    const Id next = ids.Next();
    EXPECT_GT(next, previous);
    previous = next;
  }
  clock.Advance(std::chrono::milliseconds(1));
  const Id later = ids.Next();
  EXPECT_GT(later, previous);
  EXPECT_EQ(later.UnixMillis(), 1'700'000'000'001);
}

TEST(IdGenerator, ClockSteppingBackNeverRepeats) {
  ManualClock clock(At(1'700'000'000'000));
  IdGenerator ids(clock);
  const Id before = ids.Next();
  clock.Set(At(1'600'000'000'000));
  EXPECT_GT(ids.Next(), before);
}

TEST(IdGenerator, ObserveRaisesTheFloor) {
  ManualClock clock(At(1'000));
  IdGenerator ids(clock);
  const Id stored{(uint64_t{5'000} << 16) | 9};
  ids.Observe(stored);
  EXPECT_GT(ids.Next(), stored);
  ids.Observe(Id{1});  // a lower floor changes nothing
  EXPECT_GT(ids.Next(), stored);
}

// `serve` and an admin command mint ids against the same store at the same
// moment; with their own streams they never meet, however many each mints
// in a millisecond (4,096 per stream carry into the next one).
TEST(IdGenerator, StreamsNeverCollideInTheSameMillisecond) {
  ManualClock clock(At(1'700'000'000'000));
  IdGenerator server(clock, IdGenerator::kServerStream);
  IdGenerator command(clock, 5);
  std::unordered_set<Id> seen;
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_TRUE(seen.insert(server.Next()).second);
    ASSERT_TRUE(seen.insert(command.Next()).second);
  }
  const Id last = command.Next();
  EXPECT_EQ(last.value % IdGenerator::kStreams, 5u);
  EXPECT_GT(last.UnixMillis(), 1'700'000'000'000) << "a full millisecond carries into the next";
}

TEST(IdGenerator, ObserveKeepsTheStream) {
  ManualClock clock(At(1'000));
  IdGenerator ids(clock, 3);
  ids.Observe(Id{(uint64_t{5'000} << 16) | 9});
  const Id next = ids.Next();
  EXPECT_GT(next.value, (uint64_t{5'000} << 16) | 9);
  EXPECT_EQ(next.value % IdGenerator::kStreams, 3u);
}

TEST(IdGenerator, CommandStreamIsNeverTheServers) {
  for (int i = 0; i < 200; ++i) {
    const uint64_t stream = IdGenerator::CommandStream();
    EXPECT_NE(stream, IdGenerator::kServerStream);
    EXPECT_LT(stream, IdGenerator::kStreams);
  }
}

TEST(IdGenerator, UniqueAcrossThreads) {
  SystemClock clock;
  IdGenerator ids(clock);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20'000;
  std::vector<std::vector<Id>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      got[t].reserve(kPerThread);
      for (int i = 0; i < kPerThread; ++i) got[t].push_back(ids.Next());
    });
  }
  for (auto& thread : threads) thread.join();
  std::unordered_set<Id> all;
  for (const auto& list : got) {
    EXPECT_TRUE(std::is_sorted(list.begin(), list.end()));
    EXPECT_EQ(std::adjacent_find(list.begin(), list.end()), list.end());
    all.insert(list.begin(), list.end());
  }
  EXPECT_EQ(all.size(), size_t{kThreads} * kPerThread);
}

TEST(Id, ParseAcceptsCanonicalDecimal) {
  EXPECT_EQ(Id::Parse("1"), Id{1});
  EXPECT_EQ(Id::Parse("18446744073709551615"), Id{~uint64_t{0}});
  const Id id{(uint64_t{1'700'000'000'000} << 16) | 3};
  EXPECT_EQ(Id::Parse(id.ToString()), id);
}

TEST(Id, ParseRejectsGarbage) {
  for (const char* text : {"", "0", "-1", "+1", " 1", "1 ", "1a", "a1", "0x10", "1.0", "１",
                           "18446744073709551616", "99999999999999999999999", "1e5"}) {
    EXPECT_FALSE(Id::Parse(text)) << '"' << text << '"';
  }
  EXPECT_FALSE(
      Id::Parse(std::string_view("12\0"
                                 "3",
                                 4)));
}

}  // namespace
}  // namespace guildhall
