#include "web/server/operational.h"

#include <memory>

#include "web/http/negotiation.h"
#include "web/http/status.h"
#include "web/log.h"
#include "web/server/metrics_access.h"

namespace guildhall::web {
namespace {

Response Healthz(const Request& req, const std::function<bool()>& storage_full) {
  // Degraded, not down: reads still work, and restarting the node (what a
  // failing liveness probe does) would not free a byte.
  const bool degraded = storage_full && storage_full();
  Response res;
  if (WantsJson(req)) {
    res = Response::Json(
        200, degraded ? R"({"status":"degraded","storage":"full"})" : R"({"status":"ok"})");
  } else {
    res = Response::Text(200, degraded ? "degraded: storage full\n" : "ok\n");
  }
  res.headers.Set("Cache-Control", "no-store");
  return res;
}

Response MetricsRefused(const Request& req, MetricsAccess access) {
  Log().info("req=#{} metrics refused reason={}", req.id,
             access == MetricsAccess::kBadToken ? "bad_token" : "not_loopback");
  Response res = StatusResponse(
      req, 403, "forbidden",
      access == MetricsAccess::kBadToken
          ? "The bearer token does not match [http] metrics_token."
          : "/metrics is served to loopback peers, or to any peer with the bearer token of "
            "[http] metrics_token.");
  res.headers.Set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void AddOperationalRoutes(Router& router, Metrics& metrics, OperationalOptions options) {
  auto shared = std::make_shared<const OperationalOptions>(std::move(options));
  router.Add("GET", "/healthz", {.body_limit = 0, .name = "healthz"},
             [shared](const Request& req) { return Healthz(req, shared->storage_full); });
  router.Add("GET", "/metrics", {.body_limit = 0, .name = "metrics"},
             [&metrics, shared](const Request& req) {
               const MetricsAccess access = CheckMetricsAccess(req, shared->metrics_token);
               if (access != MetricsAccess::kAllowed) return MetricsRefused(req, access);
               Response res = Response::Text(200, metrics.Render());
               res.headers.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
               res.headers.Set("Cache-Control", "no-store");
               return res;
             });
}

}  // namespace guildhall::web
