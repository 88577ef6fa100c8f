// /api/v1/me: the caller's own profile, password, groups and API tokens.
#include "web/api/dto.h"
#include "web/api/handler.h"
#include "web/auth/client_address.h"
#include "web/auth/throttled.h"

namespace guildhall::web::api {
namespace {

Result<Response> GetMe(ApiCall& call) {
  JsonWriter w;
  WriteProfile(w, call.me(), /*full=*/true);
  return JsonResponse(200, w);
}

Result<community::ProfileUpdate> ProfileUpdateOf(const JsonBody& b) {
  community::ProfileUpdate u;
  u.display_name = GH_TRY(b.String("display_name"));
  u.bio = GH_TRY(b.String("bio"));
  u.title = GH_TRY(b.String("title"));
  u.team = GH_TRY(b.String("team"));
  u.location = GH_TRY(b.String("location"));
  u.skills = GH_TRY(b.StringList("skills"));
  u.interests = GH_TRY(b.StringList("interests"));
  u.federation = GH_TRY(b.Bool("federation"));
  auto version = GH_TRY(b.Int("expected_version"));
  if (version && *version < 0) return Error::Invalid("expected_version: must not be negative");
  u.expected_version = static_cast<uint64_t>(version.value_or(0));
  return u;
}

Result<Response> PatchMe(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto update = GH_TRY(ProfileUpdateOf(*body));
  auto profile = GH_TRY(call.c().profiles.Update(call.me_id(), call.me_id(), update));
  JsonWriter w;
  WriteProfile(w, profile, /*full=*/true);
  return JsonResponse(200, w);
}

Result<Response> ChangePassword(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto old_password = GH_TRY(body->RequiredString("old_password"));
  auto new_password = GH_TRY(body->RequiredString("new_password"));
  const std::string address = ClientAddress(call.req());
  // The token of this call keeps working; every other token and session ends.
  auto changed = call.c().accounts.ChangePassword(call.me_id(), old_password, new_password,
                                                  {.api_token = BearerToken(call.req())}, address);
  if (!changed) {
    auto wait = ThrottledFor(changed.error(), call.c().login_throttle, call.me().username, address);
    if (wait.count() > 0) return ThrottledResponse(wait);
  }
  // A wrong old password is a bad field here, not a bad token: 401 would
  // tell the client its credentials stopped working.
  if (!changed && changed.error().code == Code::kUnauthorized &&
      changed.error().message.starts_with("old_password:")) {
    return Error::Invalid(changed.error().message);
  }
  GH_CHECK(changed);
  return OkResponse();
}

Result<Response> MyGroups(ApiCall& call) {
  auto groups = GH_TRY(call.c().groups.ListMine(call.me_id()));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& g : groups) WriteGroup(w, g);
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

void WriteToken(JsonWriter& w, const storage::ApiToken& t) {
  w.IdField("id", t.id).Field("name", t.name).TimeField("created", t.created);
}

Result<Response> ListTokens(ApiCall& call) {
  auto tokens = GH_TRY(call.c().api_tokens.List(call.me_id()));
  JsonWriter w;
  w.BeginObject().Key("items").BeginArray();
  for (const auto& t : tokens) {
    w.BeginObject();
    WriteToken(w, t);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Result<Response> CreateToken(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto name = GH_TRY(body->RequiredString("name"));
  auto created = GH_TRY(call.c().api_tokens.Create(call.me_id(), name));
  JsonWriter w;
  w.BeginObject();
  WriteToken(w, created.record);
  w.Field("token", created.token).EndObject();  // shown this once
  return JsonResponse(201, w);
}

Result<Response> RevokeToken(ApiCall& call) {
  Id id = GH_TRY(call.PathId("id", "token"));
  GH_CHECK(call.c().api_tokens.Revoke(call.me_id(), id));
  return OkResponse();
}

}  // namespace

void RegisterMeRoutes(ApiRoutes& api) {
  api.Get("/me", GetMe);
  api.Patch("/me", PatchMe);
  api.Post("/me/password", ChangePassword);
  api.Get("/me/groups", MyGroups);
  api.Get("/me/tokens", ListTokens);
  api.Post("/me/tokens", CreateToken);
  api.Delete("/me/tokens/{id}", RevokeToken);
}

}  // namespace guildhall::web::api
