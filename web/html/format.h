// Text formats shared by the pages: dates and times (in UTC or an event's
// zone), the machine-readable forms for <time datetime> and <input
// type=datetime-local>, and counts. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "web/html/time_zone.h"

namespace guildhall::web::html {

// "Tue 4 Mar 2025, 18:30" in `zone` (no zone name).
std::string FormatDateTime(int64_t unix_ms, const TimeZone& zone);
// "4 Mar 2025"
std::string FormatDate(int64_t unix_ms, const TimeZone& zone);
// "18:30"
std::string FormatTime(int64_t unix_ms, const TimeZone& zone);
// "2025-03-04T17:30:00Z": for <time datetime="...">.
std::string IsoUtc(int64_t unix_ms);
// "2025-03-04T18:30" in `zone`: the value of an <input type="datetime-local">.
std::string DateTimeLocalValue(int64_t unix_ms, const TimeZone& zone);
// Parses "YYYY-MM-DDTHH:MM[:SS]" as a wall time in `zone`; nullopt if malformed.
std::optional<int64_t> ParseDateTimeLocal(std::string_view text, const TimeZone& zone);

// "1 reply", "3 replies".
std::string Plural(uint64_t n, std::string_view one, std::string_view many);

}  // namespace guildhall::web::html
