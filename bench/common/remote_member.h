// RemoteMember: bob@remote.test, a remote person for the inbox benchmarks.
// A loopback listener (the tests' SinkServer) serves his actor document with
// his RSA-2048 publicKeyPem and takes the node's deliveries (202); the node
// reaches it through [federation.resolve] "remote.test". He joins a group
// with a signed Follow and posts signed Create(Note)s to its inbox, prepared
// (signed, with distinct ids) before any timing. Thread-safe after
// construction except Join.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench/common/bench_node.h"

namespace guildhall::bench {

class RemoteMember {
 public:
  RemoteMember();  // generates the key and starts the listener
  ~RemoteMember();
  RemoteMember(const RemoteMember&) = delete;
  RemoteMember& operator=(const RemoteMember&) = delete;

  // "127.0.0.1:port" for [federation.resolve] "remote.test".
  std::string Endpoint() const;
  // Follows the group `slug` and waits for its Accept (he is a member then).
  bool Join(BenchNode& node, const std::string& slug);
  // `rounds` x `per_round` whole HTTP requests: signed Create(Note) POSTs
  // to /g/<slug>/inbox, ids unique per `tag` and index. Signed on every core.
  std::vector<std::vector<std::string>> PrepareCreates(const BenchNode& node,
                                                       const std::string& slug, int rounds,
                                                       int per_round, const std::string& tag) const;
  // Requests the node sent him (the Accept, then one Announce per thread).
  size_t DeliveriesReceived() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One timed burst: `requests` (prepared Creates to the group `slug`) over
// `connections` keep-alive connections, then a wait until the group's
// thread_count reaches *expected + requests.size() (the rows applied).
struct IngestFigures {
  double accepted_per_second = 0;  // 202s / seconds from first send to last answer
  double p99_ms = 0;
  double seconds = 0;
  double applied_seconds = 0;  // from the first send until all were applied
  // CPU seconds (user + system) the node and the load generator used
  // during the burst: 202s per CPU second compare with openssl speed, which
  // reports per CPU second too, however busy the machine is.
  double cpu_seconds = 0;
  bool complete = false;  // every POST answered 202 and stored exactly once
};
IngestFigures Ingest(BenchNode& node, const std::string& token, const std::string& slug,
                     const std::vector<std::string>& requests, int connections, long* expected);

// thread_count of the group, through the API (-1 if unreadable).
long GroupThreadCount(BenchNode& node, const std::string& token, const std::string& slug);

// Polls `probe` every 50 ms until it is true or `limit` passes.
template <typename Probe>
bool WaitFor(Probe probe, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!probe()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace guildhall::bench
