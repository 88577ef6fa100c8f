// How delivery reacts to the result of one attempt, as pure functions:
// which outcomes are final (2xx delivered; 4xx other than 401/408/429 failed,
// 404/410 meaning "gone"), which are retried with exponential backoff and
// jitter, when a retried delivery is given up, and when a host counts as
// down. Mastodon and Fedify draw the same lines (reference/security.md §4.1).
// Plain values; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "federation/http/client.h"
#include "storage/model/result.h"

namespace guildhall::federation {

struct DeliveryOptions {
  int worker_threads = 8;               // attempts in flight at once, all hosts
  int concurrency_per_host = 2;         // federation.delivery_concurrency_per_host
  std::chrono::seconds base_delay{30};  // first retry
  std::chrono::seconds max_delay{std::chrono::hours(6)};           // backoff cap
  std::chrono::seconds give_up_after{std::chrono::hours(72)};      // from enqueue
  std::chrono::seconds unavailable_after{std::chrono::hours(24)};  // of continuous failure
  std::chrono::seconds probe_interval{std::chrono::hours(6)};      // for unavailable hosts
  // How long a claimed attempt owns its delivery; after that another worker
  // (or process) may retry it. Must exceed the client's total timeout.
  std::chrono::seconds lease{std::chrono::minutes(5)};
  // Real-time interval of the periodic queue scan (wake-ups come sooner).
  std::chrono::milliseconds poll_interval{std::chrono::seconds(1)};
  // Per claim pass: at most this many deferrals, and a walk of at most 8x
  // this many due entries (hosts at their limit are stepped over).
  size_t scan_batch = 256;
};

enum class AttemptVerdict {
  kDelivered,  // 2xx
  kRetry,      // network error, timeout, 5xx, 401, 408, 429
  kFailed,     // other 4xx and 3xx, a refused address or URL: final
  kGone,       // 404 or 410: final, and the recipient should be forgotten
  kDropped,    // refused by policy at send time: final, nothing sent
};

struct AttemptResult {
  AttemptVerdict verdict = AttemptVerdict::kRetry;
  unsigned status = 0;       // HTTP status, 0 if none came back
  std::string error;         // for the log and Delivery::last_error; empty when delivered
  bool host_alive = false;   // the host answered: it is up
  bool host_failed = false;  // a network error or 5xx: counts toward a failure run
  std::chrono::seconds retry_after{0};  // from a Retry-After header (delta seconds)
};

// Classifies what HttpClient::Send returned.
AttemptResult Classify(const Result<HttpResponse>& sent);

// The delay before retry number `attempts` + 1 (attempts >= 1): base * 2^(n-1)
// capped at max_delay, stretched by a jitter factor in [1, 1.25) from
// `jitter` in [0, 1), and never below a server's Retry-After (itself capped).
std::chrono::milliseconds RetryDelay(uint32_t attempts, double jitter,
                                     std::chrono::seconds retry_after,
                                     const DeliveryOptions& options);

}  // namespace guildhall::federation
