// Id: a time-ordered 64-bit identifier for every local record.
//
// Layout (spec/STORAGE.md): the high 48 bits are milliseconds since the Unix
// epoch, then a 12-bit per-millisecond sequence, then a 4-bit stream. Big-endian
// encoding of an Id therefore sorts by creation time, which is what every
// listing wants. The stream keeps processes apart: `guildhall serve` and an
// admin command run at the same time against one store (LMDB allows it), and
// each process numbers its own stream, so they never mint the same Id.
// IdGenerator is thread-safe and never hands out the same Id twice in its
// stream, nor an Id lower than one it handed out before, even if the clock
// steps back.
#pragma once

#include <atomic>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/model/clock.h"

namespace guildhall {

struct Id {
  uint64_t value = 0;

  constexpr auto operator<=>(const Id&) const = default;
  constexpr explicit operator bool() const { return value != 0; }

  int64_t UnixMillis() const { return static_cast<int64_t>(value >> 16); }
  // Decimal text form used in URLs and JSON.
  std::string ToString() const { return std::to_string(value); }
  static std::optional<Id> Parse(std::string_view text);
};

class IdGenerator {
 public:
  static constexpr uint64_t kStreams = 16;
  static constexpr uint64_t kServerStream = 0;
  // A stream for a one-shot command process: chosen at random among the
  // others, so two commands run at once rarely share one (and if they do, the
  // store refuses the second insert of a key rather than overwrite it).
  static uint64_t CommandStream();

  // REQUIRES: stream < kStreams.
  explicit IdGenerator(const Clock& clock, uint64_t stream = kServerStream)
      : clock_(clock), stream_(stream) {}
  IdGenerator(const IdGenerator&) = delete;
  IdGenerator& operator=(const IdGenerator&) = delete;

  Id Next();
  // Never return an id at or below `floor` (used at startup with the largest
  // stored id, so a clock that went backwards cannot cause a collision).
  void Observe(Id floor);

 private:
  const Clock& clock_;
  const uint64_t stream_;
  std::atomic<uint64_t> last_{0};  // always in stream_ once set
};

}  // namespace guildhall

template <>
struct std::hash<guildhall::Id> {
  size_t operator()(const guildhall::Id& id) const noexcept {
    return std::hash<uint64_t>{}(id.value);
  }
};
