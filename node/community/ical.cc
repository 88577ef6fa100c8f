#include "node/community/ical.h"

#include <chrono>
#include <cstdio>

namespace guildhall::community {
namespace {

constexpr size_t kMaxLineOctets = 75;

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void AddLine(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  out += ICalFoldLine(line);
}

// URIs are not TEXT (no escaping), but must not break the line.
std::string SingleLine(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out.push_back(c);
  }
  return out;
}

void AddEvent(std::string& out, const storage::Event& e, std::string_view node_host) {
  out += "BEGIN:VEVENT\r\n";
  AddLine(out, "UID", "event-" + e.id.ToString() + "@" + SingleLine(node_host));
  AddLine(out, "DTSTAMP", ICalUtcTime(e.updated ? e.updated : e.created));
  AddLine(out, "DTSTART", ICalUtcTime(e.start));
  AddLine(out, "DTEND", ICalUtcTime(e.end));
  AddLine(out, "SEQUENCE", std::to_string(e.version > 0 ? e.version - 1 : 0));
  AddLine(out, "SUMMARY", ICalEscapeText(e.title));
  if (!e.description.empty()) AddLine(out, "DESCRIPTION", ICalEscapeText(e.description));
  const std::string& where = e.place.empty() ? e.online_url : e.place;
  if (!where.empty()) AddLine(out, "LOCATION", ICalEscapeText(where));
  if (!e.online_url.empty()) AddLine(out, "URL", SingleLine(e.online_url));
  AddLine(out, "STATUS", e.cancelled ? "CANCELLED" : "CONFIRMED");
  out += "END:VEVENT\r\n";
}

}  // namespace

std::string ICalUtcTime(int64_t unix_ms) {
  using namespace std::chrono;
  const sys_seconds t{seconds(unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000)};
  const sys_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string ICalEscapeText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      default: {
        // TEXT allows HTAB but no other control characters (§3.3.11).
        const bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        if (!control || c == '\t') out.push_back(c);
      }
    }
  }
  return out;
}

std::string ICalFoldLine(std::string_view line) {
  std::string out;
  size_t limit = kMaxLineOctets;  // continuation lines spend one octet on the leading space
  while (line.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && IsContinuationByte(line[cut])) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxLineOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string ICalendar(std::span<const storage::Event> events, std::string_view node_host,
                      std::string_view calendar_name) {
  std::string out = "BEGIN:VCALENDAR\r\n";
  AddLine(out, "VERSION", "2.0");
  AddLine(out, "PRODID", "-//Guildhall//Guildhall//EN");
  AddLine(out, "CALSCALE", "GREGORIAN");
  if (!calendar_name.empty()) AddLine(out, "X-WR-CALNAME", ICalEscapeText(calendar_name));
  for (const auto& e : events) AddEvent(out, e, node_host);
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace guildhall::community
