// Private to web/server: one HTTP/1.1 connection as a C++20 coroutine,
// templated on the stream (plain tcp_stream or ssl_stream) and instantiated
// once each in plain_session.cc and tls_session.cc. Runs entirely on the
// connection's executor (one thread). Every read and write has a deadline that progress does
// not extend: header_timeout from connect (or first byte) to a full header,
// request_timeout for body, async handler and response, idle_timeout between
// keep-alive requests. The header is read alone; only then is the body
// admitted (route gate for large bodies, global budget) and read into memory
// or, on spooling routes, into a file.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <string>
#include <type_traits>

#include "web/http/router.h"
#include "web/http/status.h"
#include "web/log.h"
#include "web/server/beast_message.h"
#include "web/server/core.h"
#include "web/server/spool.h"

namespace guildhall::web::server_internal {

namespace http = beast::http;

template <class Stream>
class Session {
 public:
  Session(ServerCore& core, std::shared_ptr<Connection> conn, Stream stream, bool secure,
          std::string remote)
      : core_(core),
        conn_(std::move(conn)),
        stream_(std::move(stream)),
        secure_(secure),
        remote_(std::move(remote)),
        registration_(core, conn_) {}

  net::awaitable<void> Run();

 private:
  using Clock = std::chrono::steady_clock;
  // The header is parsed alone, then the parser becomes one of the body
  // parsers (Beast's "change body type"): memory or spool file.
  using HeaderParser = http::request_parser<http::empty_body>;
  using StringParser = http::request_parser<http::string_body>;
  using FileParser = http::request_parser<http::file_body>;
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
  static constexpr auto kTok = net::as_tuple(net::use_awaitable);

  // Leaves the server's registry when the session ends, however it ends.
  struct Registration {
    Registration(ServerCore& core, std::shared_ptr<Connection> conn) : core(core), conn(conn) {}
    ~Registration() {
      conn->tcp = nullptr;
      conn->waiter = nullptr;
      core.Unregister(*conn);
    }
    ServerCore& core;
    std::shared_ptr<Connection> conn;
  };

  beast::tcp_stream& Tcp() { return beast::get_lowest_layer(stream_); }

  net::awaitable<bool> Handshake();
  net::awaitable<bool> AwaitRequest(bool first);
  net::awaitable<bool> ServeOne(bool first);
  net::awaitable<bool> ServeRouted(std::shared_ptr<Request> req, HeaderParser& parser,
                                   const RouteMatch& match, Clock::time_point started);
  std::optional<Response> CheckBody(const HeaderParser& parser, const Route& route,
                                    const Request& req);
  std::optional<Response> AdmitBody(const Route& route, const Request& req, size_t size,
                                    BodyBudget::Lease& lease);
  template <class Parser>
  net::awaitable<beast::error_code> ReceiveBody(Parser& parser, const Route& route,
                                                const Request& req);
  net::awaitable<beast::error_code> ReadBody(HeaderParser& header, const Route& route,
                                             Request& req);
  net::awaitable<beast::error_code> SpoolBody(HeaderParser& header, const Route& route,
                                              Request& req, std::optional<Response>& failure);
  // The handler's answer; nullopt when the peer hung up while it ran.
  net::awaitable<std::optional<Response>> Invoke(const Route& route, std::shared_ptr<Request> req);
  net::awaitable<bool> Respond(const Request& req, Response res, unsigned version, bool keep_alive,
                               std::string_view route, Clock::time_point started);
  net::awaitable<bool> Reject(const Request& req, Response res, std::string_view route,
                              Clock::time_point started);
  net::awaitable<bool> Refuse(const Request& req, Response res, std::string_view route,
                              Clock::time_point started);
  net::awaitable<void> Shutdown();
  void Fail(beast::error_code ec, std::string_view what);

