// A small keep-alive load generator for requests prepared in advance (signed
// inbox POSTs, which wrk cannot send: each must carry its own signature and
// activity id). One thread, epoll, `connections` sockets to 127.0.0.1:port,
// one request in flight per connection; each request is sent exactly once.
// Answers must carry Content-Length. Thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace guildhall::bench {

struct LoadResult {
  std::map<unsigned, uint64_t> statuses;  // answers by status code
  uint64_t failed = 0;  // requests that got no answer (connection lost, bad answer)
  double seconds = 0;   // first send to last answer
  double p99_ms = 0;    // request latency, 99th percentile

  uint64_t Count(unsigned status) const {
    auto it = statuses.find(status);
    return it == statuses.end() ? 0 : it->second;
  }
};

// Sends every request of `requests` (whole HTTP/1.1 requests, keep-alive)
// over `connections` connections and waits for every answer.
LoadResult RunKeepAliveLoad(uint16_t port, const std::vector<std::string>& requests,
                            int connections);

}  // namespace guildhall::bench
