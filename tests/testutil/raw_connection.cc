#include "tests/testutil/raw_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

namespace guildhall::testutil {

std::unique_ptr<RawConnection> RawConnection::Connect(uint16_t port,
                                                      std::chrono::milliseconds recv_timeout) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return nullptr;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return nullptr;
  }
  timeval tv{};
  tv.tv_sec = recv_timeout.count() / 1000;
  tv.tv_usec = static_cast<suseconds_t>((recv_timeout.count() % 1000) * 1000);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return std::unique_ptr<RawConnection>(new RawConnection(fd));
}

RawConnection::~RawConnection() { Close(); }

void RawConnection::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

size_t RawConnection::SendFiller(size_t total) {
  const std::string piece(64 * 1024, 'x');
  size_t sent = 0;
  while (sent < total) {
    size_t n = std::min(piece.size(), total - sent);
    if (!Send(std::string_view(piece).substr(0, n))) break;
    sent += n;
  }
  return sent;
}

std::string RawConnection::ReadUntilClose() {
  char buf[16 * 1024];
  while (true) {
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    closed_by_peer_ = n == 0;
    if (n <= 0) break;  // closed, reset or timed out
    received_.append(buf, static_cast<size_t>(n));
  }
  return received_;
}

void RawConnection::ShutdownWrite() {
  if (fd_ >= 0) shutdown(fd_, SHUT_WR);
}

unsigned RawConnection::ReadStatus() {
  char buf[4096];
  while (received_.find("\r\n") == std::string::npos) {
    ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    received_.append(buf, static_cast<size_t>(n));
  }
  unsigned status = 0;
  if (std::sscanf(received_.c_str(), "HTTP/1.%*d %u", &status) != 1) return 0;
  return status;
}

namespace {

// The inodes of the sockets process `pid` has open ("socket:[123]" links).
std::set<std::string> SocketInodes(int pid) {
  std::set<std::string> inodes;
  std::error_code ec;
  const std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string target = std::filesystem::read_symlink(entry.path(), ec).string();
    if (!ec && target.starts_with("socket:[")) inodes.insert(target.substr(8, target.size() - 9));
  }
  return inodes;
}

}  // namespace

size_t SocketsInState(int pid, uint16_t local_port, int state) {
  const std::set<std::string> ours = SocketInodes(pid);
  size_t count = 0;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // the column titles
    while (std::getline(in, line)) {
      // "0: 0100007F:1F90 0100007F:C350 08 tx:rx tr:when retrnsmt uid timeout inode"
      std::istringstream fields(line);
      std::string sl, local, remote, st, queues, timer, retransmits, uid, timeout, inode;
      fields >> sl >> local >> remote >> st >> queues >> timer >> retransmits >> uid >> timeout >>
          inode;
      const size_t colon = local.rfind(':');
      if (colon == std::string::npos || !ours.contains(inode)) continue;
      const auto port = std::stoul(local.substr(colon + 1), nullptr, 16);
      if (port == local_port && std::stoi(st, nullptr, 16) == state) ++count;
    }
  }
  return count;
}

size_t RssAnonBytes(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("RssAnon:", 0) == 0) return std::stoul(line.substr(8)) * 1024;  // "  123 kB"
  }
  return 0;
}

}  // namespace guildhall::testutil
