// Server lifecycle, handlers of both kinds, TLS, over real sockets.
#include "web/server/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/web/server/test_certs.h"
#include "tests/web/server/test_server.h"
#include "web/http/negotiation.h"

namespace guildhall::web::testing {
namespace {

using std::chrono::seconds;

// Owns the threads that async handlers hand their work to, so every test
// joins them before the server goes away.
class Workers {
 public:
  ~Workers() { JoinAll(); }
  template <class F>
  void Run(F f) {
    std::lock_guard lock(mu_);
    threads_.emplace_back(std::move(f));
  }
  void JoinAll() {
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mu_);
      threads.swap(threads_);
    }
    for (auto& t : threads) t.join();
  }

 private:
  std::mutex mu_;
  std::vector<std::thread> threads_;
};

class ServerLifecycleTest : public ServerTest {};

TEST_F(ServerLifecycleTest, StartReportsPortInUse) {
  StartServer();
  ServerOptions clash = options_;
  clash.listen = "127.0.0.1:" + std::to_string(server_->port());
  Server second(clash, router_, metrics_);
  auto started = second.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Code::kUnavailable);
  EXPECT_NE(started.error().message.find("in use"), std::string::npos) << started.error().message;
}

TEST_F(ServerLifecycleTest, StartRejectsBadListenAddress) {
  options_.listen = "127.0.0.1";
  Server server(options_, router_, metrics_);
  auto started = server.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Code::kInvalid);
}

TEST_F(ServerLifecycleTest, ListensOnIpv6Loopback) {
  options_.listen = "[::1]:0";
  Server server(options_, router_, metrics_);
  auto started = server.Start();
  if (!started) GTEST_SKIP() << "no IPv6 loopback here: " << started.error().message;
  EXPECT_NE(server.port(), 0);
}

TEST_F(ServerLifecycleTest, GracefulStopLetsInFlightAsyncRequestFinish) {
  std::promise<Responder> handed_over;
  router_.AddAsync("GET", "/slow", {}, [&](std::shared_ptr<Request>, Responder done) {
    handed_over.set_value(std::move(done));
  });
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  Responder done = handed_over.get_future().get();

  server_->Stop(seconds(30));  // returns once the listener is closed
  EXPECT_EQ(TestClient::Connect(server_->port()), nullptr) << "still accepting after Stop";
  std::thread([done = std::move(done)] { done(Response::Text(200, "finished")); }).join();

  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "finished");
  EXPECT_EQ(res->Header("Connection"), "close");
  EXPECT_TRUE(client->WaitForClose());
  server_->Join();  // Run returned: drained well before the 30 s grace
}

TEST_F(ServerLifecycleTest, StopClosesIdleConnections) {
  router_.Add("GET", "/hello", {}, [](const Request&) { return Response::Text(200, "hi"); });
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Get("/hello"));
  server_->Stop(seconds(30));
  EXPECT_TRUE(client->WaitForClose());
  server_->Join();
}

TEST_F(ServerLifecycleTest, StopClosesStragglersAfterGrace) {
  std::promise<Responder> handed_over;
  router_.AddAsync("GET", "/never", {}, [&](std::shared_ptr<Request>, Responder done) {
    handed_over.set_value(std::move(done));
  });
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("GET /never HTTP/1.1\r\nHost: t\r\n\r\n"));
  Responder kept = handed_over.get_future().get();
  server_->Stop(seconds(1));
  EXPECT_TRUE(client->WaitForClose());
  server_->Join();
  kept(Response::Text(200, "too late"));  // dropped harmlessly
}

