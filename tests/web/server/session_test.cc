// The connection loop (web/server/session.h) over real sockets: limits,
// deadlines, keep-alive, framing errors.
#include <gtest/gtest.h>

#include <string>

#include "tests/web/server/test_server.h"

namespace guildhall::web::testing {
namespace {

using std::chrono::seconds;

class SessionTest : public ServerTest {
 protected:
  SessionTest() {
    router_.Add("GET", "/hello", {.name = "hello"},
                [](const Request&) { return Response::Text(200, "hello"); });
    router_.Add("POST", "/small", {.body_limit = 16, .name = "small"},
                [](const Request& req) { return Response::Text(200, req.body); });
  }
};

TEST_F(SessionTest, OversizedHeaderGets431AndClose) {
  options_.header_limit = 1024;
  StartServer();
  auto client = Connect();
  auto res = client->Get("/hello", "X-Big: " + std::string(4000, 'a') + "\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 431u);
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, HeaderUnderLimitIsServed) {
  options_.header_limit = 1024;
  StartServer();
  auto res = Connect()->Get("/hello", "X-Small: " + std::string(100, 'a') + "\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "hello");
}

TEST_F(SessionTest, OversizedContentLengthGets413BeforeTheBody) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413u);
  EXPECT_NE(res->body.find("16 bytes"), std::string::npos) << res->body;
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, OversizedChunkedBodyGets413) {
  StartServer();
  auto client = Connect();
  std::string req = "POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) req += "10\r\n" + std::string(16, 'x') + "\r\n";
  req += "0\r\n\r\n";
  ASSERT_TRUE(client->Send(req));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413u);
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, BodiesWithinTheLimitArriveWhole) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "abcde");
  ASSERT_TRUE(
      client->Send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "abcde");
}

TEST_F(SessionTest, ExpectContinueGetsInterimResponse) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send(
      "POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"));
  ASSERT_EQ(client->ReceiveSome(), Recv::kData);  // the 100 arrives before any body is sent
  ASSERT_TRUE(client->Send("abc"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "abc");
}

TEST_F(SessionTest, UnknownRouteIs404JsonOrHtml) {
  StartServer();
  auto client = Connect();
  auto json = client->Get("/nowhere", "Accept: application/json\r\n");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 404u);
  EXPECT_EQ(json->Header("Content-Type"), "application/json");
  EXPECT_NE(json->body.find("\"error\":\"not_found\""), std::string::npos);
  auto html = client->Get("/nowhere", "Accept: text/html\r\n");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 404u);
  EXPECT_EQ(html->Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(html->body.find("<h1>404 Not Found</h1>"), std::string::npos);
}

TEST_F(SessionTest, WrongMethodIs405WithAllow) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405u);
  EXPECT_EQ(res->Header("Allow"), "GET, HEAD");
  EXPECT_TRUE(client->Get("/hello"));  // still keep-alive: there was no body
}

