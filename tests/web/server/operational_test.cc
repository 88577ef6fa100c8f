// /healthz and /metrics (web/server/operational.cc) through a real server.
#include "web/server/operational.h"

#include <gtest/gtest.h>

#include "tests/web/server/test_server.h"

namespace guildhall::web::testing {
namespace {

class OperationalTest : public ServerTest {
 protected:
  OperationalTest() {
    AddOperationalRoutes(router_, metrics_);
    router_.Add("GET", "/hello", {.name = "hello"},
                [](const Request&) { return Response::Text(200, "hi"); });
  }
};

TEST_F(OperationalTest, HealthzAnswersOk) {
  StartServer();
  auto client = Connect();
  auto text = client->Get("/healthz");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 200u);
  EXPECT_EQ(text->body, "ok\n");
  auto json = client->Get("/healthz", "Accept: application/json\r\n");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->body, "{\"status\":\"ok\"}");
}

TEST_F(OperationalTest, MetricsCountRequestsByRouteAndStatus) {
  StartServer();
  auto client = Connect();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client->Get("/hello"));
  ASSERT_TRUE(client->Get("/nope"));
  ASSERT_TRUE(client->Send("POST /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"));
  ASSERT_TRUE(client->ReadResponse());
  auto res = client->Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& body = res->body;
  EXPECT_NE(body.find("guildhall_http_requests_total{route=\"hello\",status=\"200\"} 3\n"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("guildhall_http_requests_total{route=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(body.find("guildhall_http_requests_total{route=\"unmatched\",status=\"405\"} 1\n"),
            std::string::npos);
  EXPECT_NE(body.find("guildhall_http_request_duration_seconds_count{route=\"hello\"} 3\n"),
            std::string::npos);
  EXPECT_NE(body.find("guildhall_http_open_connections 1\n"), std::string::npos);
}

}  // namespace
}  // namespace guildhall::web::testing
