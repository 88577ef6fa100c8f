#include "storage/lmdb/resize_gate.h"

#include <algorithm>
#include <vector>

namespace guildhall::storage::lmdb {

namespace {

// The gates this thread holds, with repeats: a nested Read (or a Stats or
// Check inside a Read) must not queue behind a pending resize that is itself
// waiting for this thread's outer read to end.
thread_local std::vector<const ResizeGate*> held_by_thread;

bool HeldByThisThread(const ResizeGate* gate) {
  return std::find(held_by_thread.begin(), held_by_thread.end(), gate) != held_by_thread.end();
}

}  // namespace

void ResizeGate::EnterReader() {
  if (!HeldByThisThread(this)) Enter();
  held_by_thread.push_back(this);
}

void ResizeGate::ExitReader() {
  held_by_thread.erase(std::find(held_by_thread.rbegin(), held_by_thread.rend(), this).base() - 1);
  if (!HeldByThisThread(this)) Exit();
}

// Both sides use sequentially consistent operations: a reader increments
// `readers_` then reads `pending_`; the resizer sets `pending_` then reads
// `readers_`. At least one of them sees the other, so a reader never enters
// while the map is being replaced.
void ResizeGate::Enter() {
  for (;;) {
    readers_.fetch_add(1);
    if (!pending_.load()) return;
    Exit();
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !pending_.load(); });
  }
}

void ResizeGate::Exit() {
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
