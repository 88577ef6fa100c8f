// Signal handling for `serve` without async-signal-safety traps: the main
// thread blocks SIGTERM, SIGINT and SIGHUP before any other thread exists (so
// every thread inherits the mask), and one SignalThread receives them with
// sigwait and calls ordinary functions. Owned by the serve command; the
// callbacks run on the signal thread.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace guildhall::app {

// Blocks the handled signals in the calling thread. REQUIRES: called before
// any thread is started.
void BlockTerminationSignals();

class SignalThread {
 public:
  // `on_stop` runs on each SIGTERM or SIGINT (with the signal number),
  // `on_reload` on each SIGHUP. REQUIRES: BlockTerminationSignals() ran.
  SignalThread(std::function<void(int)> on_stop, std::function<void()> on_reload);
  ~SignalThread();  // stops receiving and joins
  SignalThread(const SignalThread&) = delete;
  SignalThread& operator=(const SignalThread&) = delete;

 private:
  void Loop();

  std::function<void(int)> on_stop_;
  std::function<void()> on_reload_;
  std::atomic<bool> done_{false};
  std::thread thread_;  // last: starts once the callbacks are in place
};

}  // namespace guildhall::app
