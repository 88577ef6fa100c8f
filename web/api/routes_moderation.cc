// /api/v1/reports and /api/v1/moderation/...: reporting content or members,
// the moderators' queue, and removing or restoring content with a reason.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

using storage::ReportState;
using storage::ReportTarget;

Result<Response> ReportResponse(unsigned status, const storage::Report& r) {
  JsonWriter w;
  WriteReport(w, r);
  return JsonResponse(status, w);
}

// A member report may name the member by handle instead of id.
Result<Id> TargetId(ApiCall& call, const JsonBody& body, ReportTarget kind) {
  if (kind == ReportTarget::kMember) {
    auto text = GH_TRY(body.String("target_id"));
    if (text && !Id::Parse(*text)) return GH_TRY(call.Member(*text)).id;
  }
  return body.RequiredId("target_id");
}

Result<Response> FileReport(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto kind = GH_TRY(ParseEnum<ReportTarget>(kReportTargets, "target_kind",
                                             GH_TRY(body->RequiredString("target_kind"))));
  community::ReportDraft draft{.kind = kind,
                               .target = GH_TRY(TargetId(call, *body, kind)),
                               .reason = GH_TRY(body->RequiredString("reason"))};
  return ReportResponse(201, GH_TRY(call.c().moderation.File(call.me_id(), draft)));
}

Result<Response> Queue(ApiCall& call) {
  Id group;
  if (auto slug = call.req().Query("group"); slug && !slug->empty()) {
    auto view = GH_TRY(call.c().groups.GetBySlug(call.me_id(), *slug));
    group = view.group.id;
  }
  auto state = ReportState::kOpen;
  if (auto s = call.req().Query("state")) {
    state = GH_TRY(ParseEnum<ReportState>(kReportStates, "state", *s));
  }
  auto page = GH_TRY(call.c().moderation.Queue(call.me_id(), group, state, GH_TRY(call.Page())));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const storage::Report& r) { WriteReport(w, r); });
  w.EndObject();
  return JsonResponse(200, w);
}

ApiHandler CloseReport(bool resolve) {
  return [resolve](ApiCall& call) -> Result<Response> {
    Id id = GH_TRY(call.PathId("id", "report"));
    const JsonBody* body = GH_TRY(call.Body());
    auto text = GH_TRY(body->String("resolution")).value_or("");
    auto& m = call.c().moderation;
    return ReportResponse(200, GH_TRY(resolve ? m.Resolve(call.me_id(), id, text)
                                              : m.Dismiss(call.me_id(), id, text)));
  };
}

// {kind: thread|reply|resource, id, reason}: removal hides the content and
// shows the reason to its author; restore undoes it (threads and replies).
ApiHandler RemoveOrRestore(bool remove) {
  return [remove](ApiCall& call) -> Result<Response> {
    const JsonBody* body = GH_TRY(call.Body());
    auto kind = GH_TRY(body->RequiredString("kind"));
    Id id = GH_TRY(body->RequiredId("id"));
    auto reason = GH_TRY(body->RequiredString("reason"));
    auto& m = call.c().moderation;
    const Id me = call.me_id();
    if (kind == "thread") {
      GH_CHECK(remove ? m.RemoveThread(me, id, reason) : m.RestoreThread(me, id, reason));
    } else if (kind == "reply") {
      GH_CHECK(remove ? m.RemoveReply(me, id, reason) : m.RestoreReply(me, id, reason));
    } else if (kind == "resource" && remove) {
      GH_CHECK(call.c().library.Remove(me, id, reason));
    } else {
      return Error::Invalid(remove ? "kind: must be one of thread, reply, resource"
                                   : "kind: must be one of thread, reply");
    }
    return OkResponse();
  };
}

// Posts from limited peers awaiting a moderator (spec/POLICY.md §1):
// GET /moderation/held?group=SLUG, POST /moderation/held/{id}/approve and
// /reject with {"group": SLUG, "reason"?}. Through the policy facade.
Result<federation::PolicyAdmin*> HeldQueue(ApiCall& call) {
  if (!call.state().policy) return Error::Unavailable("federation is not served here");
  return call.state().policy;
}

Result<Response> ListHeld(ApiCall& call) {
  auto slug = call.req().Query("group");
  if (!slug || slug->empty()) return Error::Invalid("group: required (the group's slug)");
  auto held = GH_TRY(GH_TRY(HeldQueue(call))->HeldPosts(call.me_id(), *slug));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& h : held) {
    w.BeginObject().IdField("id", h.post.id).Field("kind", h.kind).Field("author", h.author);
    w.Field("author_name", h.author_name).Field("title", h.title).Field("body", h.body);
    w.Field("object_id", h.post.object_id).TimeField("received", h.post.received).EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

ApiHandler DecideHeld(bool approve) {
  return [approve](ApiCall& call) -> Result<Response> {
    const Id id = GH_TRY(call.PathId("id", "held post"));
    const JsonBody* body = GH_TRY(call.Body());
    const std::string group = GH_TRY(body->RequiredString("group"));
    auto* queue = GH_TRY(HeldQueue(call));
    if (approve) {
      GH_CHECK(queue->ApproveHeld(call.me_id(), group, id));
    } else {
      auto reason = GH_TRY(body->String("reason")).value_or("");
      GH_CHECK(queue->RejectHeld(call.me_id(), group, id, reason));
    }
    return OkResponse();
  };
}

}  // namespace

void RegisterModerationRoutes(ApiRoutes& api) {
  api.Get("/moderation/held", ListHeld);
  api.Post("/moderation/held/{id}/approve", DecideHeld(true));
  api.Post("/moderation/held/{id}/reject", DecideHeld(false));
  api.Post("/reports", FileReport);
  api.Get("/moderation/reports", Queue);
  api.Post("/moderation/reports/{id}/resolve", CloseReport(true));
  api.Post("/moderation/reports/{id}/dismiss", CloseReport(false));
  api.Post("/moderation/remove", RemoveOrRestore(true));
  api.Post("/moderation/restore", RemoveOrRestore(false));
}

}  // namespace guildhall::web::api
