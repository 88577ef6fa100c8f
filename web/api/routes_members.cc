// /api/v1/members: the member directory and profiles; /api/v1/notifications.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

Result<Response> SearchMembers(ApiCall& call) {
  community::DirectoryQuery q{.name = call.QueryOr("name"),
                              .skill = call.QueryOr("skill"),
                              .team = call.QueryOr("team"),
                              .location = call.QueryOr("location"),
                              .interest = call.QueryOr("interest"),
                              .q = call.QueryOr("q")};
  auto page = GH_TRY(call.c().directory.Search(call.me_id(), q, GH_TRY(call.Page())));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const community::Profile& p) { WriteProfile(w, p, /*full=*/false); });
  w.EndObject();
  return JsonResponse(200, w);
}

Result<Response> GetMember(ApiCall& call) {
  auto member = GH_TRY(call.Member(call.req().Param("username")));
  const bool full = member.id == call.me_id() || call.me().role == storage::NodeRole::kAdmin;
  JsonWriter w;
  WriteProfile(w, member, full);
  return JsonResponse(200, w);
}

Result<Response> ListNotifications(ApiCall& call) {
  const bool unread_only = call.QueryOr("unread") == "true";
  auto& service = call.c().notifications;
  auto page = GH_TRY(service.List(call.me_id(), GH_TRY(call.Page()), unread_only));
  const uint64_t unread = GH_TRY(service.UnreadCount(call.me_id()));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const storage::Notification& n) { WriteNotification(w, n); });
  w.Field("unread_count", unread).EndObject();
  return JsonResponse(200, w);
}

Result<Response> MarkRead(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto ids = GH_TRY(body->IdList("ids"));
  const bool all = GH_TRY(body->Bool("all")).value_or(false);
  if (!ids && !all) return Error::Invalid("ids: give the ids to mark read, or \"all\": true");
  uint64_t marked = 0;
  if (all) {
    marked = GH_TRY(call.c().notifications.MarkAllRead(call.me_id()));
  } else {
    for (Id id : *ids) {
      GH_CHECK(call.c().notifications.MarkRead(call.me_id(), id));
      ++marked;
    }
  }
  JsonWriter w;
  w.BeginObject().Field("marked", marked).EndObject();
  return JsonResponse(200, w);
}

}  // namespace

void RegisterMemberRoutes(ApiRoutes& api) {
  api.Get("/members", SearchMembers);
  api.Get("/members/{username}", GetMember);
}

void RegisterNotificationRoutes(ApiRoutes& api) {
  api.Get("/notifications", ListNotifications);
  api.Post("/notifications/read", MarkRead);
}

}  // namespace guildhall::web::api
