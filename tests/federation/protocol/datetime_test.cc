#include "federation/protocol/datetime.h"

#include <gtest/gtest.h>

namespace guildhall::federation {
namespace {

TEST(Datetime, HttpDateRoundTrips) {
  auto t = ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_TRUE(t);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count(),
            784111777);
  EXPECT_EQ(FormatHttpDate(*t), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(*t + std::chrono::milliseconds(999)), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(Datetime, HttpDateIsStrict) {
  const char* bad[] = {
      "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850
      "Sun Nov  6 08:49:37 1994",        // asctime
      "Mon, 06 Nov 1994 08:49:37 GMT",   // wrong weekday
      "Sun, 31 Nov 1994 08:49:37 GMT",   // no such day
      "Sun, 06 Nov 1994 24:49:37 GMT",  "Sun, 06 Nov 1994 08:49:37 UTC",
      "sun, 06 nov 1994 08:49:37 GMT",  "",
  };
  for (const char* s : bad) EXPECT_FALSE(ParseHttpDate(s)) << s;
}

TEST(Datetime, Rfc3339WithNanosecondsAndOffsets) {
  auto fedify = ParseRfc3339("2026-11-22T17:53:23.631003174Z");
  ASSERT_TRUE(fedify);
  auto whole = ParseRfc3339("2026-11-22T17:53:23Z");
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::nanoseconds>(*fedify - *whole).count(),
            631003174);
  EXPECT_EQ(FormatRfc3339(*fedify), "2026-11-22T17:53:23.631Z");
  EXPECT_EQ(FormatRfc3339(*whole), "2026-11-22T17:53:23Z");
  EXPECT_EQ(ParseRfc3339("2026-11-22T19:53:23+02:00"), whole);
  EXPECT_EQ(ParseRfc3339("2026-11-22T15:23:23-02:30"), whole);
  EXPECT_TRUE(ParseRfc3339("2016-12-31T23:59:60Z"));
}

TEST(Datetime, Rfc3339Rejects) {
  const char* bad[] = {"yesterday",
                       "2026-11-22",
                       "2026-11-22T17:53:23",
                       "2026-13-01T00:00:00Z",
                       "2026-11-22T17:53:23.Z",
                       "2026-11-22T17:53:23.1234567890Z",
                       "2026-11-22T17:53:23+2:00",
                       "0000-01-01T00:00:00Z",
                       "9999-12-31T23:59:59Z"};
  for (const char* s : bad) EXPECT_FALSE(ParseRfc3339(s)) << s;
}

}  // namespace
}  // namespace guildhall::federation
