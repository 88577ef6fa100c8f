// RawConnection: a plain TCP connection to 127.0.0.1:port for tests that
// send what no HTTP client would (a header past the limit, a body that never
// ends, a request and a hang-up) and watch how the server ends it. Also
// SocketsInState, which reads the kernel's table of TCP sockets. Blocking
// I/O bounded by a receive timeout; one owner per object; not thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace guildhall::testutil {

class RawConnection {
 public:
  // nullptr when the connection is refused.
  static std::unique_ptr<RawConnection> Connect(
      uint16_t port, std::chrono::milliseconds recv_timeout = std::chrono::seconds(10));
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends all of `bytes`; false once the peer has closed or reset (no SIGPIPE).
  bool Send(std::string_view bytes);
  // Sends `total` filler bytes in 64 KiB pieces; returns how many were sent
  // before the peer closed or reset.
  size_t SendFiller(size_t total);
  // Reads until the peer closes or the receive timeout passes; everything read.
  std::string ReadUntilClose();
  // The status code of the first response in `ReadUntilClose()`-style text
  // read so far; reads until a status line has arrived. 0 if none came.
  unsigned ReadStatus();
  // Half-closes: sends FIN and keeps reading (a client done with sending).
  void ShutdownWrite();
  // True once a read saw the peer's orderly close (EOF), not a timeout.
  bool closed_by_peer() const { return closed_by_peer_; }
  void Close();

 private:
  explicit RawConnection(int fd) : fd_(fd) {}
  int fd_;
  std::string received_;
  bool closed_by_peer_ = false;
};

// Sockets of process `pid` in the kernel's tables (/proc/net/tcp and tcp6)
// whose local port is `local_port` and whose state is `state` (the kernel's
// number, e.g. kTcpCloseWait). Owned by `pid`, because another process's
// client socket may have the same local port number.
inline constexpr int kTcpEstablished = 0x01;
inline constexpr int kTcpCloseWait = 0x08;
size_t SocketsInState(int pid, uint16_t local_port, int state);

// The resident anonymous memory (RssAnon) of process `pid` in bytes, 0 if
// it cannot be read.
size_t RssAnonBytes(int pid);

}  // namespace guildhall::testutil
