// /api/v1/replies/{id}: reading, editing, deleting and liking one reply.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

Result<Response> ReplyResponse(ApiCall& call, const community::ReplyView& view) {
  auto authors = GH_TRY(Authors::Load(call.c(), {view.reply.author}));
  JsonWriter w;
  WriteReply(w, view, authors);
  return JsonResponse(200, w);
}

Result<Response> GetReply(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "reply"));
  return ReplyResponse(call, GH_TRY(call.c().replies.Get(call.me_id(), id)));
}

Result<Response> EditReply(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "reply"));
  const JsonBody* body = GH_TRY(call.Body());
  auto text = GH_TRY(body->RequiredString("body"));
  auto version = GH_TRY(body->Int("expected_version"));
  if (version && *version < 0) return Error::Invalid("expected_version: must not be negative");
  auto reply = GH_TRY(
      call.c().replies.Edit(call.me_id(), id, text, static_cast<uint64_t>(version.value_or(0))));
  return ReplyResponse(call, community::ReplyView{reply, false, true});
}

Result<Response> DeleteReply(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "reply"));
  GH_CHECK(call.c().replies.Delete(call.me_id(), id));
  return OkResponse();
}

}  // namespace

void RegisterReplyRoutes(ApiRoutes& api) {
  api.Get("/replies/{id}", GetReply);
  api.Patch("/replies/{id}", EditReply);
  api.Delete("/replies/{id}", DeleteReply);
  api.Post("/replies/{id}/like", LikeHandler("reply", true));
  api.Post("/replies/{id}/unlike", LikeHandler("reply", false));
}

}  // namespace guildhall::web::api
