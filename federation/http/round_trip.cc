// One request/response exchange on a connection. Every operation runs under
// the request's absolute deadline (tcp_stream::expires_at), so a peer that
// trickles bytes cannot stretch it (CVE-2023-36461); the parser's body limit
// caps what a peer can make us buffer.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl.hpp>

#include "federation/http/connection.h"

namespace guildhall::federation::http_detail {
namespace {

namespace http = beast::http;
constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);
constexpr uint32_t kHeaderLimit = 16 * 1024;

template <class Stream>
net::awaitable<Exchange> RoundTripOn(Stream& stream, Connection& conn, const BeastRequest& request,
                                     Deadline deadline, size_t max_response_bytes) {
  Exchange out;
  conn.Lowest().expires_at(deadline);
  auto [write_ec, written] = co_await http::async_write(stream, request, kUseTuple);
  if (write_ec) {
    out.response = IoError(write_ec, "sending request");
    out.nothing_received = write_ec != beast::error::timeout;
    co_return out;
  }
  http::response_parser<http::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(max_response_bytes);
  conn.Lowest().expires_at(deadline);
  auto [read_ec, read] = co_await http::async_read(stream, conn.buffer, parser, kUseTuple);
  if (read_ec) {
    out.response = IoError(read_ec, "reading response");
    out.nothing_received = !parser.got_some() && read_ec != beast::error::timeout;
    co_return out;
  }
  auto message = parser.release();
  HttpResponse response;
  response.status = message.result_int();
  for (const auto& field : message) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(message.body());
  out.keep_alive = message.keep_alive();
  out.response = std::move(response);
  co_return out;
}

}  // namespace

net::awaitable<Exchange> RoundTrip(Connection& conn, const BeastRequest& request, Deadline deadline,
                                   size_t max_response_bytes) {
  if (conn.tls)
    co_return co_await RoundTripOn(*conn.tls, conn, request, deadline, max_response_bytes);
  co_return co_await RoundTripOn(*conn.plain, conn, request, deadline, max_response_bytes);
}

Error IoError(const boost::system::error_code& ec, std::string_view what) {
  const std::string context(what);
  if (ec == beast::error::timeout) return Error::Unavailable("timeout " + context);
  if (ec == http::error::body_limit) return Error::TooLarge("response body too large");
  if (ec == http::error::header_limit) return Error::TooLarge("response header too large");
  if (ec.category() == net::error::get_ssl_category() || ec == net::ssl::error::stream_truncated) {
    return Error::Unavailable("TLS error " + context + ": " + ec.message());
  }
  return Error::Unavailable("network error " + context + ": " + ec.message());
}

}  // namespace guildhall::federation::http_detail