TEST_F(SessionTest, HeadIsServedByGetWithoutBody) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = client->ReadResponse(/*head_request=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200u);
  EXPECT_EQ(head->Header("Content-Length"), "5");
  auto next = client->Get("/hello");  // proves no body bytes were sent after the HEAD
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "hello");
}

TEST_F(SessionTest, ResponsesCarryDateServerAndLength) {
  StartServer();
  auto res = Connect()->Get("/hello");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->Header("Server"), "guildhall");
  EXPECT_NE(res->Header("Date").find("GMT"), std::string::npos);
  EXPECT_EQ(res->Header("Content-Length"), "5");
}

TEST_F(SessionTest, ThousandRequestsOnOneConnection) {
  StartServer();
  auto client = Connect();
  int answered = 0;
  for (int i = 0; i < 1000; ++i) {
    auto res = client->Get("/hello");
    if (!res || res->status != 200 || res->body != "hello") break;
    ++answered;
  }
  EXPECT_EQ(answered, 1000);
}

TEST_F(SessionTest, PipelinedRequestsAnsweredInOrder) {
  router_.Add("GET", "/echo/{n}", {},
              [](const Request& req) { return Response::Text(200, std::string(req.Param("n"))); });
  StartServer();
  auto client = Connect();
  std::string burst;
  for (int i = 0; i < 10; ++i)
    burst += "GET /echo/" + std::to_string(i) + " HTTP/1.1\r\nHost: t\r\n\r\n";
  ASSERT_TRUE(client->Send(burst));
  for (int i = 0; i < 10; ++i) {
    auto res = client->ReadResponse();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body, std::to_string(i));
  }
}

TEST_F(SessionTest, ContentLengthWithChunkedIs400AndClose) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(
      client->Send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400u);
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, NonChunkedTransferCodingIs400) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(
      client->Send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\nabc"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400u);
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, MalformedRequestLineIs400AndClose) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("GET /hello HTTP/9.9 extra\r\nHost: t\r\n\r\n"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400u);
  EXPECT_TRUE(client->WaitForClose());
}

// The pace of one byte a second comes from the client's receive timeout:
// each wait for the server's reaction is also the gap before the next byte.
TEST_F(SessionTest, HeaderTricklingOneByteASecondIsCutOff) {
  options_.header_timeout = seconds(1);
  StartServer();
  auto client = Connect();
  client->SetRecvTimeout(seconds(1));
  const std::string req = "GET /hello HTTP/1.1\r\nHost: trickle\r\n\r\n";
  size_t sent = 0;
  bool closed = false;
  while (sent < req.size() && !closed) {
    if (!client->Send(req.substr(sent++, 1))) break;
    Recv r = client->ReceiveSome();
    ASSERT_NE(r, Recv::kData) << "the server answered a trickled header";
    closed = r == Recv::kEof;
  }
  EXPECT_TRUE(closed || client->WaitForClose());
  EXPECT_LT(sent, req.size()) << "the whole header got through";
}

TEST_F(SessionTest, BodyTricklingIsCutOffAfterRequestTimeout) {
  options_.request_timeout = seconds(1);
  StartServer();
  auto client = Connect();
  client->SetRecvTimeout(seconds(1));
  ASSERT_TRUE(client->Send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 16\r\n\r\n"));
  int sent = 0;
  bool closed = false;
  while (sent < 16 && !closed) {
    if (!client->Send("x")) break;
    ++sent;
    Recv r = client->ReceiveSome();
    ASSERT_NE(r, Recv::kData) << "the server answered a trickled body";
    closed = r == Recv::kEof;
  }
  EXPECT_LT(sent, 16);
}

TEST_F(SessionTest, IdleKeepAliveConnectionIsClosed) {
  options_.idle_timeout = seconds(1);
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Get("/hello"));
  client->SetRecvTimeout(seconds(20));  // a bound, not a pace: EOF should come long before
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, SilentConnectionIsClosedAfterHeaderTimeout) {
  options_.header_timeout = seconds(1);
  StartServer();
  auto client = Connect();
  client->SetRecvTimeout(seconds(20));
  EXPECT_TRUE(client->WaitForClose());
}

// RFC 9112 3.2: Host is mandatory in HTTP/1.1, and never twice.
TEST_F(SessionTest, Http11WithoutHostIs400AndClose) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("GET /hello HTTP/1.1\r\n\r\n"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400u);
  EXPECT_NE(res->body.find("Host"), std::string::npos) << res->body;
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, TwoHostHeadersAre400AndClose) {
  StartServer();
  auto client = Connect();
  ASSERT_TRUE(client->Send("GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
  auto res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400u);
  EXPECT_TRUE(client->WaitForClose());
}

TEST_F(SessionTest, OneHostOrHttp10WithoutHostIsServed) {
  StartServer();
  auto client = Connect();
  auto res = client->Get("/hello");  // sends one Host
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  client = Connect();
  ASSERT_TRUE(client->Send("GET /hello HTTP/1.0\r\n\r\n"));
  res = client->ReadResponse();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200u);
  EXPECT_EQ(res->body, "hello");
}

TEST_F(SessionTest, ConnectionCloseIsHonoured) {
  StartServer();
  auto client = Connect();
  auto res = client->Get("/hello", "Connection: close\r\n");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->Header("Connection"), "close");
  EXPECT_TRUE(client->WaitForClose());
}

}  // namespace
}  // namespace guildhall::web::testing
