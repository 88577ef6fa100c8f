#include "tests/web/server/test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace guildhall::web::testing {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

int Dial(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

std::vector<std::pair<std::string, std::string>> ParseFields(std::string_view head) {
  std::vector<std::pair<std::string, std::string>> fields;
  size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos && pos + 2 < head.size()) {
    size_t end = head.find("\r\n", pos + 2);
    std::string_view line = head.substr(pos + 2, end - pos - 2);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      fields.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    pos = end;
  }
  return fields;
}

}  // namespace

std::string ClientResponse::Header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (IEquals(field, name)) return value;
  }
  return {};
}

std::unique_ptr<TestClient> TestClient::Connect(uint16_t port,
                                                std::chrono::milliseconds recv_timeout) {
  int fd = Dial(port);
  if (fd < 0) return nullptr;
  std::unique_ptr<TestClient> client(new TestClient(fd, nullptr, nullptr));
  client->SetRecvTimeout(recv_timeout);
  return client;
}

std::unique_ptr<TestClient> TestClient::ConnectTls(uint16_t port, const std::string& ca_pem,
                                                   const std::string& host) {
  int fd = Dial(port);
  if (fd < 0) return nullptr;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_load_verify_locations(ctx, ca_pem.c_str(), nullptr);
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  SSL_set_tlsext_host_name(ssl, host.c_str());
  SSL_set1_host(ssl, host.c_str());  // verify the certificate names this host
  std::unique_ptr<TestClient> client(new TestClient(fd, ctx, ssl));
  client->SetRecvTimeout(std::chrono::seconds(10));
  if (SSL_connect(ssl) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  return client;
}

TestClient::~TestClient() {
  if (ssl_) SSL_free(ssl_);
  if (ctx_) SSL_CTX_free(ctx_);
  ::close(fd_);
}

void TestClient::SetRecvTimeout(std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = timeout.count() / 1000;
  tv.tv_usec = (timeout.count() % 1000) * 1000;
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

bool TestClient::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ssl_ ? SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()))
                     : ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Recv TestClient::ReceiveSome() {
  char chunk[16 * 1024];
  errno = 0;
  ssize_t n = ssl_ ? SSL_read(ssl_, chunk, sizeof chunk) : ::recv(fd_, chunk, sizeof chunk, 0);
  if (n > 0) {
    buffer_.append(chunk, static_cast<size_t>(n));
    return Recv::kData;
  }
  if (ssl_) ERR_clear_error();
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Recv::kTimeout;
  return Recv::kEof;  // orderly close, or a reset: the server is gone either way
}

bool TestClient::FillUntil(size_t size) {
  while (buffer_.size() < size) {
    if (ReceiveSome() != Recv::kData) return false;
  }
  return true;
}

std::optional<size_t> TestClient::FindHeaderEnd() {
  while (true) {
    size_t end = buffer_.find("\r\n\r\n");
    if (end != std::string::npos) return end + 4;
    if (ReceiveSome() != Recv::kData) return std::nullopt;
  }
}

std::optional<std::string> TestClient::ReadChunked() {
  std::string body;
  while (true) {
    size_t line_end;
    while ((line_end = buffer_.find("\r\n")) == std::string::npos) {
      if (ReceiveSome() != Recv::kData) return std::nullopt;
    }
    size_t size = std::strtoul(buffer_.substr(0, line_end).c_str(), nullptr, 16);
    if (!FillUntil(line_end + 2 + size + 2)) return std::nullopt;
    body.append(buffer_, line_end + 2, size);
    buffer_.erase(0, line_end + 2 + size + 2);
    if (size == 0) return body;  // no trailers from our server
  }
}

std::optional<ClientResponse> TestClient::ReadResponse(bool head_request) {
  while (true) {
    auto header_end = FindHeaderEnd();
    if (!header_end) return std::nullopt;
    ClientResponse res;
    std::string head = buffer_.substr(0, *header_end);
    buffer_.erase(0, *header_end);
    res.status = static_cast<unsigned>(std::atoi(head.c_str() + 9));
    res.headers = ParseFields(head);
    if (res.status == 100) continue;  // interim response; the real one follows
    if (head_request) return res;
    if (IEquals(res.Header("Transfer-Encoding"), "chunked")) {
      auto body = ReadChunked();
      if (!body) return std::nullopt;
      res.body = std::move(*body);
      return res;
    }
    size_t length = std::strtoul(res.Header("Content-Length").c_str(), nullptr, 10);
    if (!FillUntil(length)) return std::nullopt;
    res.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return res;
  }
}

std::optional<ClientResponse> TestClient::Get(std::string_view path,
                                              std::string_view extra_headers) {
  std::string req = "GET " + std::string(path) + " HTTP/1.1\r\nHost: test\r\n" +
                    std::string(extra_headers) + "\r\n";
  if (!Send(req)) return std::nullopt;
  return ReadResponse();
}

bool TestClient::WaitForClose() {
  while (true) {
    switch (ReceiveSome()) {
      case Recv::kData:
        continue;
      case Recv::kEof:
        return true;
      case Recv::kTimeout:
        return false;
    }
  }
}

}  // namespace guildhall::web::testing
