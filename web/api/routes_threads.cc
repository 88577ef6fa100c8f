// /api/v1/groups/{slug}/threads and /api/v1/threads/{id}: discussions.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

Result<Response> ThreadResponse(ApiCall& call, unsigned status, const storage::Thread& t) {
  auto authors = GH_TRY(Authors::Load(call.c(), {t.author}));
  JsonWriter w;
  WriteThread(w, t, authors);
  return JsonResponse(status, w);
}

Result<Response> ListThreads(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto page = GH_TRY(call.c().threads.List(call.me_id(), group.group.id, GH_TRY(call.Page())));
  std::vector<Id> ids;
  for (const auto& s : page.items) ids.push_back(s.thread.author);
  auto authors = GH_TRY(Authors::Load(call.c(), std::move(ids)));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const community::ThreadSummary& s) {
    w.BeginObject();
    WriteThreadFields(w, s.thread, authors);
    w.Field("unread", s.unread).Field("unread_replies", s.unread_replies).EndObject();
  });
  w.EndObject();
  return JsonResponse(200, w);
}

Result<Response> CreateThread(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  const JsonBody* body = GH_TRY(call.Body());
  community::ThreadDraft draft;
  draft.title = GH_TRY(body->RequiredString("title"));
  draft.body = GH_TRY(body->RequiredString("body"));
  auto thread = GH_TRY(call.c().threads.Create(call.me_id(), group.group.id, draft));
  return ThreadResponse(call, 201, thread);
}

// "items" and "next" of a page of replies, into an open object.
Result<> WriteReplies(ApiCall& call, JsonWriter& w, Id thread) {
  auto page = GH_TRY(call.c().replies.List(call.me_id(), thread, GH_TRY(call.Page())));
  std::vector<Id> ids;
  for (const auto& r : page.items) ids.push_back(r.reply.author);
  auto authors = GH_TRY(Authors::Load(call.c(), std::move(ids)));
  WritePage(w, page, [&](const community::ReplyView& r) { WriteReply(w, r, authors); });
  return Ok();
}

Result<Response> GetThread(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "thread"));
  auto view = GH_TRY(call.c().threads.Get(call.me_id(), id));
  auto authors = GH_TRY(Authors::Load(call.c(), {view.thread.author}));
  JsonWriter w;
  w.BeginObject();
  WriteThreadFields(w, view.thread, authors);
  w.Field("liked", view.liked).Field("can_edit", view.can_edit).Key("can");
  WriteCapabilities(w, view.can);
  w.Key("replies").BeginObject();
  GH_CHECK(WriteReplies(call, w, id));
  w.EndObject().EndObject();
  return JsonResponse(200, w);
}

Result<Response> ListReplies(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "thread"));
  JsonWriter w;
  w.BeginObject();
  GH_CHECK(WriteReplies(call, w, id));
  w.EndObject();
  return JsonResponse(200, w);
}

Result<Response> EditThread(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "thread"));
  const JsonBody* body = GH_TRY(call.Body());
  auto title = GH_TRY(body->String("title"));
  auto text = GH_TRY(body->String("body"));
  auto version = GH_TRY(body->Int("expected_version"));
  if (version && *version < 0) return Error::Invalid("expected_version: must not be negative");
  community::ThreadEdit edit;
  edit.expected_version = static_cast<uint64_t>(version.value_or(0));
  if (!title || !text) {  // a partial edit keeps the other field as it is
    auto current = GH_TRY(call.c().threads.Get(call.me_id(), id));
    edit.title = current.thread.title;
    edit.body = current.thread.body;
    // The kept field was read just now: an edit in between must not be
    // silently reverted, so it conflicts instead.
    if (!edit.expected_version) edit.expected_version = current.thread.version;
  }
  if (title) edit.title = *title;
  if (text) edit.body = *text;
  return ThreadResponse(call, 200, GH_TRY(call.c().threads.Edit(call.me_id(), id, edit)));
}

Result<Response> DeleteThread(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "thread"));
  GH_CHECK(call.c().threads.Delete(call.me_id(), id));
  return OkResponse();
}

// pin, unpin, lock, unlock.
ApiHandler Moderate(bool pin, bool value) {
  return [pin, value](ApiCall& call) -> Result<Response> {
    Id id = GH_TRY(call.PathId("id", "thread"));
    auto& threads = call.c().threads;
    auto t = GH_TRY(pin ? threads.SetPinned(call.me_id(), id, value)
                        : threads.SetLocked(call.me_id(), id, value));
    return ThreadResponse(call, 200, t);
  };
}

Result<Response> CreateReply(ApiCall& call) {
  Id thread = GH_TRY(call.PathId("id", "thread"));
  const JsonBody* body = GH_TRY(call.Body());
  community::ReplyDraft draft;
  draft.in_reply_to = GH_TRY(body->IdField("in_reply_to")).value_or(Id{});
  draft.body = GH_TRY(body->RequiredString("body"));
  auto reply = GH_TRY(call.c().replies.Create(call.me_id(), thread, draft));
  auto authors = GH_TRY(Authors::Load(call.c(), {reply.author}));
  JsonWriter w;
  WriteReply(w, community::ReplyView{reply, false, true}, authors);
  return JsonResponse(201, w);
}

}  // namespace

// like / unlike of a thread or reply: {"like_count": n, "liked": bool}.
ApiHandler LikeHandler(std::string_view what, bool like) {
  return [what = std::string(what), like](ApiCall& call) -> Result<Response> {
    Id id = GH_TRY(call.PathId("id", what));
    auto& likes = call.c().likes;
    uint64_t count = GH_TRY(like ? likes.Like(call.me_id(), id) : likes.Unlike(call.me_id(), id));
    JsonWriter w;
    w.BeginObject().Field("like_count", count).Field("liked", like).EndObject();
    return JsonResponse(200, w);
  };
}

void RegisterThreadRoutes(ApiRoutes& api) {
  api.Get("/groups/{slug}/threads", ListThreads);
  api.Post("/groups/{slug}/threads", CreateThread);
  api.Get("/threads/{id}", GetThread);
  api.Get("/threads/{id}/replies", ListReplies);
  api.Patch("/threads/{id}", EditThread);
  api.Delete("/threads/{id}", DeleteThread);
  api.Post("/threads/{id}/pin", Moderate(true, true));
  api.Post("/threads/{id}/unpin", Moderate(true, false));
  api.Post("/threads/{id}/lock", Moderate(false, true));
  api.Post("/threads/{id}/unlock", Moderate(false, false));
  api.Post("/threads/{id}/like", LikeHandler("thread", true));
  api.Post("/threads/{id}/unlike", LikeHandler("thread", false));
  api.Post("/threads/{id}/replies", CreateReply);
}

}  // namespace guildhall::web::api
