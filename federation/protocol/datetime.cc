#include "federation/protocol/datetime.h"

#include <array>
#include <chrono>
#include <cstdio>

namespace guildhall::federation {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Parses exactly `n` ASCII digits at `pos`.
std::optional<int> Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// TimePoint counts nanoseconds in an int64 (about 1678..2262); years outside
// this window would overflow, and no real timestamp needs them.
constexpr int kMinYear = 1700;
constexpr int kMaxYear = 2200;

// A valid civil date and time of day, or nullopt (Feb 30, 25:00, ...).
std::optional<TimePoint> Compose(int y, int mo, int d, int h, int mi, int s) {
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y),
                                  std::chrono::month(static_cast<unsigned>(mo)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  // Leap second 60 is tolerated as :59 (RFC 3339 §5.6 allows it).
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  if (s == 60) s = 59;
  return TimePoint(sys_days(ymd)) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s);
}

struct Civil {
  int year, month, day, hour, minute, second, weekday;
};

Civil ToCivil(TimePoint t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto day_point = std::chrono::floor<days>(secs);
  std::chrono::year_month_day ymd{day_point};
  std::chrono::hh_mm_ss hms{secs - day_point};
  std::chrono::weekday wd{day_point};
  return {static_cast<int>(ymd.year()),
          static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day())),
          static_cast<int>(hms.hours().count()),
          static_cast<int>(hms.minutes().count()),
          static_cast<int>(hms.seconds().count()),
          static_cast<int>(wd.c_encoding())};
}

}  // namespace

std::string FormatHttpDate(TimePoint t) {
  Civil c = ToCivil(t);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kWeekdays[c.weekday].data(), c.day, kMonths[c.month - 1].data(), c.year, c.hour,
                c.minute, c.second);
  return buf;
}

std::optional<TimePoint> ParseHttpDate(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT") {
    return std::nullopt;
  }
  int weekday = -1, month = -1;
  for (int i = 0; i < 7; ++i)
    if (s.substr(0, 3) == kWeekdays[i]) weekday = i;
  for (int i = 0; i < 12; ++i)
    if (s.substr(8, 3) == kMonths[i]) month = i + 1;
  auto day = Digits(s, 5, 2), year = Digits(s, 12, 4), hour = Digits(s, 17, 2),
       minute = Digits(s, 20, 2), second = Digits(s, 23, 2);
  if (weekday < 0 || month < 0 || !day || !year || !hour || !minute || !second) return std::nullopt;
  auto t = Compose(*year, month, *day, *hour, *minute, *second);
  if (!t || ToCivil(*t).weekday != weekday) return std::nullopt;  // the day name must be right
  return t;
}

std::string FormatRfc3339(TimePoint t) {
  Civil c = ToCivil(t);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
  if (millis < 0) millis += 1000;
  char buf[40];
  if (millis == 0) {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day,
                  c.hour, c.minute, c.second);
  } else {
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day,
                  c.hour, c.minute, c.second, static_cast<int>(millis));
  }
  return buf;
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
  if (s.size() < 20 || s.size() > 40 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  auto year = Digits(s, 0, 4), month = Digits(s, 5, 2), day = Digits(s, 8, 2),
       hour = Digits(s, 11, 2), minute = Digits(s, 14, 2), second = Digits(s, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || *month < 1 || *month > 12)
    return std::nullopt;
  auto t = Compose(*year, *month, *day, *hour, *minute, *second);
  if (!t) return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t nanos = 0;
    size_t digits = 0;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits) {
      if (digits < 9) nanos = nanos * 10 + (s[pos] - '0');
    }
    if (digits == 0 || digits > 9) return std::nullopt;
    for (size_t i = digits; i < 9; ++i) nanos *= 10;
    *t += std::chrono::duration_cast<TimePoint::duration>(std::chrono::nanoseconds(nanos));
  }
  std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") return t;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  auto oh = Digits(zone, 1, 2), om = Digits(zone, 4, 2);
  if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
  auto offset = std::chrono::hours(*oh) + std::chrono::minutes(*om);
  return zone[0] == '+' ? *t - offset : *t + offset;
}

}  // namespace guildhall::federation
