// Tarpit: a TCP listener on 127.0.0.1 that accepts every connection and never
// reads or writes a byte (no TLS handshake, no HTTP answer): the peer of the
// key-fetch jamming attack (issue 10 item 2). It holds each socket open until
// it is destroyed and counts the connections it accepted. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace guildhall::federation::testing {

class Tarpit {
 public:
  Tarpit();  // listening on return
  ~Tarpit();
  Tarpit(const Tarpit&) = delete;
  Tarpit& operator=(const Tarpit&) = delete;

  // "127.0.0.1:<port>", for ClientOptions::resolve.
  std::string Endpoint() const;
  size_t ConnectionsAccepted() const { return accepted_.load(); }
  // Connections the other side has not closed yet.
  size_t ConnectionsOpen() const;

 private:
  void Loop();

  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<size_t> accepted_{0};
  mutable std::mutex mu_;
  std::vector<int> held_;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace guildhall::federation::testing