TEST_F(ServerLifecycleTest, ResponderMayOutliveTheServer) {
  std::promise<Responder> handed_over;
  router_.AddAsync("GET", "/fetch", {}, [&](std::shared_ptr<Request>, Responder done) {
    handed_over.set_value(std::move(done));
  });
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("GET /fetch HTTP/1.1\r\nHost: t\r\n\r\n"));
  Responder kept = handed_over.get_future().get();
  StopServer();                                        // the server and its io_context are gone
  kept(Response::Text(200, "remote fetch finished"));  // must neither crash nor post
  kept = nullptr;
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(ServerLifecycleTest, ConnectionsBeyondTheMaximumAreClosed) {
  options_.max_connections = 1;
  router_.Add("GET", "/hello", {}, [](const Request&) { return Response::Text(200, "hi"); });
  StartServer();
  auto first = Connect();
  ASSERT_TRUE(first->Get("/hello"));  // registered for sure
  auto second = Connect();
  second->SetRecvTimeout(seconds(10));
  EXPECT_TRUE(second->WaitForClose());
  EXPECT_TRUE(first->Get("/hello"));
}

class HandlerTest : public ServerTest {
 protected:
  Workers workers_;
};

TEST_F(HandlerTest, AsyncHandlerCompletesFromAnotherThread) {
  router_.AddAsync(
      "POST", "/inbox", {.name = "inbox"}, [&](std::shared_ptr<Request> req, Responder done) {
        workers_.Run([req, done] { done(Response::Text(202, "stored " + req->body)); });
      });
  StartServer();
  auto client = Connect();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client->Send("POST /inbox HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok"));
    auto res = client->ReadResponse();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 202u);
    EXPECT_EQ(res->body, "stored ok");
  }
}

TEST_F(HandlerTest, AsyncHandlerAnsweringInlineWorks) {
  router_.AddAsync("GET", "/now", {}, [](std::shared_ptr<Request>, Responder done) {
    done(Response::Text(200, "now"));
  });
  StartServer();
  auto res = Connect()->Get("/now");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "now");
}

TEST_F(HandlerTest, DroppedResponderAnswers500) {
  router_.AddAsync("GET", "/lost", {}, [&](std::shared_ptr<Request>, Responder done) {
    workers_.Run([done = std::move(done)]() mutable { done = nullptr; });
  });
  StartServer();
  auto res = Connect()->Get("/lost");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500u);
}

TEST_F(HandlerTest, SlowAsyncHandlerGets503AfterRequestTimeout) {
  options_.request_timeout = seconds(1);
  std::promise<Responder> handed_over;
  router_.AddAsync("GET", "/stuck", {}, [&](std::shared_ptr<Request>, Responder done) {
    handed_over.set_value(std::move(done));
  });
  router_.Add("GET", "/ping", {}, [](const Request&) { return Response::Text(200, "pong"); });
  StartServer();
  auto client = Connect();
  auto res = client->Get("/stuck");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503u);
  Responder late = handed_over.get_future().get();
  late(Response::Text(200, "late"));  // dropped: the 503 went out already
  auto next = client->Get("/ping");   // the next answer on the wire is not "late"
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "pong");
}

TEST_F(HandlerTest, ThrowingHandlerGets500WithoutDetails) {
  router_.Add("GET", "/boom", {}, [](const Request&) -> Response {
    throw std::runtime_error("secret path /var/lib/x");
  });
  StartServer();
  auto res = Connect()->Get("/boom", "Accept: application/json\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500u);
  EXPECT_EQ(res->body.find("secret"), std::string::npos) << res->body;
  EXPECT_NE(res->body.find("\"error\":\"internal\""), std::string::npos);
}

TEST_F(HandlerTest, RequestCarriesParamsQueryAndConnectionFacts) {
  std::mutex mu;
  std::vector<Request> seen;
  router_.Add("GET", "/g/{slug}/threads/{id}", {}, [&](const Request& req) {
    std::lock_guard lock(mu);
    seen.push_back(req);
    return Response::Text(200, "ok");
  });
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Get("/g/caf%C3%A9/threads/42?page=2&q=a+b"));
  ASSERT_TRUE(client->Get("/g/x/threads/1"));
  std::lock_guard lock(mu);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].Param("slug"), "caf\xC3\xA9");
  EXPECT_EQ(seen[0].Param("id"), "42");
  EXPECT_EQ(seen[0].Query("q"), "a b");
  EXPECT_EQ(seen[0].path, "/g/caf%C3%A9/threads/42");
  EXPECT_EQ(seen[0].remote_address, "127.0.0.1");
  EXPECT_FALSE(seen[0].secure);
  EXPECT_EQ(seen[0].headers.Get("host"), "test");
  EXPECT_GT(seen[1].id, seen[0].id);
}

