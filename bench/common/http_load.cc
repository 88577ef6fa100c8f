#include "bench/common/http_load.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace guildhall::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct Connection {
  int fd = -1;
  const std::string* out = nullptr;  // the request being sent; null when idle
  size_t sent = 0;
  std::string in;
  SteadyClock::time_point started;
};

int Connect(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;  // blocking connect, then the writes and reads go through epoll
}

// The length of one whole response at the front of `in` and its status;
// 0 while incomplete, npos if it cannot be read (no Content-Length).
size_t ResponseLength(const std::string& in, unsigned* status) {
  const size_t end = in.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  *status = static_cast<unsigned>(std::atoi(in.c_str() + 9));
  for (size_t line = in.find("\r\n"); line < end; line = in.find("\r\n", line + 2)) {
    static constexpr char kName[] = "content-length:";
    if (line + 2 + sizeof kName - 1 > end) break;
    bool match = true;
    for (size_t i = 0; i + 1 < sizeof kName && match; ++i) {
      match = std::tolower(static_cast<unsigned char>(in[line + 2 + i])) == kName[i];
    }
    if (match) {
      const size_t total =
          end + 4 + std::strtoul(in.c_str() + line + 2 + sizeof kName - 1, nullptr, 10);
      return in.size() >= total ? total : 0;
    }
  }
  return std::string::npos;
}

class Driver {
 public:
  Driver(uint16_t port, const std::vector<std::string>& requests, int connections)
      : port_(port), requests_(requests), conns_(static_cast<size_t>(connections)) {}

  LoadResult Run();

 private:
  void Next(Connection& c);
  void Write(Connection& c);
  void Read(Connection& c);
  void Drop(Connection& c);

  uint16_t port_;
  const std::vector<std::string>& requests_;
  std::vector<Connection> conns_;
  int epoll_ = -1;
  size_t next_ = 0;
  size_t done_ = 0;
  std::vector<double> latencies_ms_;
  LoadResult result_;
};

void Driver::Next(Connection& c) {
  c.in.clear();
  if (next_ >= requests_.size()) {
    c.out = nullptr;
    return;
  }
  c.out = &requests_[next_++];
  c.sent = 0;
  c.started = SteadyClock::now();
  Write(c);
}

void Driver::Write(Connection& c) {
  while (c.out && c.sent < c.out->size()) {
    ssize_t n =
        ::send(c.fd, c.out->data() + c.sent, c.out->size() - c.sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      epoll_event ev{EPOLLIN | EPOLLOUT, {.ptr = &c}};
      epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
      return;
    }
    if (n <= 0) return Drop(c);
    c.sent += static_cast<size_t>(n);
  }
  epoll_event ev{EPOLLIN, {.ptr = &c}};
  epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &ev);
}

void Driver::Read(Connection& c) {
  char buf[16384];
  bool closed = false;
  for (;;) {
    ssize_t n = ::recv(c.fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n <= 0) {
      closed = true;
      break;
    }
    c.in.append(buf, static_cast<size_t>(n));
  }
  unsigned status = 0;
  const size_t length = c.out ? ResponseLength(c.in, &status) : 0;
  if (length == std::string::npos) return Drop(c);
  if (length > 0) {
    ++result_.statuses[status];
    ++done_;
    latencies_ms_.push_back(
        std::chrono::duration<double, std::milli>(SteadyClock::now() - c.started).count());
    c.out = nullptr;
  }
  if (closed) return Drop(c);  // the server closed: go on over a new connection
  if (length > 0) Next(c);
}

// The request in flight is lost; carry on with a new connection.
void Driver::Drop(Connection& c) {
  if (c.out) {
    ++result_.failed;
    ++done_;
  }
  epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
  ::close(c.fd);
  c.out = nullptr;
  c.fd = next_ < requests_.size() ? Connect(port_) : -1;
  if (c.fd < 0) return;
  epoll_event ev{EPOLLIN, {.ptr = &c}};
  epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev);
  if (done_ < requests_.size()) Next(c);
}

LoadResult Driver::Run() {
  epoll_ = epoll_create1(EPOLL_CLOEXEC);
  for (Connection& c : conns_) {
    c.fd = Connect(port_);
    if (c.fd < 0) continue;
    epoll_event ev{EPOLLIN, {.ptr = &c}};
    epoll_ctl(epoll_, EPOLL_CTL_ADD, c.fd, &ev);
  }
  const auto start = SteadyClock::now();
  for (Connection& c : conns_) {
    if (c.fd >= 0) Next(c);
  }
  epoll_event events[256];
  while (done_ < requests_.size()) {
    const int n = epoll_wait(epoll_, events, 256, 60000);
    if (n <= 0) break;  // a minute without any progress: give up
    for (int i = 0; i < n; ++i) {
      Connection& c = *static_cast<Connection*>(events[i].data.ptr);
      if (events[i].events & EPOLLOUT) Write(c);
      if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) Read(c);
    }
  }
  result_.seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
  result_.failed += requests_.size() - done_;
  for (Connection& c : conns_) {
    if (c.fd >= 0) ::close(c.fd);
  }
  ::close(epoll_);
  if (!latencies_ms_.empty()) {
    const size_t at = latencies_ms_.size() * 99 / 100;
    std::nth_element(latencies_ms_.begin(), latencies_ms_.begin() + at, latencies_ms_.end());
    result_.p99_ms = latencies_ms_[at];
  }
  return result_;
}

}  // namespace

LoadResult RunKeepAliveLoad(uint16_t port, const std::vector<std::string>& requests,
                            int connections) {
  Driver driver(port, requests, std::max(1, connections));
  return driver.Run();
}

}  // namespace guildhall::bench
