// /api/v1/groups/{slug}/...: joining, leaving, requests, invitations, roles
// and bans. Members are named by handle in the path ("alice").
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

Result<Response> MembershipResponse(const storage::Membership& m) {
  JsonWriter w;
  WriteMembership(w, m);
  return JsonResponse(200, w);
}

Result<Response> Join(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  return MembershipResponse(GH_TRY(call.c().memberships.Join(call.me_id(), group.group.id)));
}

Result<Response> Leave(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  GH_CHECK(call.c().memberships.Leave(call.me_id(), group.group.id));
  return OkResponse();
}

Result<Response> Approve(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto member = GH_TRY(call.Member(call.req().Param("member")));
  return MembershipResponse(
      GH_TRY(call.c().memberships.Approve(call.me_id(), group.group.id, member.id)));
}

Result<Response> Deny(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto member = GH_TRY(call.Member(call.req().Param("member")));
  GH_CHECK(call.c().memberships.Deny(call.me_id(), group.group.id, member.id));
  return OkResponse();
}

Result<Response> Invite(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  const JsonBody* body = GH_TRY(call.Body());
  auto member = GH_TRY(call.Member(GH_TRY(body->RequiredString("username"))));
  return MembershipResponse(
      GH_TRY(call.c().memberships.Invite(call.me_id(), group.group.id, member.id)));
}

Result<Response> SetRole(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto member = GH_TRY(call.Member(call.req().Param("member")));
  const JsonBody* body = GH_TRY(call.Body());
  auto role = GH_TRY(
      ParseEnum<storage::GroupRole>(kGroupRoles, "role", GH_TRY(body->RequiredString("role"))));
  return MembershipResponse(
      GH_TRY(call.c().memberships.SetRole(call.me_id(), group.group.id, member.id, role)));
}

Result<Response> Ban(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  const JsonBody* body = GH_TRY(call.Body());
  auto member = GH_TRY(call.Member(GH_TRY(body->RequiredString("username"))));
  auto reason = GH_TRY(body->RequiredString("reason"));
  GH_CHECK(call.c().moderation.Ban(call.me_id(), group.group.id, member.id, reason));
  return OkResponse();
}

Result<Response> Unban(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto member = GH_TRY(call.Member(call.req().Param("member")));
  const JsonBody* body = GH_TRY(call.Body());
  auto reason = GH_TRY(body->String("reason")).value_or("");
  GH_CHECK(call.c().moderation.Unban(call.me_id(), group.group.id, member.id, reason));
  return OkResponse();
}

}  // namespace

void RegisterMembershipRoutes(ApiRoutes& api) {
  api.Post("/groups/{slug}/join", Join);
  api.Post("/groups/{slug}/leave", Leave);
  api.Post("/groups/{slug}/requests/{member}/approve", Approve);
  api.Post("/groups/{slug}/requests/{member}/deny", Deny);
  api.Post("/groups/{slug}/invites", Invite);
  api.Post("/groups/{slug}/members/{member}/role", SetRole);
  api.Post("/groups/{slug}/bans", Ban);
  api.Delete("/groups/{slug}/bans/{member}", Unban);
}

}  // namespace guildhall::web::api
