// Id: a time-ordered 64-bit identifier for every local record.
//
// Layout (spec/STORAGE.md): the high 48 bits are milliseconds since the Unix
// epoch, the low 16 bits a per-millisecond sequence. Big-endian encoding of an
// Id therefore sorts by creation time, which is what every listing wants.
// IdGenerator is thread-safe and never hands out the same Id twice in a process,
// nor an Id lower than one it handed out before, even if the clock steps back.
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
  explicit IdGenerator(const Clock& clock) : clock_(clock) {}
  IdGenerator(const IdGenerator&) = delete;
  IdGenerator& operator=(const IdGenerator&) = delete;

  Id Next();
  // Never return an id at or below `floor` (used at startup with the largest
  // stored id, so a clock that went backwards cannot cause a collision).
  void Observe(Id floor);

 private:
  const Clock& clock_;
  std::atomic<uint64_t> last_{0};
};

}  // namespace guildhall

template <>
struct std::hash<guildhall::Id> {
  size_t operator()(const guildhall::Id& id) const noexcept { return std::hash<uint64_t>{}(id.value); }
};
