// The HTTP layer's bad-input table (reference/security.md §3.1, issue 10):
// each row is what a hostile or broken client sends on a fresh connection,
// the status it must get, and that the server then closes the connection
// without running the handler.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "tests/web/server/test_server.h"

namespace guildhall::web::testing {
namespace {

struct BadInput {
  const char* name;
  std::string request;
  unsigned status;
};

std::string Big(size_t n) { return std::string(n, 'a'); }

const std::vector<BadInput>& Table() {
  static const std::vector<BadInput> table = {
      {"header over the limit", "GET /echo HTTP/1.1\r\nHost: t\r\nX-Big: " + Big(4000) + "\r\n\r\n",
       431},
      {"Content-Length over the route's limit",
       "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n", 413},
      {"chunked body over the route's limit",
       "POST /echo HTTP/1.1\r\nHost: t\r\nX-Key: yes\r\nTransfer-Encoding: chunked\r\n\r\n"
       "1000\r\n" +
           Big(4096) + "\r\n1000\r\n" + Big(4096) + "\r\n",
       413},
      {"Content-Length and chunked",
       "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
       "3\r\nabc\r\n0\r\n\r\n",
       400},
      {"two different Content-Lengths",
       "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400},
      {"transfer coding other than chunked",
       "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\nabc", 400},
      {"malformed chunk size",
       "POST /echo HTTP/1.1\r\nHost: t\r\nX-Key: yes\r\nTransfer-Encoding: chunked\r\n\r\n"
       "zz\r\nabc\r\n",
       400},
      {"malformed request line", "GET /echo HTTP/9.9 extra\r\nHost: t\r\n\r\n", 400},
      {"HTTP/1.1 without Host", "GET /echo HTTP/1.1\r\n\r\n", 400},
      {"two Host headers", "GET /echo HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
      {"large body from an unknown sender",
       "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n", 401},
      {"large chunked body from an unknown sender",
       "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n", 401},
      {"body larger than the whole body budget",
       "POST /big HTTP/1.1\r\nHost: t\r\nX-Key: yes\r\nContent-Length: 15000\r\n\r\n", 503},
  };
  return table;
}

class BadInputTest : public ServerTest {
 protected:
  BadInputTest() {
    options_.header_limit = 1024;
    options_.unauthenticated_body_bytes = 1024;
    options_.body_budget_bytes = 10000;
    router_.Add("GET", "/echo", {.name = "echo"}, [this](const Request&) {
      ++handled_;
      return Response::Text(200, "ok");
    });
    router_.Add("POST", "/echo",
                {.body_limit = 8000,
                 .name = "echo",
                 .body_gate = [](const Request& req) -> std::optional<Response> {
                   if (req.headers.Get("X-Key") == "yes") return std::nullopt;
                   return Response::Text(401, "unknown sender");
                 }},
                [this](const Request&) {
                  ++handled_;
                  return Response::Text(200, "ok");
                });
    router_.Add("POST", "/big", {.body_limit = 20000, .name = "big"}, [this](const Request&) {
      ++handled_;
      return Response::Text(200, "ok");
    });
  }
  std::atomic<int> handled_{0};
};

TEST_F(BadInputTest, EachRowGetsItsStatusAndTheConnectionCloses) {
  StartServer();
  for (const BadInput& row : Table()) {
    SCOPED_TRACE(row.name);
    auto client = Connect();
    ASSERT_TRUE(client->Send(row.request));
    auto res = client->ReadResponse();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, row.status);
    EXPECT_EQ(res->Header("Connection"), "close");
    EXPECT_TRUE(client->WaitForClose());
  }
  EXPECT_EQ(handled_, 0) << "a handler ran for bad input";
}

}  // namespace
}  // namespace guildhall::web::testing
