// The operational endpoints every deployment scrapes: GET /healthz (liveness,
// "ok" or {"status":"ok"}; "degraded" while the store refuses writes for lack
// of space) and GET /metrics (Prometheus text format, only to the peers
// MetricsAccess allows: loopback, or the configured bearer token).
// REQUIRES: `metrics` and `options.storage_full` outlive `router`.
#pragma once

#include <functional>
#include <string>

#include "web/http/router.h"
#include "web/server/metrics.h"

namespace guildhall::web {

struct OperationalOptions {
  // [http] metrics_token: a bearer token that opens /metrics to any peer.
  // Empty: loopback peers only.
  std::string metrics_token;
  // True while writes are refused for lack of space; null: never.
  std::function<bool()> storage_full;
};

void AddOperationalRoutes(Router& router, Metrics& metrics, OperationalOptions options = {});

}  // namespace guildhall::web
