#include "web/html/format.h"

#include <cstdio>

namespace guildhall::web::html {
namespace {

constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};

struct Civil {
  int64_t year;
  unsigned month, day, hour, minute, second, weekday;  // weekday: index into kWeekdays
};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Howard Hinnant's civil_from_days / days_from_civil (public domain algorithms).
Civil CivilFromSeconds(int64_t s) {
  const int64_t days = FloorDiv(s, 86400);
  const int64_t rem = s - days * 86400;
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const unsigned d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const unsigned m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  Civil c{yoe + era * 400 + (m <= 2), m, d, 0, 0, 0, 0};
  c.hour = static_cast<unsigned>(rem / 3600);
  c.minute = static_cast<unsigned>(rem % 3600 / 60);
  c.second = static_cast<unsigned>(rem % 60);
  c.weekday = static_cast<unsigned>(((days % 7) + 7) % 7);
  return c;
}

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil LocalCivil(int64_t unix_ms, const TimeZone& zone) {
  const int64_t s = FloorDiv(unix_ms, 1000);
  return CivilFromSeconds(s + zone.At(s).seconds);
}

template <class... Args>
std::string Printf(const char* format, Args... args) {
  char buf[64];
  const int n = std::snprintf(buf, sizeof buf, format, args...);
  return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

}  // namespace

std::string FormatDateTime(int64_t unix_ms, const TimeZone& zone) {
  const Civil c = LocalCivil(unix_ms, zone);
  return Printf("%s %u %s %lld, %02u:%02u", kWeekdays[c.weekday], c.day, kMonths[c.month - 1],
                static_cast<long long>(c.year), c.hour, c.minute);
}

std::string FormatDate(int64_t unix_ms, const TimeZone& zone) {
  const Civil c = LocalCivil(unix_ms, zone);
  return Printf("%u %s %lld", c.day, kMonths[c.month - 1], static_cast<long long>(c.year));
}

std::string FormatTime(int64_t unix_ms, const TimeZone& zone) {
  const Civil c = LocalCivil(unix_ms, zone);
  return Printf("%02u:%02u", c.hour, c.minute);
}

std::string IsoUtc(int64_t unix_ms) {
  const Civil c = CivilFromSeconds(FloorDiv(unix_ms, 1000));
  return Printf("%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(c.year), c.month, c.day,
                c.hour, c.minute, c.second);
}

std::string DateTimeLocalValue(int64_t unix_ms, const TimeZone& zone) {
  const Civil c = LocalCivil(unix_ms, zone);
  return Printf("%04lld-%02u-%02uT%02u:%02u", static_cast<long long>(c.year), c.month, c.day,
                c.hour, c.minute);
}

std::optional<int64_t> ParseDateTimeLocal(std::string_view text, const TimeZone& zone) {
  int year = 0;
  unsigned month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int used = 0;
  const std::string s(text.substr(0, 32));
  const int n = std::sscanf(s.c_str(), "%4d-%2u-%2uT%2u:%2u%n:%2u%n", &year, &month, &day, &hour,
                            &minute, &used, &second, &used);
  if (n < 5 || static_cast<size_t>(used) != s.size()) return std::nullopt;
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  const int64_t days = DaysFromCivil(year, month, day);
  if (CivilFromSeconds(days * 86400).day != day) return std::nullopt;  // 31 Feb
  const int64_t local = days * 86400 + hour * 3600 + minute * 60 + second;
  return zone.ToUtc(local) * 1000;
}

std::string Plural(uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace guildhall::web::html
