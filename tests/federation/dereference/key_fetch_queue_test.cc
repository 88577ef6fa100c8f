// KeyFetchQueue with fetches the test finishes by hand: per-host and total
// limits, turns between hosts, shared fetches, the failure cache, withdrawal
// and max_wait cancelling what nobody waits for.
#include "federation/dereference/key_fetch_queue.h"

#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tests/federation/test_keys.h"
#include "tests/testutil/node_process.h"

namespace guildhall::federation {
namespace {

using namespace std::chrono_literals;

// Records every fetch the queue starts; the test ends them.
class FakeFetches {
 public:
  KeyFetchStart Start() {
    return [this](const std::string& key_id, std::function<void(Result<ActorKey>)> done) {
      std::lock_guard lock(mu_);
      fetches_.push_back({key_id, std::move(done), false});
      const size_t index = fetches_.size() - 1;
      return [this, index] {
        std::lock_guard lock(mu_);
        fetches_[index].cancelled = true;
      };
    };
  }

  std::vector<std::string> Started() const {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& f : fetches_) out.push_back(f.key_id);
    return out;
  }
  bool Cancelled(size_t i) const {
    std::lock_guard lock(mu_);
    return fetches_.at(i).cancelled;
  }
  void Finish(size_t i, Result<ActorKey> result) {
    std::function<void(Result<ActorKey>)> done;
    {
      std::lock_guard lock(mu_);
      done = fetches_.at(i).done;
    }
    done(std::move(result));
  }
  void Succeed(size_t i) {
    const std::string key_id = Started().at(i);
    Finish(i, ActorKey{key_id, key_id.substr(0, key_id.find('#')),
                       *PublicKey::FromPem(testing::kRsaBPublicPem)});
  }

