// A tiny blocking HTTP/1.1 client for the server tests: POSIX sockets (or
// OpenSSL over them), a receive timeout as the only bound on waiting, and a
// response parser good enough for Content-Length and chunked bodies.
// Not thread-safe; one per test thread.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guildhall::web::testing {

struct ClientResponse {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of `name` (case-insensitive), or empty.
  std::string Header(std::string_view name) const;
};

enum class Recv { kData, kEof, kTimeout };

class TestClient {
 public:
  // Connects to 127.0.0.1:port; nullptr if the connection is refused.
  static std::unique_ptr<TestClient> Connect(
      uint16_t port, std::chrono::milliseconds recv_timeout = std::chrono::seconds(10));
  // Connects and completes a TLS handshake verifying the server against the
  // CA in `ca_pem` for host name `host`; nullptr on any failure.
  static std::unique_ptr<TestClient> ConnectTls(uint16_t port, const std::string& ca_pem,
                                                const std::string& host);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  void SetRecvTimeout(std::chrono::milliseconds timeout);
  // False when the peer has closed (EPIPE/ECONNRESET).
  bool Send(std::string_view bytes);
  // Waits for bytes (up to the receive timeout) and appends them to the
  // internal buffer.
  Recv ReceiveSome();
  // Reads one response; nullopt on EOF or timeout before it is complete.
  std::optional<ClientResponse> ReadResponse(bool head_request = false);
  // Sends a simple request and reads its response.
  std::optional<ClientResponse> Get(std::string_view path, std::string_view extra_headers = "");
  // Reads until EOF; true if EOF came before the receive timeout.
  bool WaitForClose();

 private:
  TestClient(int fd, SSL_CTX* ctx, SSL* ssl) : fd_(fd), ctx_(ctx), ssl_(ssl) {}
  bool FillUntil(size_t size);
  std::optional<size_t> FindHeaderEnd();
  std::optional<std::string> ReadChunked();

  int fd_;
  SSL_CTX* ctx_;
  SSL* ssl_;
  std::string buffer_;
};

}  // namespace guildhall::web::testing
