// Server: the HTTP/1.1 (optionally TLS) front door. One coroutine per
// connection, pinned to one of `threads` single-threaded io_contexts;
// keep-alive, per-route body limits, header limit, a global budget of body
// bytes, authentication before large bodies, large uploads spooled to disk,
// deadlines on every read and write, graceful drain. Beast and Asio stay
// behind the pimpl; callers see only Router, Metrics and these options.
// Thread-safety: Start, Run, RunInBackground and Join from one owner thread;
// Stop and port() from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "storage/model/result.h"
#include "web/http/router.h"
#include "web/server/metrics.h"

namespace guildhall::web {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // "host:port", "[::1]:8080"; port 0 = any
  std::string tls_cert, tls_key;          // PEM paths; both empty = plain HTTP
  size_t header_limit = 16 * 1024;        // request line + fields; larger gets 431
  // Deadlines that hold regardless of progress, so trickling bytes buys nothing:
  std::chrono::seconds header_timeout{10};   // connection (and TLS handshake) to full header
  std::chrono::seconds request_timeout{30};  // body read, async handler, response write
  std::chrono::seconds idle_timeout{60};     // between keep-alive requests
  size_t threads = 0;                        // 0 = hardware_concurrency
  size_t max_connections = 10000;            // beyond this, new connections are closed
  // A body larger than this is read only once the route's body_gate has
  // accepted its sender (from the header), and on spooling routes it goes
  // to a file in spool_dir rather than memory.
  size_t unauthenticated_body_bytes = 64 * 1024;
  // Request-body bytes received at once over all connections (memory and
  // spool together); a body that does not fit gets 503 with Retry-After.
  size_t body_budget_bytes = 256 << 20;
  // Where large upload bodies are written while they arrive; emptied at
  // Start. Empty: spooling routes read bodies into memory too.
  std::string spool_dir;
};

class Server {
 public:
  // REQUIRES: router and metrics outlive the Server.
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();  // stops (no grace) and joins a background run
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the TLS cert/key (if set) and binds the listening socket; returns
  // kInvalid for a bad option or unreadable key, kUnavailable when the
  // address cannot be bound (port in use). Call once, before Run.
  Result<> Start();
  // The bound port (the real one when listen asked for port 0). After Start.
  uint16_t port() const;

  // Runs the I/O threads (the caller's thread is one of them) until Stop has
  // drained every connection. REQUIRES: Start succeeded.
  void Run();
  // Run on a background thread; Join waits for it to return.
  void RunInBackground();
  void Join();

  // Stops accepting and closes idle keep-alive connections; requests in
  // flight finish (their responses carry Connection: close) for up to
  // `grace`, then every remaining connection is closed and Run returns.
  // Called from outside the I/O threads, it returns once the listener is
  // closed; from inside (a handler) it only schedules that. Idempotent.
  void Stop(std::chrono::seconds grace);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guildhall::web
