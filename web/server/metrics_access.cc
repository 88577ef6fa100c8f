#include "web/server/metrics_access.h"

#include "node/community/crypto.h"

namespace guildhall::web {
namespace {

constexpr std::string_view kBearer = "Bearer ";

bool CameThroughProxy(const Request& req) {
  return req.headers.Has("Forwarded") || req.headers.Has("X-Forwarded-For") ||
         req.headers.Has("X-Real-IP");
}

}  // namespace

bool IsLoopbackAddress(std::string_view address) {
  if (address == "::1") return true;
  if (address.starts_with("::ffff:")) address.remove_prefix(7);
  return address.starts_with("127.");
}

MetricsAccess CheckMetricsAccess(const Request& req, std::string_view token) {
  const std::string_view authorization = req.headers.Get("Authorization");
  if (!authorization.empty()) {
    // A presented token must be the right one, from anywhere: a wrong token
    // is refused even on loopback, so a misconfigured scraper is noticed.
    if (token.empty() || !authorization.starts_with(kBearer)) return MetricsAccess::kBadToken;
    return community::ConstantTimeEquals(authorization.substr(kBearer.size()), token)
               ? MetricsAccess::kAllowed
               : MetricsAccess::kBadToken;
  }
  if (IsLoopbackAddress(req.remote_address) && !CameThroughProxy(req)) {
    return MetricsAccess::kAllowed;
  }
  return MetricsAccess::kNotLoopback;
}

}  // namespace guildhall::web