  ServerCore& core_;
  std::shared_ptr<Connection> conn_;
  Stream stream_;
  beast::flat_buffer buffer_;
  const bool secure_;
  const std::string remote_;
  bool failed_ = false;        // only a session's first error is logged
  bool linger_ = false;        // closing with request bytes maybe unread
  Registration registration_;  // last member: runs first on destruction
};

template <class Stream>
net::awaitable<void> Session<Stream>::Run() {
  conn_->tcp = &Tcp();
  // The first header_timeout covers the TLS handshake and the first request's
  // header together: a connection that says nothing is cut off on time.
  Tcp().expires_after(core_.options.header_timeout);
  if (!conn_->stopping && co_await Handshake()) {
    for (bool first = true; co_await AwaitRequest(first) && co_await ServeOne(first);) {
      first = false;
    }
  }
  co_await Shutdown();
}

template <class Stream>
net::awaitable<bool> Session<Stream>::Handshake() {
  if constexpr (kTls) {
    auto [ec, used] =
        co_await stream_.async_handshake(net::ssl::stream_base::server, buffer_.data(), kTok);
    buffer_.consume(used);
    if (ec) {
      Fail(ec, "tls handshake");
      co_return false;
    }
  }
  co_return true;
}

template <class Stream>
net::awaitable<bool> Session<Stream>::AwaitRequest(bool first) {
  // Draining: a pipelined request not yet started is not in flight.
  if (conn_->stopping) co_return false;
  if (buffer_.size() > 0) co_return true;  // pipelined request already here
  if (!first) Tcp().expires_after(core_.options.idle_timeout);
  auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(8192), kTok);
  if (ec) {
    Fail(ec, "read");
    co_return false;
  }
  buffer_.commit(n);
  co_return true;
}

template <class Stream>
net::awaitable<bool> Session<Stream>::ServeOne(bool first) {
  auto req = std::make_shared<Request>();
  req->id = core_.NextRequestId();
  req->remote_address = remote_;
  req->secure = secure_;
  HeaderParser parser;
  parser.header_limit(static_cast<uint32_t>(core_.options.header_limit));
  parser.body_limit(boost::none);  // the route's limit applies once it is known
  if (!first) Tcp().expires_after(core_.options.header_timeout);
  auto [ec, n] = co_await http::async_read_header(stream_, buffer_, parser, kTok);
  Clock::time_point started = Clock::now();
  if (ec) {
    if (auto res = RejectionFor(ec, *req))
      co_return co_await Reject(*req, *res, "rejected", started);
    Fail(ec, "read header");
    co_return false;
  }
  // From here until its answer is written a request is in flight: a drain
  // waits for it; before and after, it closes the connection at once.
  conn_->idle = false;
  FromBeast(parser.get(), *req);
  if (auto res = HostProblem(parser.get(), *req)) {
    co_return co_await Reject(*req, std::move(*res), "rejected", started);
  }
  RouteMatch match = core_.router.Lookup(req->method, req->path);
  if (!match.route) {
    // An unread body would be taken for the next request: close after it.
    bool has_body = !parser.is_done();
    Response res = MatchFailureResponse(*req, match);
    if (has_body) co_return co_await Reject(*req, std::move(res), "unmatched", started);
    co_return co_await Respond(*req, std::move(res), parser.get().version(),
                               parser.get().keep_alive(), "unmatched", started);
  }
  co_return co_await ServeRouted(std::move(req), parser, match, started);
}

template <class Stream>
net::awaitable<bool> Session<Stream>::ServeRouted(std::shared_ptr<Request> req,
                                                  HeaderParser& parser, const RouteMatch& match,
                                                  Clock::time_point started) {
  const Route& route = *match.route;
  const std::string& name = route.options().name;
  if (auto res = CheckBody(parser, route, *req))
    co_return co_await Reject(*req, *res, name, started);
  req->params = match.params;
  // Taken now: reading the body moves the message out of the header parser.
  const unsigned version = parser.get().version();
  const bool keep_alive = parser.get().keep_alive();
  BodyBudget::Lease lease;  // held until the answer is written
  if (!parser.is_done()) {
    // Chunked: the route's limit is all we know of its size.
    const size_t size = parser.content_length().value_or(route.options().body_limit);
    if (auto res = AdmitBody(route, *req, size, lease)) {
      co_return co_await Refuse(*req, std::move(*res), name, started);
    }
    const bool spool = route.options().spool_to_file && !core_.options.spool_dir.empty() &&
                       size > core_.options.unauthenticated_body_bytes;
    std::optional<Response> failure;
    beast::error_code ec = spool ? co_await SpoolBody(parser, route, *req, failure)
                                 : co_await ReadBody(parser, route, *req);
    if (failure) co_return co_await Reject(*req, std::move(*failure), name, started);
    if (ec) {
      if (auto res = RejectionFor(ec, *req)) co_return co_await Reject(*req, *res, name, started);
      Fail(ec, "read body");
      co_return false;
    }
  }
  std::optional<Response> res = co_await Invoke(route, req);
  if (!res) co_return false;  // nobody left to answer
  co_return co_await Respond(*req, std::move(*res), version, keep_alive, name, started);
}

