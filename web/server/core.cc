#include "web/server/core.h"

#include <sys/socket.h>

#include <boost/asio/post.hpp>
#include <cerrno>

#include "web/http/status.h"
#include "web/log.h"

namespace guildhall::web::server_internal {

void Connection::Close() {
  if (tcp) {
    beast::error_code ignored;
    tcp->socket().shutdown(net::socket_base::shutdown_both, ignored);
    tcp->close();
  }
  if (waiter) waiter->cancel();
}

ServerCore::ServerCore(ServerOptions options, const Router& router, Metrics& metrics)
    : options(std::move(options)),
      router(router),
      metrics(metrics),
      body_budget(this->options.body_budget_bytes,
                  metrics.AddGauge("guildhall_http_body_bytes_in_flight",
                                   "Request-body bytes being received (memory and spool)."),
                  metrics.AddCounter("guildhall_http_body_budget_refusals_total",
                                     "Requests answered 503: their body would pass "
                                     "http.body_budget_bytes.")),
      open_connections_(
          metrics.AddGauge("guildhall_http_open_connections", "HTTP connections currently open.")),
      rejected_connections_(
          metrics.AddCounter("guildhall_http_rejected_connections_total",
                             "Connections closed on accept: draining or at max_connections.")) {}

std::shared_ptr<Connection> ServerCore::Register(net::any_io_executor executor) {
  std::lock_guard lock(mu_);
  if (stopping_ || connections_.size() >= options.max_connections) {
    rejected_connections_.Increment();
    return nullptr;
  }
  auto conn = std::make_shared<Connection>(next_connection_id_++, std::move(executor));
  connections_.emplace(conn->id, conn);
  open_connections_.Set(static_cast<double>(connections_.size()));
  return conn;
}

void ServerCore::Unregister(const Connection& conn) {
  bool drained = false;
  {
    std::lock_guard lock(mu_);
    connections_.erase(conn.id);
    open_connections_.Set(static_cast<double>(connections_.size()));
    drained = stopping_ && connections_.empty();
  }
  if (drained && on_drained_) on_drained_();
}

size_t ServerCore::BeginStop() {
  std::lock_guard lock(mu_);
  stopping_ = true;
  for (const auto& [id, conn] : connections_) {
    net::post(conn->executor, [conn = conn] {
      conn->stopping = true;
      if (conn->idle) conn->Close();
    });
  }
  return connections_.size();
}

void ServerCore::CloseAll() {
  std::lock_guard lock(mu_);
  for (const auto& [id, conn] : connections_) {
    net::post(conn->executor, [conn = conn] { conn->Close(); });
  }
}

void AsyncSlot::FillLocked(Response res) {
  done_ = true;
  response_ = std::move(res);
  // The wake-up runs on the session's executor, which owns the timer; Take()
  // clears timer_ there before the timer dies, so the pointer is never stale.
  if (timer_) {
    net::post(timer_->get_executor(), [self = shared_from_this()] {
      std::lock_guard lock(self->mu_);
      if (self->timer_) self->timer_->cancel();
    });
  }
}

bool AsyncSlot::Complete(Response res) {
  std::lock_guard lock(mu_);
  if (done_) return false;
  FillLocked(std::move(res));
  return true;
}

void AsyncSlot::Abandon(const Request& req) {
  std::lock_guard lock(mu_);
  if (done_) return;
  FillLocked(ErrorResponse(req, Error::Internal("async handler dropped its responder")));
}

bool AsyncSlot::Arm(net::steady_timer* timer) {
  std::lock_guard lock(mu_);
  if (done_) return false;
  timer_ = timer;
  return true;
}

std::optional<Response> AsyncSlot::Take() {
  std::lock_guard lock(mu_);
  timer_ = nullptr;
  done_ = true;
  return std::exchange(response_, std::nullopt);
}

HangupWatch::HangupWatch(tcp::socket& socket, net::steady_timer& timer)
    : socket_(socket), state_(std::make_shared<State>(State{.timer = &timer})) {
  const int fd = socket.native_handle();
  socket.async_wait(tcp::socket::wait_read, [state = state_, fd](beast::error_code ec) {
    if (ec || !state->active) return;  // cancelled, or the session moved on
    char byte;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    const bool hung_up = n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
    if (!hung_up) return;  // data (a pipelined request): the peer is still there
    state->gone = true;
    state->timer->cancel();
  });
}

HangupWatch::~HangupWatch() {
  state_->active = false;
  beast::error_code ignored;
  if (socket_.is_open()) socket_.cancel(ignored);  // the only operation pending is ours
}

Responder MakeResponder(std::shared_ptr<AsyncSlot> slot, std::shared_ptr<const Request> req) {
  // Shared by every copy of the Responder; its destructor notices a handler
  // that lost the Responder without answering.
  struct Guard {
    std::shared_ptr<AsyncSlot> slot;
    std::shared_ptr<const Request> req;
    std::atomic<bool> called{false};
    ~Guard() {
      if (!called.load()) slot->Abandon(*req);
    }
  };
  auto guard = std::make_shared<Guard>();
  guard->slot = std::move(slot);
  guard->req = std::move(req);
  return [guard](Response res) {
    guard->called.store(true);
    if (!guard->slot->Complete(std::move(res))) {
      Log().info("req=#{} async answer dropped: late (past request_timeout) or repeated",
                 guard->req->id);
    }
  };
}

}  // namespace guildhall::web::server_internal
