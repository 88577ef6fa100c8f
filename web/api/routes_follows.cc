// /api/v1/follows: following communities on other nodes. The work is
// federation's (ExternalFollows in api.h); without it these answer 501.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

Response NotImplemented() {
  JsonWriter w;
  w.BeginObject()
      .Field("error", "not_implemented")
      .Field("message", "following communities on other nodes is not available on this node")
      .EndObject();
  return JsonResponse(501, w);
}

void WriteFollow(JsonWriter& w, const ExternalFollow& f) {
  w.BeginObject()
      .Field("handle", f.handle)
      .Field("group", f.group_slug)
      .Field("state", f.state)
      .Field("actor_uri", f.actor_uri)
      .TimeField("since", f.since)
      .EndObject();
}

Result<Response> Follow(ApiCall& call) {
  ExternalFollows* follows = call.state().follows;
  if (!follows) return NotImplemented();
  const JsonBody* body = GH_TRY(call.Body());
  auto handle = GH_TRY(body->RequiredString("handle"));
  auto follow = GH_TRY(follows->Follow(call.me_id(), handle));
  JsonWriter w;
  WriteFollow(w, follow);
  return JsonResponse(201, w);
}

Result<Response> ListFollows(ApiCall& call) {
  ExternalFollows* follows = call.state().follows;
  if (!follows) return NotImplemented();
  auto list = GH_TRY(follows->List(call.me_id()));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& f : list) WriteFollow(w, f);
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Result<Response> Unfollow(ApiCall& call) {
  ExternalFollows* follows = call.state().follows;
  if (!follows) return NotImplemented();
  GH_CHECK(follows->Unfollow(call.me_id(), call.req().Param("handle")));
  return OkResponse();
}

}  // namespace

void RegisterFollowRoutes(ApiRoutes& api) {
  api.Post("/follows", Follow);
  api.Get("/follows", ListFollows);
  api.Delete("/follows/{handle}", Unfollow);
}

}  // namespace guildhall::web::api
