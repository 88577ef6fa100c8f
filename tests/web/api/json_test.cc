// JsonBody and JsonWriter (web/api/json.cc): bounded parsing, field errors
// that name the field, and the writer's escaping and id/time forms.
#include "web/api/json.h"

#include <gtest/gtest.h>

namespace guildhall::web::api {
namespace {

TEST(ApiJson, EmptyBodyIsAnEmptyObject) {
  auto body = JsonBody::Parse("  \n");
  ASSERT_TRUE(body);
  EXPECT_FALSE(body->Has("x"));
  EXPECT_EQ(body->RequiredString("x").error().message, "x: is required");
}

TEST(ApiJson, FieldsAreTypeChecked) {
  auto body = JsonBody::Parse(
      R"({"s":"text","n":5,"b":true,"id":"42","nid":7,"list":["a","b"],"ids":["1",2],"nil":null,)"
      R"("t":"2026-12-01T18:00:00+01:00"})");
  ASSERT_TRUE(body);
  EXPECT_EQ(*body->String("s").value(), "text");
  EXPECT_EQ(body->String("n").error().message, "n: must be a string");
  EXPECT_EQ(*body->Int("n").value(), 5);
  EXPECT_EQ(body->Int("s").error().message, "s: must be an integer");
  EXPECT_TRUE(*body->Bool("b").value());
  EXPECT_EQ(body->RequiredId("id").value(), Id{42});
  EXPECT_EQ(body->RequiredId("nid").value(), Id{7});
  EXPECT_EQ(body->RequiredId("s").error().message, "s: must be an id (a decimal string)");
  EXPECT_EQ(body->StringList("list").value()->size(), 2u);
  EXPECT_EQ(body->IdList("ids").value()->at(1), Id{2});
  EXPECT_FALSE(body->String("nil").value());  // null reads as absent
  EXPECT_EQ(*body->Time("t").value(), 1796144400000);
  EXPECT_EQ(body->Time("s").error().code, Code::kInvalid);
}

TEST(ApiJson, RejectsWhatTheBoundedParserRejects) {
  EXPECT_EQ(JsonBody::Parse("[]").error().code, Code::kInvalid);
  EXPECT_EQ(JsonBody::Parse(R"({"a":1,"a":2})").error().code, Code::kInvalid);
  EXPECT_EQ(JsonBody::Parse("{\"a\":\"\xc3\"}").error().code, Code::kInvalid);
  std::string deep =
      "{\"a\":" + std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']') + "}";
  auto too_deep = JsonBody::Parse(deep);
  ASSERT_FALSE(too_deep);
  EXPECT_EQ(too_deep.error().code, Code::kInvalid);  // a bad request, not a size problem
  EXPECT_TRUE(too_deep.error().message.starts_with("body: ")) << too_deep.error().message;
}

TEST(ApiJson, WriterEscapesAndFormatsIdsAndTimes) {
  JsonWriter w;
  w.BeginObject()
      .Field("s", "quote \" and \\ and \n")
      .IdField("id", Id{18446744073709551615ull})
      .IdField("none", Id{})
      .TimeField("t", 1796144400000)
      .TimeField("never", 0)
      .Key("raw")
      .Raw(R"({"x":1})")
      .EndObject();
  EXPECT_EQ(w.Take(), R"({"s":"quote \" and \\ and \n","id":"18446744073709551615","none":null,)"
                      R"("t":"2026-12-01T17:00:00Z","never":null,"raw":{"x":1}})");
}

}  // namespace
}  // namespace guildhall::web::api
