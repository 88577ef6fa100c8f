// InboxProcessor: a small pool of threads that applies persisted inbound
// activities (the "processed after" half of DESIGN §3's inbox). Rows are
// handed over by id after their commit (Enqueue) and, at Start, every row
// still pending in the store is replayed, so a crash between the 202 and the
// apply re-processes it; handlers must therefore be idempotent (they are:
// records are keyed by AP id, memberships and likes are set, not added).
// Each activity gets a hard time budget (Lemmy uses 9 s): the handler
// receives the deadline and passes it to every remote fetch. Temporary
// failures (a peer down) are retried a few times with a delay.
// Thread-safe. REQUIRES: store and clock outlive the processor; Stop()
// before destroying what the handler uses.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "storage/model/clock.h"
#include "storage/model/kv.h"
#include "storage/model/records/inbox_activity.h"

namespace guildhall::federation {

using Deadline = std::chrono::steady_clock::time_point;

struct Outcome {
  enum class Kind { kDone, kIgnored, kFailed, kRetry };
  Kind kind = Kind::kDone;
  std::string reason;  // for the log and the row's `result`

  static Outcome Done() { return {Kind::kDone, ""}; }
  static Outcome Ignored(std::string why) { return {Kind::kIgnored, std::move(why)}; }
  static Outcome Failed(std::string why) { return {Kind::kFailed, std::move(why)}; }
  static Outcome Retry(std::string why) { return {Kind::kRetry, std::move(why)}; }
};

const char* OutcomeName(Outcome::Kind kind);

struct ProcessorOptions {
  size_t threads = 2;
  std::chrono::milliseconds budget{9000};
  uint32_t max_attempts = 3;
  std::chrono::milliseconds retry_delay{30000};  // times the attempt number
};

class InboxProcessor {
 public:
  using Handler = std::function<Outcome(const storage::InboxActivity&, Deadline)>;

  InboxProcessor(storage::Store& store, const Clock& clock, Handler handler,
                 ProcessorOptions options);
  ~InboxProcessor();  // Stop()
  InboxProcessor(const InboxProcessor&) = delete;
  InboxProcessor& operator=(const InboxProcessor&) = delete;

  // Queues every pending row in the store and starts the threads.
  Result<> Start();
  // Finishes the activities in progress, then joins. Queued ids stay pending
  // in the store and are replayed at the next Start.
  void Stop();

  void Enqueue(Id row);
  // Blocks until the queue is empty and no activity is in progress (delayed
  // retries excepted). For tests. REQUIRES: started.
  void WaitIdle();

 private:
  void WorkerLoop();
  void Process(Id row);
  void Record(const storage::InboxActivity& row, const Outcome& outcome);

  storage::Store& store_;
  const Clock& clock_;
  const Handler handler_;
  const ProcessorOptions options_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Id> queue_;                 // GUARDED_BY(mu_)
  std::multimap<Deadline, Id> delayed_;  // GUARDED_BY(mu_)
  size_t in_flight_ = 0;                 // GUARDED_BY(mu_)
  bool stopping_ = false;                // GUARDED_BY(mu_)
  std::vector<std::thread> threads_;
};

}  // namespace guildhall::federation
