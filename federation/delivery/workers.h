// DeliveryWorkers: the threads that drain the durable queue. A dispatcher
// claims due deliveries (woken after each commit that queues some, and by a
// periodic scan) within a per-host concurrency limit and hands them to a
// small pool of workers, which attempt them and record the outcome. All state
// lives in the store (claims carry a lease), so the workers are stateless:
// a restart picks up every pending row, and several processes could share
// the queue (claims are transactional; the per-host limit is then per
// process). All time comes from the injected Clock.
// Thread-safe. REQUIRES: store, client, clock and queue outlive this object.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

#include "federation/delivery/attempt.h"
#include "federation/delivery/ledger.h"
#include "federation/delivery/queue.h"
#include "federation/delivery/retry_policy.h"

namespace guildhall::federation {

struct DeliveryStats {
  uint64_t attempts = 0;
  uint64_t delivered = 0;
  uint64_t retried = 0;
  uint64_t failed = 0;  // failed and gone
  uint64_t dropped = 0;
};

class DeliveryWorkers {
 public:
  DeliveryWorkers(storage::Store& store, HttpClient& client, const Clock& clock,
                  DeliveryQueue& queue, DeliveryOptions options, DeliveryCallbacks callbacks);
  ~DeliveryWorkers();  // Stop()
  DeliveryWorkers(const DeliveryWorkers&) = delete;
  DeliveryWorkers& operator=(const DeliveryWorkers&) = delete;

  // Starts the dispatcher and worker threads; pending rows are picked up at once.
  void Start();
  // Lets attempts in progress finish (bounded by the client's total timeout),
  // then joins the threads. Unfinished deliveries stay queued in the store.
  void Stop();

  // Asks for a queue scan now (DeliveryQueue calls this after commits).
  void Wake();
  // Blocks until a scan that started after this call found nothing to claim
  // at the clock's current time and no attempt is in flight. For tests and
  // for "flush the queue" commands. REQUIRES: started.
  void WaitIdle();

  // A valid inbound request came from `host` ("host[:port]", or any URL on
  // it): clear its failure run and, if it was unavailable, make its deferred
  // deliveries due now. One read transaction when there is nothing to clear.
  Result<> MarkHostAlive(std::string_view host);

  DeliveryStats Stats() const;

 private:
  void DispatchLoop();
  bool RunPasses();  // true if nothing was claimed
  void WorkerLoop();
  void Process(const storage::Delivery& delivery);
  void LogOutcome(const storage::Delivery& before, const AttemptResult& result,
                  const Result<Recorded>& recorded);
  void Count(const AttemptResult& result);

  storage::Store& store_;
  HttpClient& client_;
  const Clock& clock_;
  DeliveryQueue& queue_;
  const DeliveryOptions options_;
  const DeliveryCallbacks callbacks_;

  mutable std::mutex mu_;
  std::condition_variable cv_;                              // dispatcher wake-ups and WaitIdle
  std::condition_variable work_cv_;                         // workers
  std::deque<storage::Delivery> work_;                      // GUARDED_BY(mu_)
  std::map<std::string, int, std::less<>> host_in_flight_;  // GUARDED_BY(mu_)
  std::unordered_set<Id> ids_in_flight_;                    // GUARDED_BY(mu_)
  uint64_t wake_seq_ = 0;          // GUARDED_BY(mu_): bumped by every wake-up
  uint64_t handled_seq_ = 0;       // GUARDED_BY(mu_): the wake-up the current pass serves
  uint64_t idle_seq_ = 0;          // GUARDED_BY(mu_): last wake-up answered by an idle pass
  bool started_ = false;           // GUARDED_BY(mu_)
  bool stopping_ = false;          // GUARDED_BY(mu_): the dispatcher stops claiming
  bool workers_stopping_ = false;  // GUARDED_BY(mu_): set once the dispatcher is gone
  std::mt19937_64 rng_;            // GUARDED_BY(mu_): retry jitter
  std::thread dispatcher_;
  std::vector<std::thread> workers_;

  std::atomic<uint64_t> attempts_{0}, delivered_{0}, retried_{0}, failed_{0}, dropped_{0};
};

}  // namespace guildhall::federation
