// TimeZone: UTC offsets of one IANA zone, read from its TZif file (RFC 8536)
// under the zoneinfo directory, so that event pages show times in the
// event's zone and event forms turn a local wall time into UTC. libstdc++ 12
// has no std::chrono::zoned_time. Only the transition table is read (Debian
// ships "fat" TZif files with explicit transitions through 2037); past the
// last transition its offset holds. Zones are loaded once and cached.
// Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace guildhall::web::html {

class TimeZone {
 public:
  struct Offset {
    int32_t seconds = 0;       // local = UTC + seconds
    std::string abbreviation;  // "CET", "EDT", "+0530"
  };

  // The zone named `name` (validated as in community/timezones), from the
  // cache or the file system; null if unknown or unreadable.
  static std::shared_ptr<const TimeZone> Load(std::string_view name,
                                              const std::filesystem::path& zoneinfo_dir);
  static std::shared_ptr<const TimeZone> Utc();
  // Parses TZif bytes; null if malformed.
  static std::shared_ptr<const TimeZone> Parse(std::string name, std::string_view tzif);

  const std::string& name() const { return name_; }
  // The offset in force at `unix_seconds`.
  const Offset& At(int64_t unix_seconds) const;
  // The UTC instant of a local wall time (seconds since the epoch as if the
  // wall clock were UTC). An ambiguous time takes the earlier offset's
  // reading; a time in a spring-forward gap moves forward by the gap.
  int64_t ToUtc(int64_t local_seconds) const;

 private:
  std::string name_;
  std::vector<int64_t> transitions_;  // ascending
  std::vector<uint8_t> transition_types_;
  std::vector<Offset> types_;
  size_t initial_type_ = 0;
};

}  // namespace guildhall::web::html
