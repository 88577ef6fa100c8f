// /healthz and /metrics (web/server/operational.cc) through a real server:
// /metrics only to direct loopback peers or with the bearer token (issue 10
// item 8), /healthz degraded while the store is full (item 6).
#include "web/server/operational.h"

#include <gtest/gtest.h>

#include <atomic>

#include "tests/web/server/test_server.h"
#include "web/server/metrics_access.h"

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

TEST_F(OperationalTest, MetricsRefusedThroughAProxyWithoutToken) {
  StartServer();
  auto client = Connect();
  // nginx on the same host connects from loopback too: the forwarding
  // header says the request is not local.
  auto res = client->Get("/metrics", "X-Forwarded-For: 203.0.113.9\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403u);
  EXPECT_NE(res->body.find("metrics_token"), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find("guildhall_http"), std::string::npos);
  auto forwarded = client->Get("/metrics", "Forwarded: for=203.0.113.9\r\n");
  ASSERT_TRUE(forwarded);
  EXPECT_EQ(forwarded->status, 403u);
}

TEST_F(OperationalTest, MetricsWithATokenWhenNoneIsConfiguredIsRefused) {
  StartServer();
  auto client = Connect();
  auto res = client->Get("/metrics", "Authorization: Bearer guess\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403u);
}

class MetricsTokenTest : public ServerTest {
 protected:
  MetricsTokenTest() {
    AddOperationalRoutes(router_, metrics_,
                         {.metrics_token = "s3cret-scrape-token", .storage_full = nullptr});
  }
};

TEST_F(MetricsTokenTest, TheTokenOpensMetricsFromBehindAProxy) {
  StartServer();
  auto client = Connect();
  auto res = client->Get(
      "/metrics", "X-Forwarded-For: 203.0.113.9\r\nAuthorization: Bearer s3cret-scrape-token\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_NE(res->body.find("guildhall_http_open_connections"), std::string::npos);
}

TEST_F(MetricsTokenTest, AWrongTokenIsRefusedEvenOnLoopback) {
  StartServer();
  auto client = Connect();
  auto res = client->Get("/metrics", "Authorization: Bearer s3cret-scrape-tokem\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403u);
  EXPECT_NE(res->body.find("does not match"), std::string::npos) << res->body;
  auto basic = client->Get("/metrics", "Authorization: Basic czNjcmV0\r\n");
  ASSERT_TRUE(basic);
  EXPECT_EQ(basic->status, 403u);
  auto none = client->Get("/metrics");  // loopback, no credentials: still allowed
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 200u);
}

TEST(MetricsAccess, OnlyLoopbackAddressesAreLocal) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackAddress("::1"));
  EXPECT_TRUE(IsLoopbackAddress("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("203.0.113.9"));
  EXPECT_FALSE(IsLoopbackAddress("::ffff:10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("fe80::1"));
  EXPECT_FALSE(IsLoopbackAddress("-"));
}

TEST(MetricsAccess, RemotePeersNeedTheToken) {
  Request req;
  req.remote_address = "203.0.113.9";
  EXPECT_EQ(CheckMetricsAccess(req, ""), MetricsAccess::kNotLoopback);
  EXPECT_EQ(CheckMetricsAccess(req, "tok"), MetricsAccess::kNotLoopback);
  req.headers.Set("Authorization", "Bearer tok");
  EXPECT_EQ(CheckMetricsAccess(req, "tok"), MetricsAccess::kAllowed);
  EXPECT_EQ(CheckMetricsAccess(req, ""), MetricsAccess::kBadToken);
}

class DegradedTest : public ServerTest {
 protected:
  DegradedTest() {
    AddOperationalRoutes(router_, metrics_,
                         {.metrics_token = "", .storage_full = [this] { return full_.load(); }});
  }
  std::atomic<bool> full_{false};
};

TEST_F(DegradedTest, HealthzSaysDegradedWhileStorageIsFullAndOkAfter) {
  StartServer();
  auto client = Connect();
  full_ = true;
  auto text = client->Get("/healthz");
  ASSERT_TRUE(text);
  EXPECT_EQ(text->status, 200u);
  EXPECT_EQ(text->body, "degraded: storage full\n");
  auto json = client->Get("/healthz", "Accept: application/json\r\n");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->body, R"({"status":"degraded","storage":"full"})");
  full_ = false;
  auto back = client->Get("/healthz");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->body, "ok\n");
}

}  // namespace
}  // namespace guildhall::web::testing
