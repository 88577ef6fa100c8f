// Event times in their own zone, and local wall times back to UTC, from the
// system's TZif files.
#include "web/html/time_zone.h"

#include <gtest/gtest.h>

#include "web/html/format.h"

namespace guildhall::web::html {
namespace {

const std::filesystem::path kZoneinfo = "/usr/share/zoneinfo";

TEST(TimeZone, OffsetsFollowDaylightSaving) {
  auto berlin = TimeZone::Load("Europe/Berlin", kZoneinfo);
  ASSERT_TRUE(berlin);
  EXPECT_EQ(berlin->At(1735732800).seconds, 3600);  // 2025-01-01 12:00 UTC: CET
  EXPECT_EQ(berlin->At(1735732800).abbreviation, "CET");
  EXPECT_EQ(berlin->At(1751371200).seconds, 7200);  // 2025-07-01: CEST
  EXPECT_EQ(berlin->At(1751371200).abbreviation, "CEST");
  auto kolkata = TimeZone::Load("Asia/Kolkata", kZoneinfo);
  ASSERT_TRUE(kolkata);
  EXPECT_EQ(kolkata->At(1751371200).seconds, 19800);
}

TEST(TimeZone, RefusesUnknownAndHostileNames) {
  EXPECT_FALSE(TimeZone::Load("Mars/Olympus", kZoneinfo));
  EXPECT_FALSE(TimeZone::Load("../../etc/passwd", kZoneinfo));
  EXPECT_FALSE(TimeZone::Parse("x", "not a tzif file"));
  EXPECT_TRUE(TimeZone::Load("UTC", kZoneinfo));
}

TEST(TimeZone, WallTimeToUtcAcrossTransitions) {
  auto ny = TimeZone::Load("America/New_York", kZoneinfo);
  ASSERT_TRUE(ny);
  // 2025-07-04T09:00 EDT = 13:00 UTC.
  EXPECT_EQ(*ParseDateTimeLocal("2025-07-04T09:00", *ny), 1751634000000);
  // 2025-03-09T02:30 does not exist in New York; it moves forward to 03:30
  // EDT (07:30 UTC).
  EXPECT_EQ(*ParseDateTimeLocal("2025-03-09T02:30", *ny), 1741505400000);
  // 2025-11-02T01:30 happens twice; the first (EDT) is taken.
  EXPECT_EQ(*ParseDateTimeLocal("2025-11-02T01:30", *ny), 1762061400000);
}

TEST(Format, DatesInAZoneAndBack) {
  auto berlin = TimeZone::Load("Europe/Berlin", kZoneinfo);
  ASSERT_TRUE(berlin);
  const int64_t ms = 1740913200000;  // 2025-03-02 11:00 UTC
  EXPECT_EQ(FormatDateTime(ms, *berlin), "Sun 2 Mar 2025, 12:00");
  EXPECT_EQ(IsoUtc(ms), "2025-03-02T11:00:00Z");
  EXPECT_EQ(DateTimeLocalValue(ms, *berlin), "2025-03-02T12:00");
  EXPECT_EQ(*ParseDateTimeLocal("2025-03-02T12:00", *berlin), ms);
  EXPECT_FALSE(ParseDateTimeLocal("2025-02-30T12:00", *berlin));
  EXPECT_FALSE(ParseDateTimeLocal("2025-03-02 12:00", *berlin));
  EXPECT_FALSE(ParseDateTimeLocal("2025-03-02T25:00", *berlin));
}

}  // namespace
}  // namespace guildhall::web::html