 private:
  struct Fetch {
    std::string key_id;
    std::function<void(Result<ActorKey>)> done;
    bool cancelled;
  };
  mutable std::mutex mu_;
  std::vector<Fetch> fetches_;  // GUARDED_BY(mu_)
};

// Collects the answers of one request.
struct Answer {
  std::mutex mu;
  std::optional<Result<ActorKey>> result;
  KeyFetchQueue::Done Callback() {
    return [this](Result<ActorKey> r) {
      std::lock_guard lock(mu);
      result = std::move(r);
    };
  }
  bool done() {
    std::lock_guard lock(mu);
    return result.has_value();
  }
  std::optional<Code> error() {
    std::lock_guard lock(mu);
    if (!result || *result) return std::nullopt;
    return result->error().code;
  }
};

std::string Key(const std::string& host, int n) {
  return "https://" + host + "/users/u" + std::to_string(n) + "#main-key";
}

TEST(KeyFetchQueue, LimitsFetchesPerHostButNotOtherHosts) {
  FakeFetches fake;
  Answer answers[6];
  KeyFetchQueue queue({.per_host = 2}, fake.Start());
  for (int i = 0; i < 5; ++i) queue.Fetch(Key("slow.test", i), answers[i].Callback());
  queue.Fetch(Key("other.test", 0), answers[5].Callback());
  EXPECT_EQ(fake.Started(), (std::vector<std::string>{Key("slow.test", 0), Key("slow.test", 1),
                                                      Key("other.test", 0)}));
  EXPECT_EQ(queue.stats().queued, 3u);
  fake.Succeed(2);
  EXPECT_TRUE(answers[5].done());
  fake.Succeed(0);  // a slot of slow.test frees: its next fetch starts
  EXPECT_EQ(fake.Started().back(), Key("slow.test", 2));
}

TEST(KeyFetchQueue, HostsTakeTurnsForFreeSlots) {
  FakeFetches fake;
  Answer answers[6];
  KeyFetchQueue queue({.per_host = 2, .max_running = 2}, fake.Start());
  for (int i = 0; i < 5; ++i) queue.Fetch(Key("busy.test", i), answers[i].Callback());
  queue.Fetch(Key("quiet.test", 0), answers[5].Callback());
  for (size_t done = 0; done < 5; ++done) fake.Succeed(done);
  const auto started = fake.Started();
  ASSERT_EQ(started.size(), 6u);
  // First come, first served would start quiet.test's fetch last, after all
  // of busy.test's backlog; with turns it waits for at most one of them.
  EXPECT_EQ(started[3], Key("quiet.test", 0));
}

TEST(KeyFetchQueue, RequestsForOneKeyShareOneFetch) {
  FakeFetches fake;
  Answer a, b;
  KeyFetchQueue queue({}, fake.Start());
  queue.Fetch(Key("peer.test", 1), a.Callback());
  queue.Fetch(Key("peer.test", 1), b.Callback());
  ASSERT_EQ(fake.Started().size(), 1u);
  fake.Succeed(0);
  EXPECT_TRUE(a.done() && b.done());
  EXPECT_FALSE(a.error());
}

TEST(KeyFetchQueue, RemembersAFailedKeyUrlForTheTtl) {
  FakeFetches fake;
  Answer first, second, later;
  KeyFetchQueue queue({.failure_ttl = 200ms}, fake.Start());
  queue.Fetch(Key("down.test", 1), first.Callback());
  fake.Finish(0, Error::Unavailable("timeout connecting to down.test"));
  EXPECT_EQ(first.error(), Code::kUnavailable);
  EXPECT_EQ(queue.Fetch(Key("down.test", 1), second.Callback()), 0u);
  EXPECT_EQ(second.error(), Code::kUnavailable) << "answered at once from the failure cache";
  EXPECT_EQ(fake.Started().size(), 1u);
  EXPECT_EQ(queue.stats().failures, 1u);
  // After the TTL the URL is fetched again.
  EXPECT_TRUE(testutil::Eventually(
      [&] {
        queue.Fetch(Key("down.test", 1), later.Callback());
        return fake.Started().size() == 2;
      },
      5s));
}

TEST(KeyFetchQueue, AFetchNobodyWaitsForIsCancelledOrNeverStarted) {
  FakeFetches fake;
  Answer a, b, c;
  KeyFetchQueue queue({.per_host = 1}, fake.Start());
  const uint64_t ra = queue.Fetch(Key("peer.test", 1), a.Callback());
  const uint64_t rb = queue.Fetch(Key("peer.test", 1), b.Callback());
  const uint64_t rc = queue.Fetch(Key("peer.test", 2), c.Callback());  // queued
  queue.Withdraw(ra);
  EXPECT_FALSE(fake.Cancelled(0)) << "b still waits";
  queue.Withdraw(rc);
  queue.Withdraw(rb);
  EXPECT_TRUE(fake.Cancelled(0));
  EXPECT_EQ(fake.Started().size(), 1u) << "the withdrawn queued fetch never starts";
  EXPECT_FALSE(a.done() || b.done() || c.done());
  EXPECT_EQ(queue.stats().running, 0u);
  EXPECT_EQ(queue.stats().queued, 0u);
  fake.Finish(0, Error::Unavailable("request cancelled"));  // late: ignored
  EXPECT_EQ(queue.stats().failures, 0u);
}

TEST(KeyFetchQueue, ARequestWaitsAtMostMaxWait) {
  FakeFetches fake;
  Answer a;
  KeyFetchQueue queue({.max_wait = 100ms}, fake.Start());
  queue.Fetch(Key("tarpit.test", 1), a.Callback());
  ASSERT_TRUE(testutil::Eventually([&] { return a.done(); }, 5s));
  EXPECT_EQ(a.error(), Code::kUnavailable);
  EXPECT_TRUE(fake.Cancelled(0));
  EXPECT_EQ(queue.stats().failures, 0u) << "giving up is not the peer's failure";
}

TEST(KeyFetchQueue, BoundsTheQueuePerHost) {
  FakeFetches fake;
  Answer answers[4], other;
  KeyFetchQueue queue({.per_host = 1, .max_queued_per_host = 2}, fake.Start());
  for (int i = 0; i < 4; ++i) queue.Fetch(Key("many.test", i), answers[i].Callback());
  EXPECT_EQ(answers[3].error(), Code::kUnavailable);
  queue.Fetch(Key("other.test", 0), other.Callback());
  EXPECT_EQ(fake.Started().back(), Key("other.test", 0));
}

TEST(KeyFetchQueue, ShutdownAnswersEveryWaitingRequest) {
  FakeFetches fake;
  Answer a, b;
  {
    KeyFetchQueue queue({.per_host = 1}, fake.Start());
    queue.Fetch(Key("peer.test", 1), a.Callback());
    queue.Fetch(Key("peer.test", 2), b.Callback());
  }
  EXPECT_EQ(a.error(), Code::kUnavailable);
  EXPECT_EQ(b.error(), Code::kUnavailable);
  EXPECT_TRUE(fake.Cancelled(0));
}

}  // namespace
}  // namespace guildhall::federation
