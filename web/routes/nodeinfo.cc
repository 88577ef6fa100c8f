#include "web/routes/nodeinfo.h"

#include "web/http/status.h"

namespace guildhall::web {
namespace {

Response Json(Result<std::string> body, const Request& req, std::string_view content_type) {
  if (!body) return StatusResponse(req, 404, "not_found", "not found");
  Response res = Response::Json(200, std::move(*body));
  res.headers.Set("Content-Type", std::string(content_type));
  res.headers.Set("Access-Control-Allow-Origin", "*");
  return res;
}

}  // namespace

void AddNodeInfoRoutes(Router& router, federation::Federation& fed) {
  RouteOptions options{0, "nodeinfo"};
  router.Add("GET", "/.well-known/nodeinfo", options, [&fed](const Request& req) {
    return Json(fed.discovery().NodeInfoLinks(), req, "application/json");
  });
  for (const char* version : {"2.0", "2.1"}) {
    const std::string path = std::string("/nodeinfo/") + version;
    const std::string type =
        std::string("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/") +
        version + "#\"";
    router.Add("GET", path, options, [&fed, version, type](const Request& req) {
      return Json(fed.discovery().NodeInfoDocument(version), req, type);
    });
  }
}

}  // namespace guildhall::web
