// DeliveryFixture: a real LMDB store in a temp dir (reopenable, to test
// restarts), a ManualClock, a loopback sink server that every test host name
// ("h01.test", ...) resolves to, and queue + workers wired as node/app wires
// them. Tests move the clock and call WaitIdle; they never sleep.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "federation/delivery/queue.h"
#include "federation/delivery/workers.h"
#include "federation/http/client.h"
#include "storage/lmdb/lmdb_store.h"
#include "storage/model/records/host_state.h"
#include "tests/federation/http/sink_server.h"
#include "tests/federation/test_keys.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::federation::testing {

inline std::string HostName(int i) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "h%02d.test", i);
  return buf;
}

class DeliveryFixture : public ::testing::Test {
 protected:
  static constexpr int kHosts = 50;
  static constexpr const char* kActor = "http://local.test/u/alice";

  DeliveryFixture() : sink_(nullptr), clock_(FromUnixMillis(1'700'000'000'000)), ids_(clock_) {
    OpenStore();
    ClientOptions o;
    o.allow_private_addresses = true;
    o.total_timeout = std::chrono::seconds(5);
    for (int i = 1; i <= kHosts; ++i) o.resolve[HostName(i)] = sink_.Endpoint();
    client_ = std::make_unique<HttpClient>(o);
    options_.worker_threads = 8;
    options_.poll_interval = std::chrono::seconds(5);  // tests wake the workers themselves
    callbacks_.signer = [](const std::string& actor) -> Result<Signer> {
      auto key = PrivateKey::FromPem(kRsaAPrivatePem);
      if (!key) return key.error();
      return Signer{actor + "#main-key", *key};
    };
    callbacks_.on_gone = [this](const storage::Delivery& d) {
      std::lock_guard lock(gone_mu_);
      gone_.push_back(d.inbox);
    };
  }

  ~DeliveryFixture() override {
    workers_.reset();
    store_.reset();
  }

  void OpenStore() {
    storage::lmdb::LmdbOptions o;
    o.dir = dir_ / "db";
    o.initial_map_bytes = 32ull << 20;
    o.no_sync = true;
    auto opened = storage::lmdb::LmdbStore::Open(o, storage::AllTables());
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }

  // Simulates a process restart: everything in memory goes, the store stays.
  void Restart() {
    workers_.reset();
    store_.reset();
    queue_ = std::make_unique<DeliveryQueue>(clock_, ids_);
    OpenStore();
    StartWorkers();
  }

  void StartWorkers() {
    workers_ =
        std::make_unique<DeliveryWorkers>(*store_, *client_, clock_, *queue_, options_, callbacks_);
    workers_->Start();
  }

  static OutboundActivity Activity(const std::string& id) {
    return {.id = "http://local.test/activities/" + id,
            .actor_id = kActor,
            .json = R"({"id":"http://local.test/activities/)" + id + R"(","type":"Create"})",
            .group_id = Id{7}};
  }

  void Enqueue(const OutboundActivity& activity, const std::vector<std::string>& inboxes) {
    auto written = store_->Write(
        [&](storage::WriteTxn& txn) { return queue_->Enqueue(txn, activity, inboxes); });
    ASSERT_TRUE(written) << written.error().message;
  }

  std::vector<storage::Delivery> Deliveries(const OutboundActivity& activity) {
    auto list = ListDeliveries(*store_, activity.id);
    EXPECT_TRUE(list) << list.error().message;
    return list ? *list : std::vector<storage::Delivery>{};
  }

  storage::Delivery Only(const OutboundActivity& activity) {
    auto list = Deliveries(activity);
    EXPECT_EQ(list.size(), 1u);
    return list.empty() ? storage::Delivery{} : list[0];
  }

  std::optional<storage::HostState> Host(const std::string& host) {
    std::optional<storage::HostState> out;
    EXPECT_TRUE(store_->Read([&](storage::ReadTxn& txn) -> Result<> {
      out = GH_TRY(
          storage::Table<storage::HostStateCodec>::Get(txn, storage::HostStateCodec::KeyOf(host)));
      return Ok();
    }));
    return out;
  }

  // Moves the clock to `when` (if later) and lets the workers catch up.
  void RunUntil(int64_t when_ms) {
    const int64_t now = UnixMillis(clock_.Now());
    if (when_ms > now) clock_.Advance(std::chrono::milliseconds(when_ms - now));
    workers_->WaitIdle();
  }

  void Advance(std::chrono::milliseconds d) {
    clock_.Advance(d);
    workers_->WaitIdle();
  }

  int64_t NowMs() const { return UnixMillis(clock_.Now()); }

  // What `guildhall check` verifies: every index agrees with its table.
  void ExpectIndexesConsistent() {
    auto report = store_->Check();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems[0]);
    EXPECT_GT(report->records, 0u);
  }

  std::vector<std::string> Gone() {
    std::lock_guard lock(gone_mu_);
    return gone_;
  }

  SinkServer sink_;
  testutil::TempDir dir_{"guildhall-delivery"};
  ManualClock clock_;
  IdGenerator ids_;
  std::unique_ptr<storage::lmdb::LmdbStore> store_;
  std::unique_ptr<HttpClient> client_;
  std::unique_ptr<DeliveryQueue> queue_ = std::make_unique<DeliveryQueue>(clock_, ids_);
  DeliveryOptions options_;
  DeliveryCallbacks callbacks_;
  std::unique_ptr<DeliveryWorkers> workers_;
  std::mutex gone_mu_;
  std::vector<std::string> gone_;
};

}  // namespace guildhall::federation::testing
