#include "storage/lmdb/resize_gate.h"

namespace guildhall::storage::lmdb {

// Both sides use sequentially consistent operations: a reader increments
// `readers_` then reads `pending_`; the resizer sets `pending_` then reads
// `readers_`. At least one of them sees the other, so a reader never enters
// while the map is being replaced.
void ResizeGate::EnterReader() {
  for (;;) {
    readers_.fetch_add(1);
    if (!pending_.load()) return;
    ExitReader();
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !pending_.load(); });
  }
}

void ResizeGate::ExitReader() {
  if (readers_.fetch_sub(1) == 1 && pending_.load()) WakeIfDrained();
}

void ResizeGate::WakeIfDrained() {
  // Taking the mutex orders this wake-up after the resizer's predicate check.
  std::lock_guard lock(mu_);
  cv_.notify_all();
}

void ResizeGate::Exclusive(FunctionRef<void()> fn) {
  std::unique_lock lock(mu_);
  pending_.store(true);
  cv_.wait(lock, [&] { return readers_.load() == 0; });
  fn();
  pending_.store(false);
  lock.unlock();
  cv_.notify_all();
}

}  // namespace guildhall::storage::lmdb
