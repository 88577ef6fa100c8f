#include "web/http/status.h"

#include <gtest/gtest.h>

namespace guildhall::web {
namespace {

Request JsonClient() {
  Request req;
  req.id = 42;
  req.headers.Add("Accept", "application/json");
  return req;
}

TEST(HttpStatus, MapsEveryCode) {
  EXPECT_EQ(HttpStatus(Code::kNotFound), 404u);
  EXPECT_EQ(HttpStatus(Code::kInvalid), 400u);
  EXPECT_EQ(HttpStatus(Code::kUnauthorized), 401u);
  EXPECT_EQ(HttpStatus(Code::kForbidden), 403u);
  EXPECT_EQ(HttpStatus(Code::kConflict), 409u);
  EXPECT_EQ(HttpStatus(Code::kTooLarge), 413u);
  EXPECT_EQ(HttpStatus(Code::kUnavailable), 503u);
  EXPECT_EQ(HttpStatus(Code::kInternal), 500u);
}

TEST(ErrorResponse, JsonForJsonClients) {
  Response res = ErrorResponse(JsonClient(), Error::Conflict("name \"news\" is taken"));
  EXPECT_EQ(res.status, 409u);
  EXPECT_EQ(res.headers.Get("Content-Type"), "application/json");
  EXPECT_EQ(res.body, R"({"error":"conflict","message":"name \"news\" is taken"})");
}

TEST(ErrorResponse, EscapedHtmlForBrowsers) {
  Request req;
  req.headers.Add("Accept", "text/html");
  Response res = ErrorResponse(req, Error::NotFound("no group <script>x</script>"));
  EXPECT_EQ(res.status, 404u);
  EXPECT_EQ(res.headers.Get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res.body.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(res.body.find("<script>"), std::string::npos);
  EXPECT_NE(res.body.find("404 Not Found"), std::string::npos);
}

TEST(ErrorResponse, InternalDetailsStayInTheLog) {
  Response res = ErrorResponse(JsonClient(), Error::Internal("mdb_put: MDB_MAP_FULL /var/db"));
  EXPECT_EQ(res.status, 500u);
  EXPECT_EQ(res.body.find("MDB"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("\"error\":\"internal\""), std::string::npos);
  EXPECT_NE(res.body.find("#42"), std::string::npos);  // the id to quote to an admin
}

TEST(StatusResponse, ControlCharactersAreEscapedInJson) {
  Response res = StatusResponse(JsonClient(), 431, "too_large", "a\nb\x01");
  EXPECT_EQ(res.status, 431u);
  EXPECT_EQ(res.body, R"({"error":"too_large","message":"a\nb\u0001"})");
}

}  // namespace
}  // namespace guildhall::web
