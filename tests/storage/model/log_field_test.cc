#include "storage/model/log_field.h"

#include <gtest/gtest.h>

#include <string>

namespace guildhall {
namespace {

TEST(LogField, PlainValuesPassUnchanged) {
  EXPECT_EQ(LogField("Create"), "Create");
  EXPECT_EQ(LogField("https://peer.example/users/alice"), "https://peer.example/users/alice");
  EXPECT_EQ(LogField("caf\xc3\xa9"), "caf\xc3\xa9");  // UTF-8 text is not a control
}

TEST(LogField, LineBreaksCannotStartANewLine) {
  const std::string out = LogField("Create\nINFO forged line\r\x1b[31mred");
  EXPECT_EQ(out, "\"Create\\nINFO forged line\\r\\x1b[31mred\"");
  EXPECT_EQ(out.find_first_of("\r\n\x1b"), std::string::npos);
}

TEST(LogField, SpacesQuotesAndEqualsCannotForgeAField) {
  EXPECT_EQ(LogField("Create result=accepted"), "\"Create result=accepted\"");
  EXPECT_EQ(LogField("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(LogField("k=v"), "\"k=v\"");
  EXPECT_EQ(LogField(""), "\"\"");
}

TEST(LogField, OtherControlsAreEscapedAsHex) {
  EXPECT_EQ(LogField(std::string("a\0b", 3)), "\"a\\x00b\"");
  EXPECT_EQ(LogField("a\x7f"), "\"a\\x7f\"");
  EXPECT_EQ(LogField("tab\there"), "\"tab\\there\"");
}

TEST(LogField, UnicodeControlsAndLineSeparatorsAreEscaped) {
  EXPECT_EQ(LogField("a\xc2\x9b"
                     "b"),
            "\"a\\u009bb\"");  // C1 CSI
  EXPECT_EQ(LogField("a\xe2\x80\xa8"
                     "b"),
            "\"a\\u2028b\"");                            // LINE SEPARATOR
  EXPECT_EQ(LogField("a\xe2\x80\xa9"), "\"a\\u2029\"");  // PARAGRAPH SEPARATOR
  EXPECT_EQ(LogField("\xe2\x80\x94"), "\xe2\x80\x94");   // an em dash is text
}

TEST(LogField, LongValuesAreCutAndSaySo) {
  const std::string long_value(kLogFieldMaxBytes + 10, 'x');
  const std::string out = LogField(long_value);
  EXPECT_EQ(out.size(), kLogFieldMaxBytes + std::string("\"\"...(1034 bytes)").size());
  EXPECT_NE(out.find("...(1034 bytes)\""), std::string::npos);
}

}  // namespace
}  // namespace guildhall
