// The event log (DESIGN §7): every domain event, in commit order, as a
// storage::LoggedEvent, so that consumers that must not run on the single
// writer (search index, health rollups, notification channels) read the
// committed changes after the fact, each from its own persisted position
// (event_feed.h).
//
// EventLogPublisher is how events get there: Community hands it to its
// services as their Publisher; each Publish appends the event to the log in
// the change's own transaction, forwards it to the real publisher
// (federation), and wakes the feed once the change is durable.
// Thread-safe where it says so; the free functions run inside the caller's
// transaction.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "node/community/publisher.h"
#include "storage/model/clock.h"
#include "storage/model/records/logged_event.h"

namespace guildhall::community {

// The persisted form of `event` (seq and at left to the caller).
storage::LoggedEvent LoggedEventOf(const DomainEvent& event);

// Appends `event` with the next sequence number (kept in the meta table, so
// numbers never repeat after the log is trimmed); returns that number.
Result<uint64_t> AppendEvent(storage::WriteTxn& tx, const DomainEvent& event, int64_t now_ms);

// The last sequence number ever given (0: none yet).
Result<uint64_t> LastEventSeq(storage::ReadTxn& tx);
// The oldest sequence number still in the log (0: the log is empty).
Result<uint64_t> FirstEventSeq(storage::ReadTxn& tx);
// Up to `limit` events with seq > `after`, oldest first.
Result<std::vector<storage::LoggedEvent>> EventsAfter(storage::ReadTxn& tx, uint64_t after,
                                                      size_t limit);
// Removes events with seq <= `through` and at < `before_ms`, oldest first, at
// most `max` of them; how many it removed.
Result<size_t> TrimEvents(storage::WriteTxn& tx, uint64_t through, int64_t before_ms, size_t max);

// A consumer's position: the last seq it has applied; nullopt if it never ran.
Result<std::optional<uint64_t>> ConsumerPosition(storage::ReadTxn& tx, std::string_view consumer);
Result<> SetConsumerPosition(storage::WriteTxn& tx, std::string_view consumer, uint64_t seq);

// Wakes the event feed when new events are durable. Thread-safe.
class EventSignal {
 public:
  void Notify();
  // The number of notifications so far.
  uint64_t generation() const;
  // Waits until generation() != `seen` or `timeout` passes; the generation.
  uint64_t WaitFor(uint64_t seen, std::chrono::milliseconds timeout);

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t generation_ = 0;  // GUARDED_BY(mu_)
};

// See the file comment. Thread-safe if `next` is.
class EventLogPublisher final : public Publisher {
 public:
  EventLogPublisher(Publisher& next, const Clock& clock, EventSignal& signal)
      : next_(next), clock_(clock), signal_(signal) {}
  EventLogPublisher(const EventLogPublisher&) = delete;
  EventLogPublisher& operator=(const EventLogPublisher&) = delete;

  Result<> Publish(storage::WriteTxn& tx, const DomainEvent& event) override;
  Result<> GroupScopeChanging(storage::WriteTxn& tx, Id actor, const storage::Group& group,
                              storage::GroupScope to) override {
    return next_.GroupScopeChanging(tx, actor, group, to);
  }

 private:
  Publisher& next_;
  const Clock& clock_;
  EventSignal& signal_;
};

}  // namespace guildhall::community
