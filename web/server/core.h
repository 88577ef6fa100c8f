// Private to web/server: the state that the listener and the per-connection
// sessions share. Connection is the handle through which Stop() reaches a live
// session; AsyncSlot is where an async handler's Responder (any thread) meets
// the session waiting on its executor. Only web/server/*.cc include this (Asio).
// A connection's executor belongs to an io_context run by exactly one thread,
// so everything posted to it runs serially, as on a strand.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "web/http/router.h"
#include "web/server/body_budget.h"
#include "web/server/metrics.h"
#include "web/server/server.h"

namespace guildhall::web::server_internal {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

// One per accepted socket. Every mutable member is touched only on `executor`.
struct Connection {
  Connection(uint64_t id, net::any_io_executor executor) : id(id), executor(std::move(executor)) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Closes the socket and wakes an async wait, so the session ends promptly.
  void Close();

  const uint64_t id;
  const net::any_io_executor executor;
  beast::tcp_stream* tcp = nullptr;     // set while the session runs
  net::steady_timer* waiter = nullptr;  // set while awaiting an async handler
  bool idle = true;                     // waiting for a request's first byte
  bool stopping = false;                // draining: finish this request, then close
};

// Shared by the listener and every session; outlives both.
class ServerCore {
 public:
  ServerCore(ServerOptions options, const Router& router, Metrics& metrics);
  ServerCore(const ServerCore&) = delete;
  ServerCore& operator=(const ServerCore&) = delete;

  uint64_t NextRequestId() { return next_request_id_.fetch_add(1, std::memory_order_relaxed); }

  // Null when draining or at max_connections (the caller closes the socket).
  std::shared_ptr<Connection> Register(net::any_io_executor executor);
  void Unregister(const Connection& conn);
  // Marks every connection stopping and closes the idle ones; returns how
  // many remain. Later Register calls fail.
  size_t BeginStop();
  void CloseAll();
  // Runs (on the unregistering thread) when draining and the last
  // connection has gone. Set before serving.
  void SetOnDrained(std::function<void()> fn) { on_drained_ = std::move(fn); }

  const ServerOptions options;
  const Router& router;
  Metrics& metrics;
  BodyBudget body_budget;

 private:
  std::atomic<uint64_t> next_request_id_{1};
  Gauge& open_connections_;
  Counter& rejected_connections_;
  std::function<void()> on_drained_;
  std::mutex mu_;
  uint64_t next_connection_id_ = 1;                                        // GUARDED_BY(mu_)
  bool stopping_ = false;                                                  // GUARDED_BY(mu_)
  std::unordered_map<uint64_t, std::shared_ptr<Connection>> connections_;  // GUARDED_BY(mu_)
};

// Where an async handler's answer waits for its session. The first answer
// wins; later ones (a second call, or a call after the deadline) are dropped.
// A Responder may outlive the server (a fetch still running at shutdown), so
// the slot keeps no executor: it reaches the session only through the armed
// timer, which exists only while the session does.
class AsyncSlot : public std::enable_shared_from_this<AsyncSlot> {
 public:
  // Any thread. False when the slot was already answered or closed.
  bool Complete(Response res);
  // Any thread: the Responder was dropped unanswered; answers 500.
  void Abandon(const Request& req);
  // On the connection's executor. False when already answered (no need to wait); otherwise
  // `timer` is cancelled when the answer arrives.
  bool Arm(net::steady_timer* timer);
  // On the connection's executor, after waiting: the answer if any. Closes the slot.
  std::optional<Response> Take();

 private:
  void FillLocked(Response res);  // REQUIRES: mu_ held, !done_

  std::mutex mu_;
  bool done_ = false;                   // GUARDED_BY(mu_)
  std::optional<Response> response_;    // GUARDED_BY(mu_)
  net::steady_timer* timer_ = nullptr;  // GUARDED_BY(mu_)
};

// Watches a connection's socket while its session waits for an async
// handler, which no read covers: when the peer hangs up (EOF or reset; not
// new data, such as a pipelined request) it cancels `timer`, so the session
// stops waiting and closes its socket instead of sitting in CLOSE-WAIT until
// the handler or request_timeout ends. On the connection's executor only;
// the destructor stops the watch.
class HangupWatch {
 public:
  HangupWatch(tcp::socket& socket, net::steady_timer& timer);
  ~HangupWatch();
  HangupWatch(const HangupWatch&) = delete;
  HangupWatch& operator=(const HangupWatch&) = delete;

  bool peer_gone() const { return state_->gone; }

 private:
  struct State {
    bool active = true;  // false once the session stopped waiting
    bool gone = false;
    net::steady_timer* timer;
  };
  tcp::socket& socket_;
  std::shared_ptr<State> state_;
};

// The Responder handed to an async handler; dropping every copy of it
// without a call answers 500.
Responder MakeResponder(std::shared_ptr<AsyncSlot> slot, std::shared_ptr<const Request> req);

// Each runs one connection to completion on the socket's executor.
void SpawnPlainSession(ServerCore& core, std::shared_ptr<Connection> conn, tcp::socket socket);
void SpawnTlsSession(ServerCore& core, std::shared_ptr<Connection> conn, tcp::socket socket,
                     net::ssl::context& tls);

}  // namespace guildhall::web::server_internal
