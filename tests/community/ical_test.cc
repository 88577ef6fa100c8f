// iCalendar export (node/community/ical.cc), checked against golden text.
#include "node/community/ical.h"

#include <gtest/gtest.h>

#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

storage::Event Lunch() {
  storage::Event e;
  e.id = Id{42};
  e.title = "Lunch, talk; and \\ more";
  e.description = "Line one\nLine two";
  e.start = 1740848400000;  // 2025-03-01 17:00:00 UTC
  e.end = e.start + 3600 * 1000;
  e.time_zone = "Europe/Berlin";
  e.place = "Room 4, Floor 2";
  e.online_url = "https://meet.example/abc";
  e.created = e.updated = 1740830400000;  // 12:00:00 UTC
  e.version = 3;
  return e;
}

TEST(ICal, GoldenEvent) {
  const storage::Event e = Lunch();
  EXPECT_EQ(ICalendar(std::span(&e, 1), "guild.example", "Rust guild"),
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//Guildhall//Guildhall//EN\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "X-WR-CALNAME:Rust guild\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:event-42@guild.example\r\n"
            "DTSTAMP:20250301T120000Z\r\n"
            "DTSTART:20250301T170000Z\r\n"
            "DTEND:20250301T180000Z\r\n"
            "SEQUENCE:2\r\n"
            "SUMMARY:Lunch\\, talk\\; and \\\\ more\r\n"
            "DESCRIPTION:Line one\\nLine two\r\n"
            "LOCATION:Room 4\\, Floor 2\r\n"
            "URL:https://meet.example/abc\r\n"
            "STATUS:CONFIRMED\r\n"
            "END:VEVENT\r\n"
            "END:VCALENDAR\r\n");
}

TEST(ICal, CancelledEventsSayCancelled) {
  storage::Event e = Lunch();
  e.cancelled = true;
  EXPECT_NE(ICalendar(std::span(&e, 1), "h").find("STATUS:CANCELLED\r\n"), std::string::npos);
}

TEST(ICal, FoldsAt75OctetsWithoutSplittingCharacters) {
  const std::string line = "DESCRIPTION:" + std::string(100, 'a');
  EXPECT_EQ(ICalFoldLine(line),
            "DESCRIPTION:" + std::string(63, 'a') + "\r\n " + std::string(37, 'a') + "\r\n");
  // "é" is two octets; a fold must fall before it, not inside it.
  const std::string accents = "SUMMARY:" + std::string(66, 'x') + "\xC3\xA9\xC3\xA9";
  const std::string folded = ICalFoldLine(accents);
  EXPECT_EQ(folded, "SUMMARY:" + std::string(66, 'x') + "\r\n \xC3\xA9\xC3\xA9\r\n");
  // Every physical line is at most 75 octets.
  const std::string long_text = ICalFoldLine("X:" + std::string(500, 'b'));
  size_t start = 0;
  while (start < long_text.size()) {
    const size_t end = long_text.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
  EXPECT_EQ(ICalFoldLine("SHORT:1"), "SHORT:1\r\n");
}

TEST(ICal, EscapesTextValues) {
  EXPECT_EQ(ICalEscapeText("a,b;c\\d\r\ne\nf:g"), "a\\,b\\;c\\\\d\\ne\\nf:g");
  EXPECT_EQ(ICalEscapeText(std::string("bell\x07tab\t", 9)), "belltab\t");
}

TEST(ICal, UtcTimes) {
  EXPECT_EQ(ICalUtcTime(0), "19700101T000000Z");
  EXPECT_EQ(ICalUtcTime(1740848400999), "20250301T170000Z");
  EXPECT_EQ(ICalUtcTime(951782400000), "20000229T000000Z");  // leap day
}

using ICalExport = testing::CommunityFixture;

TEST_F(ICalExport, GroupFeedHoldsTheGroupsEvents) {
  const Id owner = Member("owner");
  const Id group = Group(owner, "cal");
  const int64_t start = Now() + 86400000;
  auto e = testing::Must(c_.events.Create(
      owner, group,
      {.title = "Standup", .start = start, .end = start + 900000, .time_zone = "UTC"}));
  const std::string one = testing::Must(c_.events.ExportEvent(owner, e.id));
  EXPECT_NE(one.find("UID:event-" + e.id.ToString() + "@guild.example\r\n"), std::string::npos);
  EXPECT_NE(one.find("SEQUENCE:0\r\n"), std::string::npos);
  const std::string feed = testing::Must(c_.events.ExportGroup(owner, group));
  EXPECT_NE(feed.find("X-WR-CALNAME:Group cal\r\n"), std::string::npos);
  EXPECT_NE(feed.find("SUMMARY:Standup\r\n"), std::string::npos);
  const Id stranger = Member("stranger");
  const Id secret =
      Group(owner, "secret-cal", storage::GroupScope::kInternal, storage::JoinMode::kInvite);
  EXPECT_EQ(testing::CodeOf(c_.events.ExportGroup(stranger, secret)), Code::kNotFound);
}

}  // namespace
}  // namespace guildhall::community
