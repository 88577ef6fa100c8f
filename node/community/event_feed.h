// EventFeed: runs the event log's consumers after commit, off the request
// path and off the single writer's critical path (DESIGN §7). One thread;
// each consumer (search index, health rollups, notification channels) has a
// name and a persisted position (event_log.h) and gets the events after it
// in commit order, in batches.
//
// Delivery is at least once: the position is saved after Consume succeeds,
// so a crash between the two hands the same events over again; consumers
// are idempotent. A failing consumer is retried with a growing pause (up to a
// minute) without holding the others back. A consumer that never ran, or
// whose position fell behind the oldest event still kept, is first asked to
// Rebuild from the source tables (derived stores are rebuildable, never the
// source of truth). Events every consumer has applied are trimmed once
// older than `retain`; the log never keeps more than `max_events`.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "node/community/event_log.h"
#include "storage/model/kv.h"

namespace guildhall::community {

class EventConsumer {
 public:
  virtual ~EventConsumer() = default;
  // Stable: its position is stored under this name.
  virtual std::string_view name() const = 0;
  // Applies `events`, oldest first; an error stops this batch (retried later).
  virtual Result<> Consume(std::span<const storage::LoggedEvent> events) = 0;
  // Recomputes everything derived from the source tables; the events after
  // the log's head at the time follow. Default: nothing is derived.
  virtual Result<> Rebuild() { return Ok(); }
};

struct EventFeedOptions {
  size_t batch = 256;
  // The longest wait between two looks at the log when nothing wakes the
  // feed (changes made by another process, the CLI, arrive this way).
  std::chrono::milliseconds idle_wait{1000};
  std::chrono::milliseconds retain{std::chrono::hours(24 * 7)};
  uint64_t max_events = 1'000'000;
  std::chrono::milliseconds max_backoff{60'000};
};

struct EventConsumerStats {
  std::string name;
  uint64_t position = 0;  // the last seq it applied
  uint64_t backlog = 0;   // events after it
  uint64_t failures = 0;  // failed batches since start
  uint64_t rebuilds = 0;
};

class EventFeed {
 public:
  EventFeed(storage::Store& store, EventSignal& signal, const Clock& clock,
            EventFeedOptions options = {});
  ~EventFeed();  // Stop()
  EventFeed(const EventFeed&) = delete;
  EventFeed& operator=(const EventFeed&) = delete;

  // Before Start(); `consumer` must outlive the feed.
  void Add(EventConsumer& consumer);
  void Start();
  void Stop();

  // On the caller's thread: runs every consumer until it has applied the
  // whole log, and trims. The first consumer error ends it. For tests and
  // for `guildhall check`; not while the thread runs.
  Result<> CatchUp();

  std::vector<EventConsumerStats> Stats() const;

 private:
  struct Slot {
    EventConsumer* consumer;
    EventConsumerStats stats;
    std::chrono::steady_clock::time_point retry_at{};
    std::chrono::milliseconds backoff{0};
  };
  // One batch for `slot`: how many events it applied (0: none waiting).
  Result<size_t> Step(Slot& slot);
  Result<> Trim();
  void Run();

  storage::Store& store_;
  EventSignal& signal_;
  const Clock& clock_;
  const EventFeedOptions options_;
  mutable std::mutex mu_;    // guards slots_' stats for Stats()
  std::vector<Slot> slots_;  // fixed after Start()
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace guildhall::community
