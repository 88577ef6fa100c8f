#include "federation/protocol/json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace guildhall::federation::json {
namespace {

using ::testing::HasSubstr;

TEST(Json, ParsesObjectsInDocumentOrder) {
  auto v = Parse(R"({"b":1,"a":[true,null,"x",-2.5e3],"c":{"d":"\u00e9\ud83d\ude00"}})");
  ASSERT_TRUE(v) << v.error().message;
  ASSERT_EQ(v->members().size(), 3u);
  EXPECT_EQ(v->members()[0].name, "b");
  EXPECT_EQ(v->Find("b")->AsInt64(), 1);
  const Value* a = v->Find("a");
  ASSERT_TRUE(a && a->is_array());
  EXPECT_TRUE(a->items()[0].boolean());
  EXPECT_TRUE(a->items()[1].is_null());
  EXPECT_EQ(a->items()[2].text(), "x");
  EXPECT_EQ(a->items()[3].AsDouble(), -2500.0);
  EXPECT_FALSE(a->items()[3].AsInt64());
  EXPECT_EQ(v->Find("c")->Find("d")->text(), "\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_EQ(Serialize(*v), R"({"b":1,"a":[true,null,"x",-2.5e3],"c":{"d":"é😀"}})");
}

struct BadCase {
  const char* name;
  std::string input;
  Code code;
  const char* reason;
};

std::string Nested(int depth) {
  return "{\"a\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

class JsonRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(JsonRejects, WithReason) {
  auto v = Parse(GetParam().input);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, GetParam().code);
  EXPECT_THAT(v.error().message, HasSubstr(GetParam().reason));
}

INSTANTIATE_TEST_SUITE_P(
    Json, JsonRejects,
    ::testing::Values(
        BadCase{"DeepNesting10k", Nested(10000), Code::kTooLarge, "nesting deeper than 32"},
        BadCase{"DeepNesting33", Nested(32), Code::kTooLarge, "nesting deeper than 32"},
        BadCase{"DuplicateKeys", R"({"id":"a","type":"Note","id":"b"})", Code::kInvalid,
                "duplicate member \"id\""},
        BadCase{"NestedDuplicateKeys", R"({"o":{"x":1,"y":2,"x":3}})", Code::kInvalid,
                "duplicate member \"x\""},
        BadCase{"InvalidUtf8", "{\"a\":\"\xc3\x28\"}", Code::kInvalid, "Invalid encoding"},
        BadCase{"OverlongUtf8", "{\"a\":\"\xc0\xaf\"}", Code::kInvalid, "Invalid encoding"},
        BadCase{"LoneSurrogateEscape", R"({"a":"\udc00"})", Code::kInvalid, "invalid UTF-8"},
        BadCase{"NulEscape", R"({"a":"x\u0000y"})", Code::kInvalid, "NUL"},
        BadCase{"TopLevelArray", "[1,2]", Code::kInvalid, "top level is not an object"},
        BadCase{"TopLevelString", "\"x\"", Code::kInvalid, "top level is not an object"},
        BadCase{"TopLevelNumber", "1", Code::kInvalid, "top level is not an object"},
        BadCase{"TrailingGarbage", "{} x", Code::kInvalid, "at offset"},
        BadCase{"TrailingComma", R"({"a":1,})", Code::kInvalid, "at offset"},
        BadCase{"Comments", R"({/*c*/"a":1})", Code::kInvalid, "at offset"},
        BadCase{"Empty", "", Code::kInvalid, "at offset"},
        BadCase{"TooManyValues",
                "{\"a\":[" +
                    [] {
                      std::string s;
                      for (int i = 0; i < 60000; ++i) s += i ? ",1" : "1";
                      return s;
                    }() +
                    "]}",
                Code::kTooLarge, "too many values"},
        BadCase{"TooLarge", "{\"a\":\"" + std::string(1024 * 1024, 'x') + "\"}", Code::kTooLarge,
                "larger than"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Json, AcceptsExactlyMaxDepth) { EXPECT_TRUE(Parse(Nested(31))); }

TEST(Json, Utf8Validator) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("\xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\x80"));      // overlong
}

}  // namespace
}  // namespace guildhall::federation::json
