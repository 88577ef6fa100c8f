// /api/v1/groups/{slug}/resources and /api/v1/resources/{id}: a group's
// library. Links are JSON; a file is uploaded as the raw request body with
// its name in the query (?filename=&title=&description=), which keeps the
// upload path free of a multipart parser and lets `curl --data-binary @f`
// work as is.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

Result<Response> ResourceResponse(ApiCall& call, unsigned status, const storage::Resource& r) {
  auto authors = GH_TRY(Authors::Load(call.c(), {r.uploader}));
  JsonWriter w;
  WriteResource(w, r, authors);
  return JsonResponse(status, w);
}

Result<Response> ListResources(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto page = GH_TRY(call.c().library.List(call.me_id(), group.group.id, GH_TRY(call.Page())));
  std::vector<Id> ids;
  for (const auto& r : page.items) ids.push_back(r.uploader);
  auto authors = GH_TRY(Authors::Load(call.c(), std::move(ids)));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const storage::Resource& r) { WriteResource(w, r, authors); });
  w.EndObject();
  return JsonResponse(200, w);
}

bool IsJson(const Request& req) {
  std::string_view type = req.headers.Get("Content-Type");
  return type.starts_with("application/json");
}

Result<storage::Resource> AddLink(ApiCall& call, Id group) {
  const JsonBody* body = GH_TRY(call.Body());
  auto kind = GH_TRY(body->String("kind")).value_or("link");
  if (kind != "link") {
    return Error::Invalid(
        "kind: only \"link\" is sent as JSON; upload a file as the raw request body with "
        "?filename=");
  }
  community::LinkDraft link{.title = GH_TRY(body->RequiredString("title")),
                            .description = GH_TRY(body->String("description")).value_or(""),
                            .url = GH_TRY(body->RequiredString("url"))};
  return call.c().library.AddLink(call.me_id(), group, link);
}

Result<storage::Resource> AddFile(ApiCall& call, Id group) {
  community::FileUpload upload{.title = call.QueryOr("title"),
                               .description = call.QueryOr("description"),
                               .file_name = call.QueryOr("filename"),
                               .bytes = call.req().Body()};
  if (upload.file_name.empty()) return Error::Invalid("filename: is required (in the query)");
  return call.c().library.AddFile(call.me_id(), group, upload);
}

Result<Response> AddResource(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto resource =
      IsJson(call.req()) ? AddLink(call, group.group.id) : AddFile(call, group.group.id);
  return ResourceResponse(call, 201, GH_TRY(std::move(resource)));
}

Result<Response> GetResource(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "resource"));
  return ResourceResponse(call, 200, GH_TRY(call.c().library.Get(call.me_id(), id)));
}

Result<Response> Download(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "resource"));
  auto file = GH_TRY(call.c().library.Open(call.me_id(), id));
  Response res;
  res.file_path = file.path.string();
  res.headers.Set("Content-Type", file.media_type);
  // file_name is made safe by the library (no quotes, no control characters).
  res.headers.Set("Content-Disposition", "attachment; filename=\"" + file.file_name + "\"");
  res.headers.Set("X-Content-Type-Options", "nosniff");
  return res;
}

Result<Response> RemoveResource(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "resource"));
  const JsonBody* body = GH_TRY(call.Body());
  auto reason = GH_TRY(body->String("reason")).value_or("");
  GH_CHECK(call.c().library.Remove(call.me_id(), id, reason));
  return OkResponse();
}

}  // namespace

void RegisterResourceRoutes(ApiRoutes& api) {
  api.Get("/groups/{slug}/resources", ListResources);
  api.Upload("/groups/{slug}/resources", AddResource);
  api.Get("/resources/{id}", GetResource);
  api.Get("/resources/{id}/download", Download);
  api.Delete("/resources/{id}", RemoveResource);
}

}  // namespace guildhall::web::api
