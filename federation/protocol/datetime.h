// Timestamps on the wire: HTTP dates (RFC 9110 §5.6.7 IMF-fixdate, for Date
// headers and signatures) and RFC 3339 (AS2 published/updated/startTime).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/model/clock.h"

namespace guildhall::federation {

// "Sun, 06 Nov 1994 08:49:37 GMT" (sub-second part dropped).
std::string FormatHttpDate(TimePoint t);
// Strict IMF-fixdate only; the obsolete RFC 850 and asctime forms are refused
// because a signed Date must be unambiguous.
std::optional<TimePoint> ParseHttpDate(std::string_view text);

// "2026-11-22T17:53:23Z", or with milliseconds when `t` has any
// ("2026-11-22T17:53:23.631Z").
std::string FormatRfc3339(TimePoint t);
// RFC 3339 date-time: 'T' or 't' or ' ' separator, 0-9 fractional digits
// (Fedify sends nanoseconds), 'Z' or a ±hh:mm offset. Both parsers accept
// years 1700..2200 only (TimePoint's nanosecond range).
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace guildhall::federation
