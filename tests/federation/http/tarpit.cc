#include "tests/federation/http/tarpit.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace guildhall::federation::testing {

Tarpit::Tarpit() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(listener_, 64) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::abort();  // a broken test setup, not a test result
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Loop(); });
}

Tarpit::~Tarpit() {
  stop_ = true;
  thread_.join();
  ::close(listener_);
  std::lock_guard lock(mu_);
  for (int fd : held_) ::close(fd);
}

std::string Tarpit::Endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

size_t Tarpit::ConnectionsOpen() const {
  std::lock_guard lock(mu_);
  size_t open = 0;
  for (int fd : held_) {
    // Discard what the client sent (a TLS ClientHello); then end of stream
    // (0) means it hung up, "would block" that it is still there.
    char sink[4096];
    ssize_t n = 0;
    while ((n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT)) > 0) {
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) ++open;
  }
  return open;
}

void Tarpit::Loop() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 20) != 1) continue;
    const int fd = ::accept(listener_, nullptr, nullptr);
    if (fd < 0) continue;
    std::lock_guard lock(mu_);
    held_.push_back(fd);
    ++accepted_;
  }
}

}  // namespace guildhall::federation::testing
