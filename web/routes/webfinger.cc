#include "web/routes/webfinger.h"

#include "web/http/status.h"

namespace guildhall::web {
namespace {

Response Cors(Response res) {
  res.headers.Set("Access-Control-Allow-Origin", "*");
  return res;
}

Response WebFinger(federation::Federation& fed, const Request& req) {
  auto resource = req.Query("resource");
  if (!resource || resource->empty()) {
    return Cors(StatusResponse(req, 400, "invalid", "resource: missing"));
  }
  auto jrd = fed.discovery().WebFinger(*resource);
  if (!jrd) return Cors(StatusResponse(req, 404, "not_found", "not found"));
  Response res = Response::Json(200, std::move(*jrd));
  res.headers.Set("Content-Type", "application/jrd+json");
  return Cors(std::move(res));
}

Response HostMeta(federation::Federation& fed, const Request& req) {
  auto xrd = fed.discovery().HostMeta();
  if (!xrd) return StatusResponse(req, 404, "not_found", "not found");
  Response res = Response::Text(200, std::move(*xrd));
  res.headers.Set("Content-Type", "application/xrd+xml; charset=utf-8");
  return Cors(std::move(res));
}

}  // namespace

void AddWebFingerRoutes(Router& router, federation::Federation& fed) {
  RouteOptions options{0, "webfinger"};
  router.Add("GET", "/.well-known/webfinger", options,
             [&fed](const Request& req) { return WebFinger(fed, req); });
  router.Add("GET", "/.well-known/host-meta", RouteOptions{0, "host-meta"},
             [&fed](const Request& req) { return HostMeta(fed, req); });
}

}  // namespace guildhall::web
