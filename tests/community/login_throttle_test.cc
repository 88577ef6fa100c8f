// The sign-in throttle (node/community/login_throttle.cc) on a manual clock:
// free failures, doubling locks with a cap, separate account and address
// counts, forgetting, and the memory bound.
#include "node/community/login_throttle.h"

#include <gtest/gtest.h>

namespace guildhall::community {
namespace {

using std::chrono::seconds;

constexpr int64_t kStartMillis = 1740830400000;  // 2025-03-01 12:00:00 UTC

class Throttle : public ::testing::Test {
 protected:
  void FailTimes(LoginThrottle& t, int n, std::string_view account, std::string_view address) {
    for (int i = 0; i < n; ++i) t.Failed(account, address);
  }
  ManualClock clock_{FromUnixMillis(kStartMillis)};
};

TEST_F(Throttle, FiveFreeFailuresThenDoublingLocksUpToFifteenMinutes) {
  LoginThrottle t(clock_, {});
  FailTimes(t, 4, "alice", "");
  EXPECT_EQ(t.RetryAfter("alice", ""), seconds(0));
  t.Failed("alice", "");
  EXPECT_EQ(t.RetryAfter("alice", ""), seconds(60));
  EXPECT_EQ(t.RetryAfter("ALICE ", ""), seconds(60));  // usernames as normalized at sign-in
  for (int lock : {120, 240, 480, 900, 900}) {
    clock_.Advance(t.RetryAfter("alice", ""));
    EXPECT_EQ(t.RetryAfter("alice", ""), seconds(0));
    t.Failed("alice", "");
    EXPECT_EQ(t.RetryAfter("alice", ""), seconds(lock));
  }
  clock_.Advance(std::chrono::milliseconds(899'500));
  EXPECT_EQ(t.RetryAfter("alice", ""), seconds(1));  // rounded up, never 0 while locked
}

TEST_F(Throttle, AddressCountsAcrossNamesAndSurvivesASuccess) {
  LoginThrottle t(clock_, {});
  for (int i = 0; i < 19; ++i) t.Failed("user" + std::to_string(i), "203.0.113.7");
  EXPECT_EQ(t.RetryAfter("fresh", "203.0.113.7"), seconds(0));
  t.Succeeded("user1");  // one valid account does not launder the address
  t.Failed("user19", "203.0.113.7");
  EXPECT_EQ(t.RetryAfter("fresh", "203.0.113.7"), seconds(60));
  EXPECT_EQ(t.RetryAfter("fresh", "198.51.100.1"), seconds(0));
  EXPECT_EQ(t.RetryAfter("fresh", ""), seconds(0));
}

TEST_F(Throttle, SuccessClearsTheAccountAndOldCountsAreForgotten) {
  LoginThrottle t(clock_, {});
  FailTimes(t, 4, "bob", "");
  t.Succeeded("bob");
  FailTimes(t, 4, "bob", "");
  EXPECT_EQ(t.RetryAfter("bob", ""), seconds(0));
  clock_.Advance(std::chrono::hours(25));
  FailTimes(t, 4, "bob", "");
  EXPECT_EQ(t.RetryAfter("bob", ""), seconds(0));
  t.Failed("bob", "");
  EXPECT_EQ(t.RetryAfter("bob", ""), seconds(60));
}

TEST_F(Throttle, LocksAreListedAndCleared) {
  LoginThrottle t(clock_, {});
  FailTimes(t, 5, "carol", "192.0.2.1");
  FailTimes(t, 15, "dave", "192.0.2.1");
  auto locks = t.Locks();
  ASSERT_EQ(locks.size(), 3u);
  EXPECT_FALSE(t.Clear(ThrottleKind::kAccount, "nobody"));
  EXPECT_TRUE(t.Clear(ThrottleKind::kAddress, "192.0.2.1"));
  EXPECT_TRUE(t.Clear(ThrottleKind::kAccount, "Carol"));
  EXPECT_EQ(t.RetryAfter("carol", "192.0.2.1"), seconds(0));
  ASSERT_EQ(t.Locks().size(), 1u);
  EXPECT_EQ(t.Locks()[0].key, "dave");
}

// Memory stays bounded however many names an attacker tries, and a flood of
// fresh names does not push out a lock while unlocked keys remain.
TEST_F(Throttle, KeysAreBoundedAndLocksOutliveTheFlood) {
  LoginThrottle t(clock_, {.max_keys = 100});
  FailTimes(t, 5, "target", "");
  for (int i = 0; i < 10'000; ++i) t.Failed("flood" + std::to_string(i), "");
  EXPECT_EQ(t.RetryAfter("target", ""), seconds(60));
  LoginThrottle all_locked(clock_, {.account_free_failures = 1, .max_keys = 100});
  for (int i = 0; i < 1'000; ++i) all_locked.Failed("name" + std::to_string(i), "");
  EXPECT_EQ(all_locked.Locks(1'000).size(), 100u);
  // Keys are cut: a 1 MB username costs no more than a short one.
  t.Failed(std::string(1 << 20, 'x'), std::string(1 << 20, '1'));
  EXPECT_LE(t.Locks().size(), 100u);
}

}  // namespace
}  // namespace guildhall::community
