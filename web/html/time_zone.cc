#include "web/html/time_zone.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "node/community/timezones.h"

namespace guildhall::web::html {
namespace {

constexpr size_t kHeaderSize = 44;
constexpr size_t kMaxTzifBytes = 1 << 20;

int64_t ReadBig(std::string_view s, size_t at, size_t bytes) {
  uint64_t v = 0;
  for (size_t i = 0; i < bytes; ++i) v = (v << 8) | static_cast<uint8_t>(s[at + i]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

struct Counts {
  size_t isut, isstd, leap, time, type, chars;
  size_t DataSize(size_t time_bytes) const {
    return time * time_bytes + time + type * 6 + chars + leap * (time_bytes + 4) + isstd + isut;
  }
};

bool ReadHeader(std::string_view s, size_t at, Counts& c, char& version) {
  if (s.size() < at + kHeaderSize || s.substr(at, 4) != "TZif") return false;
  version = s[at + 4];
  size_t* fields[] = {&c.isut, &c.isstd, &c.leap, &c.time, &c.type, &c.chars};
  for (size_t i = 0; i < 6; ++i) *fields[i] = static_cast<size_t>(ReadBig(s, at + 20 + 4 * i, 4));
  return c.type > 0 && c.type <= 256 && c.time <= 100000 && c.chars <= 1000;
}

}  // namespace

std::shared_ptr<const TimeZone> TimeZone::Parse(std::string name, std::string_view s) {
  Counts c{};
  char version = 0;
  if (!ReadHeader(s, 0, c, version)) return nullptr;
  size_t at = kHeaderSize;
  size_t time_bytes = 4;
  if (version >= '2') {  // skip the 32-bit block; the 64-bit one follows
    at += c.DataSize(4);
    if (!ReadHeader(s, at, c, version)) return nullptr;
    at += kHeaderSize;
    time_bytes = 8;
  }
  if (s.size() < at + c.DataSize(time_bytes)) return nullptr;
  auto zone = std::make_shared<TimeZone>();
  zone->name_ = std::move(name);
  for (size_t i = 0; i < c.time; ++i)
    zone->transitions_.push_back(ReadBig(s, at + i * time_bytes, time_bytes));
  at += c.time * time_bytes;
  for (size_t i = 0; i < c.time; ++i) {
    const uint8_t type = static_cast<uint8_t>(s[at + i]);
    if (type >= c.type) return nullptr;
    zone->transition_types_.push_back(type);
  }
  at += c.time;
  const std::string_view chars = s.substr(at + c.type * 6, c.chars);
  for (size_t i = 0; i < c.type; ++i) {
    Offset o;
    o.seconds = static_cast<int32_t>(ReadBig(s, at + i * 6, 4));
    const size_t abbr = static_cast<uint8_t>(s[at + i * 6 + 5]);
    if (abbr < chars.size())
      o.abbreviation = std::string(chars.substr(abbr, chars.find('\0', abbr) - abbr));
    zone->types_.push_back(std::move(o));
  }
  if (!std::is_sorted(zone->transitions_.begin(), zone->transitions_.end())) return nullptr;
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::Utc() {
  static const std::shared_ptr<const TimeZone> utc = [] {
    auto zone = std::make_shared<TimeZone>();
    zone->name_ = "UTC";
    zone->types_.push_back({0, "UTC"});
    return zone;
  }();
  return utc;
}

std::shared_ptr<const TimeZone> TimeZone::Load(std::string_view name,
                                               const std::filesystem::path& zoneinfo_dir) {
  if (name == "UTC" || name == "Etc/UTC") return Utc();
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  std::lock_guard lock(mu);
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  // The same checks as for event input: no path tricks reach the file system.
  if (!community::ValidateTimeZone(name, zoneinfo_dir)) return nullptr;
  std::ifstream in(zoneinfo_dir / std::string(name), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string data = bytes.str();
  if (data.size() > kMaxTzifBytes) return nullptr;
  auto zone = Parse(std::string(name), data);
  if (zone && cache.size() < 1000) cache.emplace(std::string(name), zone);
  return zone;
}

const TimeZone::Offset& TimeZone::At(int64_t t) const {
  if (transitions_.empty() || t < transitions_.front()) {
    // RFC 8536 §3.2: before the first transition, local time type 0 applies.
    return types_[initial_type_];
  }
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  return types_[transition_types_[(it - transitions_.begin()) - 1]];
}

int64_t TimeZone::ToUtc(int64_t local) const {
  // Try the offset in force a day before and after: one of them applies
  // unless the time falls in a gap, where the later reading moves it forward.
  const int64_t before = local - At(local - 86400).seconds;
  const int64_t after = local - At(local + 86400).seconds;
  if (before + At(before).seconds == local) return before;
  if (after + At(after).seconds == local) return after;
  return std::max(before, after);
}

}  // namespace guildhall::web::html