template <class Stream>
std::optional<Response> Session<Stream>::CheckBody(const HeaderParser& parser, const Route& route,
                                                   const Request& req) {
  // A request framed by a transfer coding other than chunked has no knowable
  // length (RFC 9112 6.3): refuse it rather than guess, as smuggling relies on it.
  if (req.headers.Has("Transfer-Encoding") && !parser.chunked()) {
    return StatusResponse(req, 400, "invalid", "Unsupported transfer coding.");
  }
  size_t limit = route.options().body_limit;
  if (auto length = parser.content_length(); length && *length > limit) {
    return StatusResponse(
        req, 413, "too_large",
        "The request body is larger than the " + std::to_string(limit) + " bytes accepted here.");
  }
  return std::nullopt;
}

// Before any body byte is read. A large body needs the route's gate to accept
// its sender first, so nobody unauthenticated makes the server hold more than
// unauthenticated_body_bytes; every body needs a share of the global budget.
template <class Stream>
std::optional<Response> Session<Stream>::AdmitBody(const Route& route, const Request& req,
                                                   size_t size, BodyBudget::Lease& lease) {
  const BodyGate& gate = route.options().body_gate;
  if (gate && size > core_.options.unauthenticated_body_bytes) {
    if (auto refusal = gate(req)) return refusal;
  }
  lease = core_.body_budget.Reserve(size);
  if (lease) return std::nullopt;
  Log().info("req=#{} conn=#{} remote={} body of {} bytes refused: body budget of {} bytes in use",
             req.id, conn_->id, remote_, size, core_.options.body_budget_bytes);
  Response res = StatusResponse(req, 503, "unavailable",
                                "The server is receiving too many request bodies at once; "
                                "try again in a few seconds.");
  res.headers.Set("Retry-After", "5");
  return res;
}

template <class Stream>
net::awaitable<beast::error_code> Session<Stream>::ReadBody(HeaderParser& header,
                                                            const Route& route, Request& req) {
  StringParser parser(std::move(header));
  beast::error_code ec = co_await ReceiveBody(parser, route, req);
  if (!ec) req.body = std::move(parser.get().body());
  co_return ec;
}

// The body goes to an unlinked file and reaches the handler mapped: neither
// a slow sender nor the handler's reading puts it on the heap.
template <class Stream>
net::awaitable<beast::error_code> Session<Stream>::SpoolBody(HeaderParser& header,
                                                             const Route& route, Request& req,
                                                             std::optional<Response>& failure) {
  FileParser parser(std::move(header));
  if (auto opened = OpenSpoolFile(core_.options.spool_dir, req.id, parser.get().body()); !opened) {
    failure = ErrorResponse(req, opened.error());  // logged there, with req=#id
    co_return beast::error_code();
  }
  beast::error_code ec = co_await ReceiveBody(parser, route, req);
  if (ec) co_return ec;
  auto mapped = MapSpoolFile(parser.get().body());
  if (!mapped) {
    failure = ErrorResponse(req, mapped.error());
    co_return beast::error_code();
  }
  req.spooled = std::move(*mapped);
  co_return ec;
}

