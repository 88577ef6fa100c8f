#include "web/server/operational.h"

#include "web/http/negotiation.h"

namespace guildhall::web {

void AddOperationalRoutes(Router& router, Metrics& metrics) {
  router.Add("GET", "/healthz", {.body_limit = 0, .name = "healthz"}, [](const Request& req) {
    Response res =
        WantsJson(req) ? Response::Json(200, "{\"status\":\"ok\"}") : Response::Text(200, "ok\n");
    res.headers.Set("Cache-Control", "no-store");
    return res;
  });
  router.Add("GET", "/metrics", {.body_limit = 0, .name = "metrics"}, [&metrics](const Request&) {
    Response res = Response::Text(200, metrics.Render());
    res.headers.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    res.headers.Set("Cache-Control", "no-store");
    return res;
  });
}

}  // namespace guildhall::web
