// SinkServer: a small real HTTP(S) server on 127.0.0.1 for tests and the
// fan-out benchmark. It records every request and answers through a handler
// that can respond, hang, trickle the body a byte at a time, or close. One
// thread per connection with blocking I/O, so a handler may block (to hold
// requests in flight). Waits are condition-variable based with a bound that
// only matters when a test is failing. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "federation/http/client.h"

namespace guildhall::federation::testing {

struct RecordedRequest {
  std::string method;
  std::string target;
  HeaderList headers;
  std::string body;
  uint64_t connection = 0;  // which accepted connection carried it (1, 2, ...)

  std::string_view Header(std::string_view name) const { return FindHeader(headers, name); }
};

struct SinkReply {
  enum class Mode {
    kRespond,  // status + headers + body
    kHang,     // never answer (until the server stops or the client leaves)
    kTrickle,  // headers announcing `trickle_bytes`, then one byte per interval
    kClose,    // close the connection without a response
  };
  Mode mode = Mode::kRespond;
  unsigned status = 202;
  HeaderList headers;
  std::string body;
  // Close after responding although the response says keep-alive: a peer
  // that drops idle connections.
  bool close_after = false;
  size_t trickle_bytes = 100000;
  std::chrono::milliseconds trickle_interval{20};
};

struct SinkOptions {
  std::string bind_address = "127.0.0.1";
  std::string cert_pem;  // TLS when set
  std::string key_pem;
};

class SinkServer {
 public:
  using Handler = std::function<SinkReply(const RecordedRequest&)>;

  explicit SinkServer(Handler handler = nullptr, SinkOptions options = {});
  ~SinkServer();
  SinkServer(const SinkServer&) = delete;
  SinkServer& operator=(const SinkServer&) = delete;

  uint16_t port() const { return port_; }
  // "http(s)://<bind address>:<port><path>"
  std::string Url(std::string_view path) const;
  // "<bind address>:<port>", for ClientOptions::resolve.
  std::string Endpoint() const;

  void SetHandler(Handler handler);
  std::vector<RecordedRequest> Requests() const;
  size_t RequestCount() const;
  size_t ConnectionsAccepted() const;
  // Highest number of requests seen at once between arrival and the start of
  // the answer (never above the client's own concurrency).
  size_t MaxInFlight() const;
  size_t InFlight() const;

  // Block until at least `n` requests arrived / are in flight; false on timeout.
  bool WaitForRequests(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  bool WaitForInFlight(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
  std::string scheme_;
  std::string bind_address_;
};

}  // namespace guildhall::federation::testing