template <class Stream>
template <class Parser>
net::awaitable<beast::error_code> Session<Stream>::ReceiveBody(Parser& parser, const Route& route,
                                                               const Request& req) {
  parser.body_limit(route.options().body_limit);
  Tcp().expires_after(core_.options.request_timeout);
  // curl and others wait for this before sending a large body (RFC 9110 10.1.1).
  if (parser.get().version() == 11 && beast::iequals(req.headers.Get("Expect"), "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    auto [ec, n] = co_await net::async_write(stream_, net::buffer(kContinue), kTok);
    if (ec) co_return ec;
  }
  auto [ec, n] = co_await http::async_read(stream_, buffer_, parser, kTok);
  co_return ec;
}

template <class Stream>
net::awaitable<std::optional<Response>> Session<Stream>::Invoke(const Route& route,
                                                                std::shared_ptr<Request> req) {
  if (!route.is_async()) co_return route.Call(*req);
  auto slot = std::make_shared<AsyncSlot>();
  net::steady_timer timer(conn_->executor);
  timer.expires_after(core_.options.request_timeout);
  // However this frame ends, the slot must forget the timer before it dies.
  struct Disarm {
    AsyncSlot& slot;
    Connection& conn;
    ~Disarm() {
      conn.waiter = nullptr;
      slot.Take();
    }
  };
  route.Invoke(req, MakeResponder(slot, req));
  std::optional<Response> res;
  bool hung_up = false;
  {
    Disarm disarm{*slot, *conn_};
    if (slot->Arm(&timer)) {
      conn_->waiter = &timer;
      HangupWatch watch(Tcp().socket(), timer);
      co_await timer.async_wait(kTok);
      hung_up = watch.peer_gone();
    }
    conn_->waiter = nullptr;
    res = slot->Take();
  }
  if (hung_up && !res) {
    Log().debug("req=#{} conn=#{} peer hung up while the handler ran; not waiting for it", req->id,
                conn_->id);
    co_return std::nullopt;
  }
  if (res) co_return std::move(*res);
  Log().warn("req=#{} async handler gave no answer within request_timeout", req->id);
  co_return StatusResponse(*req, 503, "unavailable", "The request took too long; try again.");
}

template <class Stream>
net::awaitable<bool> Session<Stream>::Respond(const Request& req, Response res, unsigned version,
                                              bool keep_alive, std::string_view route,
                                              Clock::time_point started) {
  keep_alive = keep_alive && !conn_->stopping;
  unsigned status = 0;
  http::message_generator message = ToBeast(std::move(res), req, version, keep_alive, status);
  Tcp().expires_after(core_.options.request_timeout);
  auto [ec, n] = co_await beast::async_write(stream_, std::move(message), kTok);
  conn_->idle = true;  // answered: a drain need not wait for this connection
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  core_.metrics.ObserveRequest(route, status, seconds);
  Log().debug("req=#{} conn=#{} method={} path={} status={} route={} bytes={} ms={:.3f}", req.id,
              conn_->id, req.method.empty() ? "-" : req.method, req.path.empty() ? "-" : req.path,
              status, route, n, seconds * 1000);
  if (ec) {
    Fail(ec, "write");
    co_return false;
  }
  co_return keep_alive;
}

template <class Stream>
net::awaitable<bool> Session<Stream>::Reject(const Request& req, Response res,
                                             std::string_view route, Clock::time_point started) {
  linger_ = true;
  co_await Respond(req, std::move(res), 11, /*keep_alive=*/false, route, started);
  co_return false;
}

// Like Reject, but the body is left unread: the connection closes as soon
// as the answer is written (a client that sent it anyway may see a reset).
template <class Stream>
net::awaitable<bool> Session<Stream>::Refuse(const Request& req, Response res,
                                             std::string_view route, Clock::time_point started) {
  co_await Respond(req, std::move(res), 11, /*keep_alive=*/false, route, started);
  co_return false;
}

template <class Stream>
net::awaitable<void> Session<Stream>::Shutdown() {
  if (!Tcp().socket().is_open()) co_return;
  beast::error_code ignored;
  if constexpr (kTls) {
    // close_notify, bounded: a peer that never answers costs at most this.
    Tcp().expires_after(std::chrono::seconds(2));
    co_await stream_.async_shutdown(kTok);
  } else {
    Tcp().socket().shutdown(net::socket_base::shutdown_send, ignored);
    if (linger_) {
      // Lingering close: drain what the client is still sending so our error
      // response is not destroyed by a TCP reset before it reads it.
      Tcp().expires_after(std::chrono::seconds(2));
      char sink[16 * 1024];
      for (size_t total = 0; total < (1u << 20);) {
        auto [ec, n] = co_await stream_.async_read_some(net::buffer(sink), kTok);
        if (ec) break;
        total += n;
      }
    }
  }
  Tcp().close();
}

template <class Stream>
void Session<Stream>::Fail(beast::error_code ec, std::string_view what) {
  if (failed_) return;
  failed_ = true;
  // A peer hanging up between requests is the normal end of keep-alive.
  if (ec == net::error::operation_aborted || ec == net::error::eof ||
      ec == http::error::end_of_stream) {
    return;
  }
  Log().debug("conn=#{} remote={} {}: {}", conn_->id, remote_, what, ec.message());
}

// Runs a session to completion; the frame owns the stream.
template <class Stream>
net::awaitable<void> RunSession(ServerCore& core, std::shared_ptr<Connection> conn, Stream stream,
                                bool secure, std::string remote) {
  Session<Stream> session(core, std::move(conn), std::move(stream), secure, std::move(remote));
  co_await session.Run();
}

template <class Stream>
void Spawn(ServerCore& core, std::shared_ptr<Connection> conn, Stream stream, bool secure,
           std::string remote) {
  auto executor = conn->executor;
  net::co_spawn(
      executor,
      RunSession<Stream>(core, std::move(conn), std::move(stream), secure, std::move(remote)),
      [](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& x) {
          Log().error("session ended by exception: {}", x.what());
        }
      });
}

inline std::string RemoteAddress(const tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  return ec ? std::string("-") : endpoint.address().to_string();
}

}  // namespace guildhall::web::server_internal
