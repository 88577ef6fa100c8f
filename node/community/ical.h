// iCalendar (RFC 5545) export of events: one event, or a group's feed.
// Output uses CRLF line endings (§3.1), folds lines longer than 75 octets
// without splitting UTF-8 sequences (§3.1), escapes TEXT values (\\ \; \, \n,
// §3.3.11), writes DTSTART/DTEND/DTSTAMP in UTC with the "Z" suffix
// (§3.3.5 form #2), and marks cancelled events STATUS:CANCELLED. UID is
// "event-<id>@<node_host>"; SEQUENCE is the event's version - 1; DTSTAMP is
// its last update, so the same event always exports the same bytes.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "storage/model/records/event.h"

namespace guildhall::community {

// A whole VCALENDAR holding `events`; `calendar_name` (if not empty) becomes
// X-WR-CALNAME, which calendar apps show as the subscription's name.
std::string ICalendar(std::span<const storage::Event> events, std::string_view node_host,
                      std::string_view calendar_name = {});

// "YYYYMMDDTHHMMSSZ" for unix milliseconds.
std::string ICalUtcTime(int64_t unix_ms);

// TEXT escaping of §3.3.11.
std::string ICalEscapeText(std::string_view text);

// Folds one logical content line (without its CRLF) into CRLF-terminated
// physical lines of at most 75 octets.
std::string ICalFoldLine(std::string_view line);

}  // namespace guildhall::community
