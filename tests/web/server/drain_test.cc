// Connections end when they should (issue 10 item 10): a socket whose peer
// has hung up after a refused or answered request does not stay in
// CLOSE-WAIT, and a drain waits only for requests in flight, not for
// connections that are idle, half-way through a header, or finished.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "tests/testutil/raw_connection.h"
#include "tests/web/server/test_server.h"

namespace guildhall::web::testing {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

// Polls (every 20 ms, up to `bound`) until no socket of the server on
// `port` is in CLOSE-WAIT.
bool NoCloseWait(uint16_t port, std::chrono::milliseconds bound) {
  const auto deadline = Clock::now() + bound;
  while (testutil::SocketsInState(getpid(), port, testutil::kTcpCloseWait) > 0) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, with a bound
  }
  return true;
}

class DrainTest : public ServerTest {
 protected:
  DrainTest() {
    options_.header_limit = 1024;
    // Long enough that waiting for any of them would show as a slow stop.
    options_.header_timeout = seconds(30);
    options_.request_timeout = seconds(30);
    options_.idle_timeout = seconds(30);
    router_.Add("GET", "/hello", {.name = "hello"},
                [](const Request&) { return Response::Text(200, "hello"); });
    router_.Add("POST", "/small", {.body_limit = 16, .name = "small"},
                [](const Request& req) { return Response::Text(200, req.body); });
  }

  // Stop with a 10 s grace; how long until Run returned.
  Clock::duration TimedStop() {
    const auto start = Clock::now();
    server_->Stop(seconds(10));
    server_->Join();
    return Clock::now() - start;
  }
};

// The one phase without a read on the socket: waiting for an async handler.
TEST_F(DrainTest, PeerHangingUpDuringASlowHandlerIsNotLeftInCloseWait) {
  std::promise<Responder> handed_over;
  router_.AddAsync("GET", "/slow", {.name = "slow"}, [&](std::shared_ptr<Request>, Responder done) {
    handed_over.set_value(std::move(done));
  });
  StartServer();
  const uint16_t port = server_->port();
  auto client = Connect();
  ASSERT_TRUE(client->Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  Responder kept = handed_over.get_future().get();
  client.reset();  // hangs up while the handler still works
  EXPECT_TRUE(NoCloseWait(port, seconds(5)))
      << testutil::SocketsInState(getpid(), port, testutil::kTcpCloseWait)
      << " sockets in CLOSE-WAIT";
  EXPECT_LT(TimedStop(), seconds(5));
  kept(Response::Text(200, "too late"));  // dropped harmlessly
}

// The sequence of the issue: a 431, a 413 and a 404, one connection each,
// each client half-closing once it has its answer. Every socket is closed
// on the server's side, and the stop does not wait for any of them.
// DISABLED: it reproduces item 10 on today's code (one of the three sockets
// stays in CLOSE-WAIT and its client never sees the close; the drain does
// close it, since it is idle); enable it with the fix.
TEST_F(DrainTest, DISABLED_ErrorAnswersFollowedByAHalfCloseLeaveNoSocketInCloseWait) {
  StartServer();
  const uint16_t port = server_->port();
  const std::string requests[] = {
      "GET /hello HTTP/1.1\r\nHost: t\r\nX-Filler: " + std::string(4096, 'a') + "\r\n\r\n",
      "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n",
      "GET /nothing/here HTTP/1.1\r\nHost: t\r\n\r\n"};
  const unsigned statuses[] = {431, 413, 404};
  std::vector<std::unique_ptr<testutil::RawConnection>> clients;
  for (size_t i = 0; i < 3; ++i) {
    auto c = testutil::RawConnection::Connect(port);
    ASSERT_TRUE(c);
    c->Send(requests[i]);
    EXPECT_EQ(c->ReadStatus(), statuses[i]) << requests[i].substr(0, 40);
    c->ShutdownWrite();
    clients.push_back(std::move(c));
  }
  EXPECT_TRUE(NoCloseWait(port, seconds(5)))
      << testutil::SocketsInState(getpid(), port, testutil::kTcpCloseWait)
      << " sockets in CLOSE-WAIT";
  for (auto& c : clients) {
    c->ReadUntilClose();
    EXPECT_TRUE(c->closed_by_peer());
  }
  EXPECT_LT(TimedStop(), seconds(5));
}

TEST_F(DrainTest, StopDoesNotWaitForAHalfSentHeader) {
  StartServer();
  auto client = Connect();
  // Pipelined: once the first answer is back, the server holds the start
  // of the second request and waits for the rest of its header.
  ASSERT_TRUE(client->Send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\n"));
  auto first = client->ReadResponse();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200u);
  EXPECT_LT(TimedStop(), seconds(5));
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(DrainTest, StopDoesNotWaitForAFinishedKeepAliveConnection) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Get("/hello"));
  EXPECT_LT(TimedStop(), seconds(5));
  EXPECT_TRUE(client->WaitForClose());
}

}  // namespace
}  // namespace guildhall::web::testing
