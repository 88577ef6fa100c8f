#include "federation/delivery/retry_policy.h"

#include <algorithm>
#include <charconv>

namespace guildhall::federation {
namespace {

// Retry-After as delta-seconds; the HTTP-date form is rare on inboxes and is
// ignored (the backoff applies instead).
std::chrono::seconds ParseRetryAfter(std::string_view value) {
  int64_t seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || ptr != value.data() + value.size() || seconds < 0) return {};
  return std::chrono::seconds(seconds);
}

AttemptResult FromError(const Error& error) {
  AttemptResult r;
  r.error = error.message;
  // A refused address or a malformed inbox URL will not heal by waiting
  // (GoToSocial treats both as non-retryable too).
  const bool final = error.code == Code::kForbidden || error.code == Code::kInvalid;
  r.verdict = final ? AttemptVerdict::kFailed : AttemptVerdict::kRetry;
  r.host_failed = error.code == Code::kUnavailable;
  return r;
}

}  // namespace

AttemptResult Classify(const Result<HttpResponse>& sent) {
  if (!sent) return FromError(sent.error());
  const unsigned s = sent->status;
  AttemptResult r;
  r.status = s;
  r.host_alive = s < 500;
  r.host_failed = s >= 500;
  if (s >= 200 && s < 300) {
    r.verdict = AttemptVerdict::kDelivered;
    return r;
  }
  r.error = "HTTP " + std::to_string(s);
  if (s == 404 || s == 410) {
    r.verdict = AttemptVerdict::kGone;
  } else if (s >= 500 || s == 401 || s == 408 || s == 429 || s < 200) {
    r.verdict = AttemptVerdict::kRetry;
    r.retry_after = ParseRetryAfter(sent->Header("Retry-After"));
  } else {
    r.verdict = AttemptVerdict::kFailed;  // other 4xx, and 3xx: POSTs never follow redirects
  }
  return r;
}

std::chrono::milliseconds RetryDelay(uint32_t attempts, double jitter,
                                     std::chrono::seconds retry_after,
                                     const DeliveryOptions& options) {
  using std::chrono::milliseconds;
  const uint32_t exponent = std::min<uint32_t>(attempts > 0 ? attempts - 1 : 0, 30);
  const milliseconds base = options.base_delay;
  const milliseconds cap = options.max_delay;
  const milliseconds plain = std::min<milliseconds>(base * (int64_t{1} << exponent), cap);
  const double factor = 1.0 + 0.25 * std::clamp(jitter, 0.0, 0.999999);
  const auto stretched = milliseconds(static_cast<int64_t>(plain.count() * factor));
  return std::max<milliseconds>(stretched, std::min<milliseconds>(retry_after, cap));
}

}  // namespace guildhall::federation
