// Clock: the one source of "now" for every layer, so that tests (and the
// integration harness) can move time without sleeping. Implementations are
// thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace guildhall {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// Wall-clock time, optionally shifted by a fixed offset (the integration
// harness starts a node "an hour later" with [testing] clock_offset_seconds).
class SystemClock final : public Clock {
 public:
  explicit SystemClock(std::chrono::seconds offset = std::chrono::seconds(0)) : offset_(offset) {}
  TimePoint Now() const override { return std::chrono::system_clock::now() + offset_; }

 private:
  std::chrono::seconds offset_;
};

// A clock that only moves when told to. For tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_us_(ToMicros(start)) {}
  TimePoint Now() const override {
    return TimePoint(std::chrono::microseconds(now_us_.load(std::memory_order_relaxed)));
  }
  void Advance(std::chrono::microseconds d) { now_us_.fetch_add(d.count()); }
  void Set(TimePoint t) { now_us_.store(ToMicros(t)); }

 private:
  static int64_t ToMicros(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  }
  std::atomic<int64_t> now_us_;
};

// Milliseconds since the Unix epoch: the unit stored in records and keys.
inline int64_t UnixMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
inline TimePoint FromUnixMillis(int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

}  // namespace guildhall
