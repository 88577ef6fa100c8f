// Who may read /metrics: the figures (request counts by route, queue depths,
// store size) help an attacker time and aim, so they are not public. A peer
// may read them when it presents `Authorization: Bearer <token>` matching
// [http] metrics_token, or, when it presents no credentials, when it is on
// loopback and came directly: a request carrying Forwarded, X-Forwarded-For or
// X-Real-IP came through a reverse proxy on this host and may be anyone.
// Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "web/http/message.h"

namespace guildhall::web {

// 127.0.0.0/8, ::1, and ::ffff:127.0.0.0/104 (IPv4-mapped).
bool IsLoopbackAddress(std::string_view address);

enum class MetricsAccess { kAllowed, kNotLoopback, kBadToken };

MetricsAccess CheckMetricsAccess(const Request& req, std::string_view token);

}  // namespace guildhall::web
