#include "web/ui/static_files.h"

#include <map>

#include "node/community/crypto.h"
#include "web/html/assets.h"

namespace guildhall::web {
namespace {

constexpr std::string_view kStaticDir = "static/";

struct StaticFile {
  std::string_view content;
  std::string content_type;
  std::string hash;  // 12 hex digits
  std::string href;
};

std::string TypeFor(std::string_view name) {
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const std::map<std::string, StaticFile, std::less<>>& Files() {
  static const auto files = [] {
    std::map<std::string, StaticFile, std::less<>> out;
    for (const auto& file : html::EmbeddedFiles()) {
      if (!file.path.starts_with(kStaticDir)) continue;
      const std::string name(file.path.substr(kStaticDir.size()));
      const auto digest = community::Sha256(file.content);
      std::string hash =
          community::HexEncode(
              std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()))
              .substr(0, 12);
      out[name] = {file.content, TypeFor(name), hash, "/static/" + name + "?v=" + hash};
    }
    return out;
  }();
  return files;
}

Response Serve(const Request& req) {
  auto it = Files().find(req.Param("*"));
  if (it == Files().end()) return Response::Text(404, "not found\n");
  const StaticFile& file = it->second;
  const std::string etag = "\"" + file.hash + "\"";
  Response res;
  res.headers.Set("ETag", etag);
  res.headers.Set("X-Content-Type-Options", "nosniff");
  // Only a URL naming this exact content may be cached for good.
  res.headers.Set("Cache-Control", req.Query("v") == file.hash
                                       ? "public, max-age=31536000, immutable"
                                       : "public, max-age=300");
  if (req.headers.Get("If-None-Match") == etag) {
    res.status = 304;
    return res;
  }
  res.headers.Set("Content-Type", file.content_type);
  res.body = std::string(file.content);
  return res;
}

}  // namespace

const std::string& StaticHref(std::string_view file) {
  static const std::string missing = "/static/missing";
  auto it = Files().find(file);
  return it == Files().end() ? missing : it->second.href;
}

void RegisterStaticRoutes(Router& router) {
  router.Add("GET", "/static/*", {.body_limit = 0, .name = "static"}, Serve);
  router.Add("GET", "/favicon.ico", {.body_limit = 0, .name = "favicon"},
             [](const Request&) { return Response::Redirect(StaticHref("favicon.svg"), 301); });
}

}  // namespace guildhall::web
