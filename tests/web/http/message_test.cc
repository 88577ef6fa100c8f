#include "web/http/message.h"

#include <gtest/gtest.h>

namespace guildhall::web {
namespace {

TEST(Headers, NamesCompareCaseInsensitively) {
  Headers h;
  h.Add("Content-Type", "text/html");
  h.Add("X-Thing", "1");
  h.Add("x-thing", "2");
  EXPECT_EQ(h.Get("content-type"), "text/html");
  EXPECT_EQ(h.Get("X-THING"), "1");
  EXPECT_TRUE(h.Has("x-Thing"));
  EXPECT_FALSE(h.Has("Accept"));
  EXPECT_EQ(h.Get("Accept"), "");
  h.Set("X-Thing", "3");
  EXPECT_EQ(h.Get("x-thing"), "3");
  EXPECT_EQ(h.fields().size(), 2u);
}

TEST(PercentDecode, DecodesEscapesAndOptionallyPlus) {
  EXPECT_EQ(PercentDecode("caf%C3%a9", false), "caf\xC3\xA9");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("%2F", false), "/");
  EXPECT_EQ(PercentDecode("", false), "");
}

TEST(PercentDecode, RejectsBadEscapesAndNul) {
  EXPECT_FALSE(PercentDecode("%", false));
  EXPECT_FALSE(PercentDecode("%4", false));
  EXPECT_FALSE(PercentDecode("%zz", false));
  EXPECT_FALSE(PercentDecode("a%00b", false));
}

TEST(Request, QueryParametersAreDecoded) {
  Request req;
  req.query = "page=2&q=hello+world&tag=c%2B%2B&flag&empty=&page=3";
  EXPECT_EQ(req.Query("page"), "2");
  EXPECT_EQ(req.Query("q"), "hello world");
  EXPECT_EQ(req.Query("tag"), "c++");
  EXPECT_EQ(req.Query("flag"), "");
  EXPECT_EQ(req.Query("empty"), "");
  EXPECT_FALSE(req.Query("missing"));
}

TEST(Request, ParamsByName) {
  Request req;
  req.params = {{"slug", "news"}, {"id", "7"}};
  EXPECT_EQ(req.Param("slug"), "news");
  EXPECT_EQ(req.Param("id"), "7");
  EXPECT_EQ(req.Param("other"), "");
}

TEST(Response, FactoriesSetContentType) {
  EXPECT_EQ(Response::Text(200, "x").headers.Get("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(Response::Html(201, "x").headers.Get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::Json(200, "{}").headers.Get("Content-Type"), "application/json");
  Response ap = Response::ActivityJson(202, "{}");
  EXPECT_EQ(ap.status, 202u);
  EXPECT_EQ(ap.headers.Get("Content-Type"), "application/activity+json");
  Response r = Response::Redirect("/g/news");
  EXPECT_EQ(r.status, 303u);
  EXPECT_EQ(r.headers.Get("Location"), "/g/news");
}

}  // namespace
}  // namespace guildhall::web
