#include "storage/model/ids.h"

#include <charconv>

namespace guildhall {

std::optional<Id> Id::Parse(std::string_view text) {
  uint64_t v = 0;
  if (text.empty() || text.size() > 20) return std::nullopt;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v == 0) return std::nullopt;
  return Id{v};
}

Id IdGenerator::Next() {
  const uint64_t from_clock = static_cast<uint64_t>(guildhall::UnixMillis(clock_.Now())) << 16;
  uint64_t last = last_.load(std::memory_order_relaxed);
  for (;;) {
    // Same millisecond (or a clock that stepped back): take the next sequence number.
    const uint64_t next = from_clock > last ? from_clock : last + 1;
    if (last_.compare_exchange_weak(last, next, std::memory_order_relaxed)) return Id{next};
  }
}

void IdGenerator::Observe(Id floor) {
  uint64_t last = last_.load(std::memory_order_relaxed);
  while (floor.value > last && !last_.compare_exchange_weak(last, floor.value)) {
  }
}

}  // namespace guildhall
