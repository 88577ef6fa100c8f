// /api/v1/admin/...: node administration (accounts, invites, the audit log).
// The community services check that the caller is an admin (or, for
// invites, node staff); these handlers only translate.
#include "node/community/crypto.h"
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

// 20 characters without look-alikes (about 100 bits), shown once.
Result<std::string> GeneratePassword() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  auto raw = GH_TRY(community::RandomBytes(20));
  std::string out;
  for (unsigned char c : raw) out.push_back(kAlphabet[c % kAlphabet.size()]);
  return out;
}

Result<Response> CreateUser(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  community::NewMember member;
  member.username = GH_TRY(body->RequiredString("username"));
  member.display_name = GH_TRY(body->String("display_name")).value_or("");
  auto password = GH_TRY(body->String("password"));
  member.password = password ? *password : GH_TRY(GeneratePassword());
  if (GH_TRY(body->Bool("admin")).value_or(false)) member.role = storage::NodeRole::kAdmin;
  if (auto role = GH_TRY(EnumField<storage::NodeRole>(*body, kNodeRoles, "role"))) {
    member.role = *role;
  }
  auto profile = GH_TRY(call.c().accounts.Create(call.me_id(), member));
  JsonWriter w;
  w.BeginObject().Key("member");
  WriteProfile(w, profile, /*full=*/true);
  if (!password) w.Field("password", member.password);  // generated: shown this once
  w.EndObject();
  return JsonResponse(201, w);
}

Result<Response> ProfileResponse(const community::Profile& p) {
  JsonWriter w;
  WriteProfile(w, p, /*full=*/true);
  return JsonResponse(200, w);
}

ApiHandler Suspend(bool suspend) {
  return [suspend](ApiCall& call) -> Result<Response> {
    auto member = GH_TRY(call.Member(call.req().Param("name")));
    const JsonBody* body = GH_TRY(call.Body());
    auto reason = GH_TRY(body->String("reason")).value_or("");
    auto& a = call.c().accounts;
    return ProfileResponse(GH_TRY(suspend ? a.Suspend(call.me_id(), member.id, reason)
                                          : a.Unsuspend(call.me_id(), member.id, reason)));
  };
}

Result<Response> ResetPassword(ApiCall& call) {
  auto member = GH_TRY(call.Member(call.req().Param("name")));
  auto password = GH_TRY(call.c().accounts.ResetPassword(call.me_id(), member.id));
  JsonWriter w;
  w.BeginObject().Field("username", member.username).Field("password", password).EndObject();
  return JsonResponse(200, w);
}

Result<Response> ListLoginLocks(ApiCall& call) {
  auto locks = GH_TRY(call.c().accounts.LoginLocks(call.me_id()));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& lock : locks) {
    w.BeginObject()
        .Field("kind", lock.kind == community::ThrottleKind::kAccount ? "account" : "address")
        .Field("key", lock.key)
        .Field("failures", static_cast<int64_t>(lock.failures))
        .TimeField("locked_until", lock.locked_until)
        .EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Result<Response> ClearLoginLock(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  const std::string kind = GH_TRY(body->RequiredString("kind"));
  if (kind != "account" && kind != "address") {
    return Error::Invalid("kind: must be account or address");
  }
  const std::string key = GH_TRY(body->RequiredString("key"));
  GH_CHECK(call.c().accounts.ClearLoginLock(
      call.me_id(),
      kind == "account" ? community::ThrottleKind::kAccount : community::ThrottleKind::kAddress,
      key));
  return OkResponse();
}

Result<Response> SetRole(ApiCall& call) {
  auto member = GH_TRY(call.Member(call.req().Param("name")));
  const JsonBody* body = GH_TRY(call.Body());
  auto role = GH_TRY(
      ParseEnum<storage::NodeRole>(kNodeRoles, "role", GH_TRY(body->RequiredString("role"))));
  return ProfileResponse(GH_TRY(call.c().accounts.SetRole(call.me_id(), member.id, role)));
}

Result<Response> CreateInvite(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  Id group;
  std::string slug = GH_TRY(body->String("group")).value_or("");
  if (!slug.empty()) group = GH_TRY(call.c().groups.GetBySlug(call.me_id(), slug)).group.id;
  std::optional<std::chrono::milliseconds> ttl;
  if (auto hours = GH_TRY(body->Int("ttl_hours"))) {
    if (*hours < 1 || *hours > 24 * 90) return Error::Invalid("ttl_hours: must be from 1 to 2160");
    ttl = std::chrono::hours(*hours);
  }
  auto invite = GH_TRY(call.c().invites.Create(call.me_id(), group, ttl));
  JsonWriter w;
  w.BeginObject()
      .IdField("id", invite.invite.id)
      .Field("token", invite.token)
      .Field("url", call.state().options.public_origin + "/invite/" + invite.token)
      .Field("group", slug)
      .TimeField("expires", invite.invite.expires)
      .EndObject();
  return JsonResponse(201, w);
}

Result<community::AuditFilter> AuditFilterOf(ApiCall& call) {
  community::AuditFilter f;
  f.action = call.QueryOr("action");
  if (auto actor = call.QueryOr("actor"); !actor.empty()) f.actor = GH_TRY(call.Member(actor)).id;
  if (auto slug = call.QueryOr("group"); !slug.empty()) {
    f.group = GH_TRY(call.c().groups.GetBySlug(call.me_id(), slug)).group.id;
  }
  if (auto since = call.QueryOr("since"); !since.empty()) {
    auto ms = ParseTime(since);
    if (!ms)
      return Error::Invalid("since: must be an RFC 3339 date-time like 2026-12-01T00:00:00Z");
    f.since = *ms;
  }
  return f;
}

Result<Response> ListAudit(ApiCall& call) {
  auto filter = GH_TRY(AuditFilterOf(call));
  auto page = GH_TRY(call.c().audit.List(call.me_id(), filter, GH_TRY(call.Page())));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const storage::AuditEntry& e) { w.Raw(community::AuditEntryToJson(e)); });
  w.EndObject();
  return JsonResponse(200, w);
}

Result<Response> ExportAudit(ApiCall& call) {
  auto filter = GH_TRY(AuditFilterOf(call));
  Response res;
  res.body = GH_TRY(call.c().audit.ExportJsonl(call.me_id(), filter));
  res.headers.Set("Content-Type", "application/x-ndjson; charset=utf-8");
  return res;
}

}  // namespace

void RegisterAdminRoutes(ApiRoutes& api) {
  api.Post("/admin/users", CreateUser);
  api.Post("/admin/users/{name}/suspend", Suspend(true));
  api.Post("/admin/users/{name}/unsuspend", Suspend(false));
  api.Post("/admin/users/{name}/reset-password", ResetPassword);
  api.Post("/admin/users/{name}/role", SetRole);
  api.Get("/admin/login-locks", ListLoginLocks);
  api.Post("/admin/login-locks/clear", ClearLoginLock);
  api.Post("/admin/invites", CreateInvite);
  api.Get("/admin/audit", ListAudit);
  api.Get("/admin/audit.jsonl", ExportAudit);
}

}  // namespace guildhall::web::api
