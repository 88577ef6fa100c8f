// Internal to federation/http: one outbound connection (plain or TLS), the
// coroutines that dial it and run one request/response exchange on it, and
// the idle pool that keeps connections for reuse. This is the only header
// that includes Beast and Asio; only federation/http/*.cc include it.
// A Connection is used by one exchange at a time; ConnectionPool is thread-safe.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "federation/http/client.h"
#include "federation/http/target.h"

namespace guildhall::federation::http_detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace ssl = boost::asio::ssl;
using Deadline = std::chrono::steady_clock::time_point;
using BeastRequest = beast::http::request<beast::http::string_body>;

struct Connection {
  std::unique_ptr<beast::tcp_stream> plain;  // exactly one of plain / tls is set
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;  // bytes read past the last response stay here
  std::string peer;           // "ip:port", for log lines
  std::chrono::steady_clock::time_point idle_since;

  beast::tcp_stream& Lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

// Resolves (or maps through options.resolve) the target's host, refuses
// disallowed addresses, connects within the connect timeout and, for https,
// completes a verified TLS handshake (SNI + host name verification).
net::awaitable<Result<std::unique_ptr<Connection>>> Dial(const Target& target, Deadline deadline,
                                                         const ClientOptions& options,
                                                         ssl::context& tls);

struct Exchange {
  Result<HttpResponse> response;  // status, headers and body; final_url unset
  bool keep_alive = false;        // the connection may serve another request
  bool nothing_received = false;  // failed before any response byte arrived
};

// Writes `request` and reads one response, all before `deadline`.
net::awaitable<Exchange> RoundTrip(Connection& conn, const BeastRequest& request, Deadline deadline,
                                   size_t max_response_bytes);

// The Error for an I/O failure during `what`.
Error IoError(const boost::system::error_code& ec, std::string_view what);

class ConnectionPool {
 public:
  ConnectionPool(size_t max_idle_per_host, std::chrono::milliseconds idle_timeout)
      : max_idle_per_host_(max_idle_per_host), idle_timeout_(idle_timeout) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // The most recently parked live connection for `key`, or null.
  std::unique_ptr<Connection> Take(const std::string& key);
  void Put(const std::string& key, std::unique_ptr<Connection> conn);
  void Clear();

 private:
  void SweepExpiredLocked(std::chrono::steady_clock::time_point now);

  const size_t max_idle_per_host_;
  const std::chrono::milliseconds idle_timeout_;
  std::mutex mu_;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;  // GUARDED_BY(mu_)
  size_t idle_count_ = 0;                                                 // GUARDED_BY(mu_)
};

}  // namespace guildhall::federation::http_detail