TEST_F(HandlerTest, SameUrlAnswersActivityJsonOrHtmlByAccept) {
  router_.Add("GET", "/u/{name}", {}, [](const Request& req) {
    if (WantsActivityJson(req)) return Response::ActivityJson(200, "{\"type\":\"Person\"}");
    return Response::Html(200, "<p>profile</p>");
  });
  StartServer();
  auto client = Connect();
  auto peer = client->Get("/u/ada", "Accept: application/activity+json\r\n");
  ASSERT_TRUE(peer);
  EXPECT_EQ(peer->Header("Content-Type"), "application/activity+json");
  auto ld = client->Get(
      "/u/ada",
      "Accept: application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"\r\n");
  ASSERT_TRUE(ld);
  EXPECT_EQ(ld->Header("Content-Type"), "application/activity+json");
  auto browser = client->Get(
      "/u/ada", "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n");
  ASSERT_TRUE(browser);
  EXPECT_EQ(browser->Header("Content-Type"), "text/html; charset=utf-8");
}

TEST_F(HandlerTest, FileResponsesAreStreamed) {
  auto path = std::filesystem::temp_directory_path() / "guildhall-web-file-test.txt";
  {
    std::ofstream out(path);
    out << std::string(100000, 'z');
  }
  router_.Add("GET", "/file", {}, [&](const Request&) {
    Response res;
    res.headers.Set("Content-Type", "text/plain");
    res.file_path = path.string();
    return res;
  });
  router_.Add("GET", "/missing", {}, [](const Request&) {
    Response res;
    res.file_path = "/nonexistent/guildhall";
    return res;
  });
  StartServer();
  auto client = Connect();
  auto res = client->Get("/file");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body.size(), 100000u);
  ASSERT_TRUE(client->Send("HEAD /file HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = client->ReadResponse(true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->Header("Content-Length"), "100000");
  auto missing = client->Get("/missing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404u);
  std::filesystem::remove(path);
}

TEST_F(ServerLifecycleTest, TlsServesVerifiedClients) {
  TestCerts certs;
  options_.tls_cert = certs.cert;
  options_.tls_key = certs.key;
  std::atomic<bool> secure = false;
  router_.Add("GET", "/hello", {}, [&](const Request& req) {
    secure = req.secure;
    return Response::Text(200, "over tls");
  });
  StartServer();
  auto client = TestClient::ConnectTls(server_->port(), certs.ca_cert, "localhost");
  ASSERT_NE(client, nullptr) << "TLS handshake or verification failed";
  auto res = client->Get("/hello");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "over tls");
  EXPECT_TRUE(secure);
  auto plain = TestClient::Connect(server_->port());
  ASSERT_NE(plain, nullptr);
  auto not_tls = plain->Get("/hello");
  EXPECT_FALSE(not_tls && not_tls->status == 200) << "plain HTTP answered on the TLS port";
}

TEST_F(ServerLifecycleTest, TlsStartFailsOnMismatchedKey) {
  TestCerts certs;
  options_.tls_cert = certs.cert;
  options_.tls_key = certs.other_key;
  Server server(options_, router_, metrics_);
  auto started = server.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Code::kInvalid);
}

TEST_F(ServerLifecycleTest, TlsNeedsBothCertAndKey) {
  options_.tls_cert = "/some/cert.pem";
  Server server(options_, router_, metrics_);
  EXPECT_FALSE(server.Start());
}

}  // namespace
}  // namespace guildhall::web::testing
