// WorkPool: a few threads for work that may block on a peer (fetching an
// unknown signer's key), so the web server's I/O threads never do. The queue
// is bounded: when it is full, Post refuses and the caller answers 503 (the
// sender retries later) instead of piling up work. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace guildhall::federation {

class WorkPool {
 public:
  WorkPool(size_t threads, size_t max_queued);
  ~WorkPool();  // runs what is queued, then joins
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // False (and `task` not run) when the queue is full or the pool stopping.
  bool Post(std::function<void()> task);

 private:
  void Loop();

  const size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                    // GUARDED_BY(mu_)
  std::vector<std::thread> threads_;
};

}  // namespace guildhall::federation
