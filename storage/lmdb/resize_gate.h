// ResizeGate: lets the writer change the map size, which LMDB allows only while
// no transaction of the process is active. Readers pass through a cheap atomic
// count; a resize stops new readers, waits for the active ones to finish, runs,
// and lets readers go on (Monero's do_resize does the same). Writer-preferring,
// so a steady stream of reads cannot starve a resize. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "storage/model/function_ref.h"

namespace guildhall::storage::lmdb {

class ResizeGate {
 public:
  ResizeGate() = default;
  ResizeGate(const ResizeGate&) = delete;
  ResizeGate& operator=(const ResizeGate&) = delete;

  // Blocks while a resize is pending or running. Re-entrant per thread: a
  // thread already inside passes straight through.
  void EnterReader();
  void ExitReader();

  // Runs `fn` with no reader inside. REQUIRES: the caller is not a reader and
  // holds no transaction; one caller at a time (the writer thread).
  void Exclusive(FunctionRef<void()> fn);

  bool resize_pending() const { return pending_.load(); }

 private:
  void Enter();
  void Exit();
  void WakeIfDrained();

  std::atomic<int> readers_{0};
  std::atomic<bool> pending_{false};
  std::mutex mu_;
  std::condition_variable cv_;
};

// Holds a reader slot for a scope.
class ReaderScope {
 public:
  explicit ReaderScope(ResizeGate& gate) : gate_(gate) { gate_.EnterReader(); }
  ~ReaderScope() { gate_.ExitReader(); }
  ReaderScope(const ReaderScope&) = delete;
  ReaderScope& operator=(const ReaderScope&) = delete;

 private:
  ResizeGate& gate_;
};

}  // namespace guildhall::storage::lmdb
