// A blocking HTTP/1.1 client for tests that talk to real servers on
// loopback: one connection per request (Connection: close), plain or TLS
// verified against a test CA for the request's host name (SNI and
// certificate name check, as a real peer would do), responses with
// Content-Length, chunked or read-to-close bodies. A 30 s receive timeout
// bounds every read. Thread-compatible: one object per thread, or share a
// const one (it keeps no per-request state).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guildhall::testutil {

struct HttpReply {
  unsigned status = 0;  // 0: no answer (connection refused, TLS failure, timeout)
  std::string error;    // why, when status is 0
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of header `name` (case-insensitive), or empty.
  std::string Header(std::string_view name) const;
};

struct HttpCall {
  std::string method = "GET";
  std::string connect;  // "127.0.0.1:PORT": where the TCP connection goes
  std::string host;     // Host header and TLS name, e.g. "alpha.test:8443"
  std::string target;   // "/api/v1/me?x=1"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class HttpClient {
 public:
  // TLS with `ca_file` as the only trusted CA; an empty path means plain HTTP.
  explicit HttpClient(std::filesystem::path ca_file = {}) : ca_file_(std::move(ca_file)) {}

  HttpReply Send(const HttpCall& call) const;

 private:
  std::filesystem::path ca_file_;
};

}  // namespace guildhall::testutil
