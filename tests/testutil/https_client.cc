#include "tests/testutil/https_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <memory>

namespace guildhall::testutil {
namespace {

// True once `raw` holds a whole response by its own framing.
bool Complete(const std::string& raw) {
  size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::string head = raw.substr(0, end + 2);
  for (char& c : head) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  if (head.find("\r\ntransfer-encoding: chunked\r\n") != std::string::npos) {
    return raw.size() >= 5 && raw.compare(raw.size() - 5, 5, "0\r\n\r\n") == 0;
  }
  size_t at = head.find("\r\ncontent-length:");
  if (at == std::string::npos) return head.find(" 204 ") != std::string::npos;
  size_t length = std::stoul(head.substr(at + 17));
  return raw.size() >= end + 4 + length;
}

// One TCP connection, optionally wrapped in TLS; closed by the destructor.
class Conn {
 public:
  ~Conn() {
    if (ssl_) SSL_free(ssl_);
    if (ctx_) SSL_CTX_free(ctx_);
    if (fd_ >= 0) close(fd_);
  }

  std::string Open(const std::string& connect) {
    size_t colon = connect.rfind(':');
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(std::stoi(connect.substr(colon + 1))));
    if (inet_pton(AF_INET, connect.substr(0, colon).c_str(), &addr.sin_addr) != 1) {
      return "bad address " + connect;
    }
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    timeval tv{30, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect_socket(addr) != 0) return "cannot connect to " + connect;
    return {};
  }

  std::string StartTls(const std::filesystem::path& ca_file, const std::string& host) {
    ctx_ = SSL_CTX_new(TLS_client_method());
    if (SSL_CTX_load_verify_locations(ctx_, ca_file.c_str(), nullptr) != 1) {
      return "cannot load CA " + ca_file.string();
    }
    SSL_CTX_set_verify(ctx_, SSL_VERIFY_PEER, nullptr);
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd_);
    const std::string name = host.substr(0, host.rfind(':'));
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl_);
    in_addr ip{};
    if (inet_pton(AF_INET, name.c_str(), &ip) == 1) {
      X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str());
    } else {
      SSL_set_tlsext_host_name(ssl_, name.c_str());
      X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
    }
    if (SSL_connect(ssl_) != 1) {
      char buf[256];
      ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
      return std::string("TLS handshake with ") + host + ": " + buf;
    }
    return {};
  }

  bool Write(std::string_view data) {
    while (!data.empty()) {
      long n = ssl_ ? SSL_write(ssl_, data.data(), static_cast<int>(data.size()))
                    : send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // One response: until it is complete by its framing, the peer closes,
  // or the receive timeout passes (a server ignoring Connection: close
  // cannot stall us).
  std::string ReadResponse() {
    std::string out;
    char buf[16384];
    while (!Complete(out)) {
      long n = ssl_ ? SSL_read(ssl_, buf, sizeof buf) : recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  int connect_socket(const sockaddr_in& addr) {
    return ::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  }

  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
};

std::string Dechunk(std::string_view raw) {
  std::string out;
  while (!raw.empty()) {
    size_t eol = raw.find("\r\n");
    if (eol == std::string_view::npos) break;
    size_t size = std::stoul(std::string(raw.substr(0, eol)), nullptr, 16);
    if (size == 0) break;
    out.append(raw.substr(eol + 2, size));
    raw.remove_prefix(std::min(raw.size(), eol + 2 + size + 2));
  }
  return out;
}

void Parse(const std::string& raw, HttpReply& reply) {
  size_t end = raw.find("\r\n\r\n");
  if (raw.compare(0, 5, "HTTP/") != 0 || end == std::string::npos) {
    reply.error = "no HTTP response (" + std::to_string(raw.size()) + " bytes)";
    return;
  }
  reply.status = static_cast<unsigned>(std::stoul(raw.substr(raw.find(' ') + 1, 3)));
  size_t line = raw.find("\r\n") + 2;
  while (line < end) {
    size_t next = raw.find("\r\n", line);
    std::string field = raw.substr(line, next - line);
    size_t colon = field.find(':');
    std::string value = field.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    reply.headers.emplace_back(field.substr(0, colon), value);
    line = next + 2;
  }
  std::string_view body(raw);
  body.remove_prefix(end + 4);
  if (strcasecmp(reply.Header("Transfer-Encoding").c_str(), "chunked") == 0) {
    reply.body = Dechunk(body);
  } else if (auto length = reply.Header("Content-Length"); !length.empty()) {
    reply.body = std::string(body.substr(0, std::stoul(length)));
  } else {
    reply.body = std::string(body);
  }
}

}  // namespace

std::string HttpReply::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), k.size()) == 0) return v;
  }
  return {};
}

HttpReply HttpClient::Send(const HttpCall& call) const {
  HttpReply reply;
  Conn conn;
  reply.error = conn.Open(call.connect);
  if (reply.error.empty() && !ca_file_.empty()) reply.error = conn.StartTls(ca_file_, call.host);
  if (!reply.error.empty()) return reply;
  std::string request = call.method + " " + call.target + " HTTP/1.1\r\nHost: " + call.host +
                        "\r\nConnection: close\r\n";
  for (const auto& [k, v] : call.headers) request += k + ": " + v + "\r\n";
  if (!call.body.empty() || call.method == "POST" || call.method == "PATCH" ||
      call.method == "PUT") {
    request += "Content-Length: " + std::to_string(call.body.size()) + "\r\n";
  }
  request += "\r\n" + call.body;
  if (!conn.Write(request)) {
    reply.error = "cannot send the request";
    return reply;
  }
  Parse(conn.ReadResponse(), reply);
  return reply;
}

}  // namespace guildhall::testutil
