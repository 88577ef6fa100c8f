// GET /api/v1/search: full-text search over what the caller may see
// (node/search/search.h re-checks every hit with the pages' access policy).
// The cursor is the offset into the caller's visible results, as a decimal
// string; results past node/search's candidate bound are not reachable.
#include <charconv>

#include "node/search/search.h"
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

Result<size_t> NumberParam(const ApiCall& call, std::string_view name, size_t fallback) {
  const std::string text = call.QueryOr(name);
  if (text.empty()) return fallback;
  size_t out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Error::Invalid(std::string(name) + ": not a number");
  }
  return out;
}

void WriteFacets(JsonWriter& w, std::string_view key, const std::vector<search::FacetCount>& f) {
  w.Key(key).BeginArray();
  for (const auto& c : f)
    w.BeginObject().Field("value", c.value).Field("count", c.count).EndObject();
  w.EndArray();
}

void WriteHit(JsonWriter& w, const search::SearchHit& hit) {
  w.BeginObject()
      .Field("type", search::KindName(hit.ref.kind))
      .IdField("id", hit.ref.id)
      .Field("title", hit.title)
      .Field("snippet_html", hit.snippet_html)
      .TimeField("created", hit.at);
  if (!hit.group_slug.empty()) w.Field("group", hit.group_slug);
  if (!hit.author_name.empty()) w.Field("author", hit.author_name);
  if (hit.thread) w.IdField("thread", hit.thread);
  w.EndObject();
}

Result<Response> RunSearch(ApiCall& call) {
  const search::Search* search = call.state().search;
  if (!search) {
    JsonWriter w;
    w.BeginObject()
        .Field("error", "not_implemented")
        .Field("message", "search is not available on this node")
        .EndObject();
    return JsonResponse(501, w);
  }
  search::SearchRequest request{.q = call.QueryOr("q"), .group = call.QueryOr("group")};
  if (const std::string type = call.QueryOr("type"); !type.empty()) {
    request.kind = search::KindOfName(type);
    if (!request.kind) {
      return Error::Invalid("type: one of thread, reply, event, resource, group, member");
    }
  }
  request.offset = GH_TRY(NumberParam(call, "cursor", 0));
  request.limit = GH_TRY(NumberParam(call, "limit", 20));
  const search::SearchResults results = GH_TRY(search->Run(call.me_id(), request));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& hit : results.hits) WriteHit(w, hit);
  w.EndArray().Key("next");
  if (results.next_offset) {
    w.String(std::to_string(*results.next_offset));
  } else {
    w.Null();
  }
  w.Field("total", results.total).Field("total_is_lower_bound", results.total_capped);
  WriteFacets(w, "types", results.kinds);
  WriteFacets(w, "groups", results.groups);
  w.EndObject();
  return JsonResponse(200, w);
}

}  // namespace

void RegisterSearchRoutes(ApiRoutes& api) { api.Get("/search", RunSearch); }

}  // namespace guildhall::web::api
