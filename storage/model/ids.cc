#include "storage/model/ids.h"

#include <sys/random.h>
#include <unistd.h>

#include <charconv>

namespace guildhall {

std::optional<Id> Id::Parse(std::string_view text) {
  uint64_t v = 0;
  if (text.empty() || text.size() > 20) return std::nullopt;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v == 0) return std::nullopt;
  return Id{v};
}

uint64_t IdGenerator::CommandStream() {
  uint8_t byte = 0;
  if (getrandom(&byte, 1, 0) != 1) byte = static_cast<uint8_t>(getpid());
  return 1 + byte % (kStreams - 1);
}

Id IdGenerator::Next() {
  const uint64_t from_clock =
      (static_cast<uint64_t>(guildhall::UnixMillis(clock_.Now())) << 16) | stream_;
  uint64_t last = last_.load(std::memory_order_relaxed);
  for (;;) {
    // Same millisecond (or a clock that stepped back): the next sequence
    // number in our stream. A full millisecond (4,096 ids) carries into the
    // next one, which only this stream's ids can occupy at this low nibble.
    const uint64_t next = from_clock > last ? from_clock : last + kStreams;
    if (last_.compare_exchange_weak(last, next, std::memory_order_relaxed)) return Id{next};
  }
}

void IdGenerator::Observe(Id floor) {
  // The smallest id of our stream at or above `floor`: Next() then stays above it.
  uint64_t in_stream = (floor.value & ~(kStreams - 1)) | stream_;
  if (in_stream < floor.value) in_stream += kStreams;
  uint64_t last = last_.load(std::memory_order_relaxed);
  while (in_stream > last && !last_.compare_exchange_weak(last, in_stream)) {
  }
}

}  // namespace guildhall
