#include "federation/delivery/workers.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <map>
#include <set>

#include "federation/delivery/ledger.h"
#include "federation/signatures/verify.h"
#include "tests/federation/delivery/delivery_fixture.h"

namespace guildhall::federation::testing {
namespace {

using namespace std::chrono_literals;
using storage::DeliveryState;

SinkReply Status(unsigned status) {
  SinkReply r;
  r.status = status;
  return r;
}

class DeliveryWorkersTest : public DeliveryFixture {
 protected:
  // Queues `activity` to `host` (whose sink answers with failures), starts the
  // workers and follows the retries until the host is marked unavailable.
  // Returns when, relative to the first failure, that happened.
  std::chrono::milliseconds FailUntilUnavailable(const OutboundActivity& activity,
                                                 const std::string& host) {
    Enqueue(activity, {"http://" + host + "/inbox"});
    StartWorkers();
    workers_->WaitIdle();
    const int64_t start = NowMs();
    while (!Host(host)->unavailable && NowMs() - start < 25 * 3600 * 1000LL) {
      RunUntil(Only(activity).next_attempt_at);
    }
    EXPECT_TRUE(Host(host)->unavailable);
    return std::chrono::milliseconds(NowMs() - start);
  }
};

// PERFORMANCE "delivery fan-out": 1,000 followers on 50 hosts, each host
// with one shared inbox, is exactly 50 signed POSTs.
TEST_F(DeliveryWorkersTest, OneRequestPerSharedInbox) {
  std::vector<std::string> inboxes;
  for (int follower = 0; follower < 1000; ++follower) {
    const std::string host = HostName(follower % kHosts + 1);
    // Spelled three ways: they normalise to the same shared inbox.
    const char* shapes[] = {"http://%s/inbox", "http://%s:80/inbox", "HTTP://%s/inbox"};
    char url[64];
    std::snprintf(url, sizeof(url), shapes[follower % 3], host.c_str());
    inboxes.push_back(url);
  }
  const auto activity = Activity("fanout");
  Enqueue(activity, inboxes);
  StartWorkers();
  workers_->WaitIdle();

  auto requests = sink_.Requests();
  ASSERT_EQ(requests.size(), 50u);
  std::set<std::string> hosts;
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/inbox");
    EXPECT_EQ(r.body, activity.json);
    EXPECT_FALSE(r.Header("Signature").empty());
    EXPECT_EQ(r.Header("Digest").substr(0, 8), "SHA-256=");
    hosts.insert(std::string(r.Header("Host")));
  }
  EXPECT_EQ(hosts.size(), 50u);
  auto log = Deliveries(activity);
  ASSERT_EQ(log.size(), 50u);
  for (const auto& d : log) {
    EXPECT_EQ(d.state, DeliveryState::kDelivered) << d.inbox;
    EXPECT_EQ(d.attempts, 1u);
    EXPECT_EQ(d.last_status, 202u);
    EXPECT_EQ(d.finished_at, NowMs());
  }
  ExpectIndexesConsistent();
}

TEST_F(DeliveryWorkersTest, SignsAsTheActivitysActor) {
  const auto activity = Activity("signed");
  Enqueue(activity, {"http://h01.test/inbox"});
  StartWorkers();
  workers_->WaitIdle();
  auto requests = sink_.Requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& r = requests[0];
  SignedRequestView view{r.method, r.target, r.headers, r.body};
  auto key = PrivateKey::FromPem(kRsaAPrivatePem);
  ASSERT_TRUE(key);
  std::string asked_key;
  KeyLookup lookup = [&](std::string_view key_id, KeyFetch) -> Result<KeyInfo> {
    asked_key = key_id;
    return KeyInfo{key->Public(), kActor};
  };
  VerifyOptions verify_options;
  verify_options.now = clock_.Now();
  auto verified = VerifyRequest(view, lookup, verify_options);
  ASSERT_TRUE(verified) << verified.error().message;
  EXPECT_EQ(asked_key, std::string(kActor) + "#main-key");
  EXPECT_EQ(r.Header("Content-Type"), "application/activity+json");
}

TEST_F(DeliveryWorkersTest, EnqueueCommitsWithTheCallersChange) {
  const auto activity = Activity("rolled-back");
  auto failed = store_->Write([&](storage::WriteTxn& txn) -> Result<> {
    GH_CHECK(queue_->Enqueue(txn, activity, std::vector<std::string>{"http://h01.test/inbox"}));
    return Error::Conflict("the change that caused it failed");
  });
  ASSERT_FALSE(failed);
  StartWorkers();
  workers_->WaitIdle();
  EXPECT_TRUE(Deliveries(activity).empty());
  EXPECT_EQ(sink_.RequestCount(), 0u);
}

TEST_F(DeliveryWorkersTest, EnqueueIsIdempotentPerInbox) {
  const auto activity = Activity("twice");
  Enqueue(activity, {"http://h01.test/inbox", "http://h02.test/inbox"});
  Enqueue(activity, {"http://h01.test/inbox"});
  EXPECT_EQ(Deliveries(activity).size(), 2u);
  StartWorkers();
  workers_->WaitIdle();
  EXPECT_EQ(sink_.RequestCount(), 2u);
}

TEST_F(DeliveryWorkersTest, RetriesWithExponentialBackoff) {
  sink_.SetHandler([](const RecordedRequest&) { return Status(500); });
  const auto activity = Activity("backoff");
  Enqueue(activity, {"http://h01.test/inbox"});
  StartWorkers();
  workers_->WaitIdle();
  int64_t expected_delay_s = 30;
  for (uint32_t attempt = 1; attempt <= 11; ++attempt) {
    ASSERT_EQ(sink_.RequestCount(), attempt);
    const auto d = Only(activity);
    ASSERT_EQ(d.state, DeliveryState::kPending);
    EXPECT_EQ(d.attempts, attempt);
    EXPECT_EQ(d.last_status, 500u);
    const int64_t delay_ms = d.next_attempt_at - NowMs();
    EXPECT_GE(delay_ms, expected_delay_s * 1000) << "attempt " << attempt;
    EXPECT_LE(delay_ms, expected_delay_s * 1250) << "attempt " << attempt;
    // Not a moment early: just before the due time nothing is sent.
    Advance(std::chrono::milliseconds(delay_ms - 1000));
    ASSERT_EQ(sink_.RequestCount(), attempt);
    RunUntil(d.next_attempt_at);
    expected_delay_s = std::min<int64_t>(expected_delay_s * 2, 6 * 3600);
  }
}

TEST_F(DeliveryWorkersTest, GivesUpAfterThreeDays) {
  sink_.SetHandler([](const RecordedRequest&) { return Status(503); });
  const auto activity = Activity("give-up");
  Enqueue(activity, {"http://h01.test/inbox"});
  const int64_t created = NowMs();
  StartWorkers();
  workers_->WaitIdle();
  for (int guard = 0; guard < 100; ++guard) {
    const auto d = Only(activity);
    if (d.state != DeliveryState::kPending) break;
    RunUntil(d.next_attempt_at);
  }
  const auto d = Only(activity);
  EXPECT_EQ(d.state, DeliveryState::kFailed);
  EXPECT_GE(d.finished_at - created, 72 * 3600 * 1000LL);
  EXPECT_LE(d.finished_at - created, 80 * 3600 * 1000LL);
  EXPECT_GT(d.attempts, 10u);
  EXPECT_NE(d.last_error.find("gave up"), std::string::npos) << d.last_error;
  const size_t requests = sink_.RequestCount();
  Advance(24h);
  EXPECT_EQ(sink_.RequestCount(), requests);  // nothing after giving up
}

TEST_F(DeliveryWorkersTest, GoneRecipientFailsForGoodAndIsReported) {
  sink_.SetHandler([](const RecordedRequest& r) {
    if (r.Header("Host") == "h01.test") return Status(410);
    if (r.Header("Host") == "h02.test") return Status(404);
    return Status(400);
  });
  const auto activity = Activity("gone");
  Enqueue(activity,
          {"http://h01.test/u/bob/inbox", "http://h02.test/inbox", "http://h03.test/inbox"});
  StartWorkers();
  workers_->WaitIdle();
  for (const auto& d : Deliveries(activity)) {
    EXPECT_EQ(d.state, DeliveryState::kFailed) << d.inbox;
    EXPECT_EQ(d.attempts, 1u);
  }
  auto gone = Gone();
  std::sort(gone.begin(), gone.end());
  EXPECT_EQ(gone,
            (std::vector<std::string>{"http://h01.test/u/bob/inbox", "http://h02.test/inbox"}));
  Advance(24h);
  EXPECT_EQ(sink_.RequestCount(), 3u);
}

TEST_F(DeliveryWorkersTest, PolicyIsCheckedAtSendTime) {
  std::atomic<bool> h02_allowed = true;
  callbacks_.still_allowed = [&](const storage::Delivery& d) {
    EXPECT_EQ(d.group_id, Id{7});
    return d.host != "h02.test" || h02_allowed.load();
  };
  const auto activity = Activity("policy");
  Enqueue(activity, {"http://h01.test/inbox", "http://h02.test/inbox"});
  h02_allowed = false;  // the peer left the group's scope after the post was queued
  StartWorkers();
  workers_->WaitIdle();
  ASSERT_EQ(sink_.RequestCount(), 1u);
  EXPECT_EQ(sink_.Requests()[0].Header("Host"), "h01.test");
  for (const auto& d : Deliveries(activity)) {
    if (d.host == "h02.test") {
      EXPECT_EQ(d.state, DeliveryState::kDropped);
      EXPECT_NE(d.last_error.find("policy"), std::string::npos);
    } else {
      EXPECT_EQ(d.state, DeliveryState::kDelivered);
    }
  }
}

TEST_F(DeliveryWorkersTest, HostFailingForADayIsProbedRarelyAndRecovers) {
  std::atomic<unsigned> h01_status = 503;
  sink_.SetHandler([&](const RecordedRequest& r) {
    return Status(r.Header("Host") == "h01.test" ? h01_status.load() : 202);
  });
  const auto first = Activity("first");
  EXPECT_GE(FailUntilUnavailable(first, "h01.test"), 24h);
  const auto host = *Host("h01.test");
  EXPECT_EQ(host.next_probe_at - NowMs(), 6 * 3600 * 1000LL);

  // New work for the host waits for the probe; other hosts are unaffected.
  const auto second = Activity("second");
  Enqueue(second, {"http://h01.test/inbox", "http://h02.test/inbox"});
  const size_t before = sink_.RequestCount();
  workers_->WaitIdle();
  EXPECT_EQ(sink_.RequestCount(), before + 1);  // h02 only
  Advance(5h);
  EXPECT_EQ(sink_.RequestCount(), before + 1);

  // At the probe time exactly one request goes to the host, and fails.
  RunUntil(host.next_probe_at);
  EXPECT_EQ(sink_.RequestCount(), before + 2);
  EXPECT_TRUE(Host("h01.test")->unavailable);

  // The next probe succeeds: the mark clears and the waiting one goes at once.
  h01_status = 202;
  RunUntil(Host("h01.test")->next_probe_at);
  EXPECT_EQ(sink_.RequestCount(), before + 4);
  EXPECT_FALSE(Host("h01.test")->unavailable);
  EXPECT_EQ(Host("h01.test")->consecutive_failures, 0u);
  EXPECT_EQ(Only(first).state, DeliveryState::kDelivered);
  for (const auto& d : Deliveries(second)) EXPECT_EQ(d.state, DeliveryState::kDelivered);
  ExpectIndexesConsistent();
}

TEST_F(DeliveryWorkersTest, InboundRequestFromHostClearsUnavailable) {
  sink_.SetHandler([](const RecordedRequest&) { return Status(502); });
  const auto activity = Activity("revive");
  FailUntilUnavailable(activity, "h05.test");
  sink_.SetHandler(nullptr);  // back to 202
  const size_t before = sink_.RequestCount();
  ASSERT_TRUE(workers_->MarkHostAlive("http://h05.test/u/carol"));
  workers_->WaitIdle();
  EXPECT_EQ(sink_.RequestCount(), before + 1);
  EXPECT_FALSE(Host("h05.test")->unavailable);
  EXPECT_EQ(Only(activity).state, DeliveryState::kDelivered);
}

TEST_F(DeliveryWorkersTest, RestartLosesNothingAndDeliversOnce) {
  std::vector<std::string> inboxes;
  for (int i = 1; i <= 20; ++i) inboxes.push_back("http://" + HostName(i) + "/inbox");
  const auto activity = Activity("restart");
  Enqueue(activity, inboxes);
  StartWorkers();
  workers_->Stop();  // may or may not have sent some: either way nothing is lost
  Restart();
  workers_->WaitIdle();
  std::map<std::string, int> per_host;
  for (const auto& r : sink_.Requests()) ++per_host[std::string(r.Header("Host"))];
  EXPECT_EQ(per_host.size(), 20u);
  for (const auto& [host, n] : per_host) EXPECT_EQ(n, 1) << host;
  for (const auto& d : Deliveries(activity)) EXPECT_EQ(d.state, DeliveryState::kDelivered);
  ExpectIndexesConsistent();
}

// A process that claimed an attempt and died before recording it: the lease
// runs out and the delivery is retried, exactly once.
TEST_F(DeliveryWorkersTest, CrashMidSendIsRetriedAfterTheLease) {
  const auto activity = Activity("crash");
  Enqueue(activity, {"http://h01.test/inbox"});
  auto never = [](Id) { return false; };
  auto plenty = [](std::string_view) { return 10; };
  auto claim = ClaimDue(*store_, {clock_.Now(), 10, plenty, never}, options_);
  ASSERT_TRUE(claim);
  ASSERT_EQ(claim->claimed.size(), 1u);
  Restart();  // the claimer is gone
  workers_->WaitIdle();
  EXPECT_EQ(sink_.RequestCount(), 0u);  // still leased
  Advance(options_.lease);
  EXPECT_EQ(sink_.RequestCount(), 1u);
  const auto d = Only(activity);
  EXPECT_EQ(d.state, DeliveryState::kDelivered);
  EXPECT_EQ(d.attempts, 2u);
  Advance(1h);
  EXPECT_EQ(sink_.RequestCount(), 1u);
}

TEST_F(DeliveryWorkersTest, PerHostConcurrencyIsNeverExceeded) {
  // Each request is held until a second one is in flight, so the limit is
  // reached whenever the workers allow it, and never passed.
  sink_.SetHandler([this](const RecordedRequest&) {
    if (sink_.RequestCount() < 12) sink_.WaitForInFlight(2, 2s);
    return SinkReply{};
  });
  options_.concurrency_per_host = 2;
  std::vector<std::string> inboxes;
  for (int i = 0; i < 12; ++i)
    inboxes.push_back("http://h01.test/u/" + std::to_string(i) + "/inbox");
  const auto activity = Activity("concurrency");
  Enqueue(activity, inboxes);
  StartWorkers();
  workers_->WaitIdle();
  EXPECT_EQ(sink_.RequestCount(), 12u);
  EXPECT_EQ(sink_.MaxInFlight(), 2u);
  for (const auto& d : Deliveries(activity)) EXPECT_EQ(d.state, DeliveryState::kDelivered);
}

// A slow host with a long backlog ahead in the queue does not hold up others.
TEST_F(DeliveryWorkersTest, BusyHostDoesNotBlockOtherHosts) {
  std::mutex mu;
  std::condition_variable cv;
  bool release = false;
  sink_.SetHandler([&](const RecordedRequest& r) {
    if (r.Header("Host") == "h01.test") {
      std::unique_lock lock(mu);
      cv.wait_for(lock, 10s, [&] { return release; });
    }
    return SinkReply{};
  });
  options_.scan_batch = 4;
  std::vector<std::string> backlog;
  for (int i = 0; i < 20; ++i)
    backlog.push_back("http://h01.test/u/" + std::to_string(i) + "/inbox");
  const auto slow = Activity("slow");
  Enqueue(slow, backlog);
  const auto other = Activity("other");
  Enqueue(other, {"http://h02.test/inbox"});
  StartWorkers();
  // Two h01 requests hang; the h02 one still goes.
  ASSERT_TRUE(sink_.WaitForRequests(3));
  auto requests = sink_.Requests();
  EXPECT_EQ(std::count_if(requests.begin(), requests.end(),
                          [](const auto& r) { return r.Header("Host") == "h02.test"; }),
            1);
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  workers_->WaitIdle();
  EXPECT_EQ(sink_.RequestCount(), 21u);
  EXPECT_EQ(Only(other).state, DeliveryState::kDelivered);
}

TEST_F(DeliveryWorkersTest, ListDeliveriesIsTheActivitysLog) {
  sink_.SetHandler(
      [](const RecordedRequest& r) { return Status(r.Header("Host") == "h01.test" ? 202 : 500); });
  const auto activity = Activity("log");
  Enqueue(activity, {"http://h01.test/inbox", "http://h02.test/inbox"});
  const int64_t created = NowMs();
  StartWorkers();
  workers_->WaitIdle();
  auto log = Deliveries(activity);
  ASSERT_EQ(log.size(), 2u);
  std::sort(log.begin(), log.end(), [](auto& a, auto& b) { return a.host < b.host; });
  EXPECT_EQ(log[0].state, DeliveryState::kDelivered);
  EXPECT_EQ(log[0].created, created);
  EXPECT_EQ(log[1].state, DeliveryState::kPending);
  EXPECT_EQ(log[1].attempts, 1u);
  EXPECT_EQ(log[1].last_status, 500u);
  EXPECT_EQ(log[1].last_error, "HTTP 500");
  EXPECT_EQ(log[1].last_attempt_at, created);
  EXPECT_GT(log[1].next_attempt_at, NowMs());
  ExpectIndexesConsistent();
}

}  // namespace
}  // namespace guildhall::federation::testing
