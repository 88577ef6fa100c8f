// The operational endpoints every deployment scrapes: GET /healthz (liveness,
// "ok" or {"status":"ok"}) and GET /metrics (Prometheus text format).
// REQUIRES: `metrics` outlives `router`.
#pragma once

#include "web/http/router.h"
#include "web/server/metrics.h"

namespace guildhall::web {

void AddOperationalRoutes(Router& router, Metrics& metrics);

}  // namespace guildhall::web
