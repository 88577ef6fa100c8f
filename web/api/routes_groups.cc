// /api/v1/groups: create, list, read and edit groups, and list members.
#include "web/api/dto.h"
#include "web/api/handler.h"

namespace guildhall::web::api {
namespace {

using storage::GroupKind;
using storage::GroupScope;
using storage::JoinMode;

Result<Response> GroupResponse(unsigned status, const community::GroupView& g) {
  JsonWriter w;
  WriteGroup(w, g);
  return JsonResponse(status, w);
}

Result<community::GroupDraft> GroupDraftOf(const JsonBody& b) {
  community::GroupDraft d;
  d.slug = GH_TRY(b.RequiredString("slug"));
  d.name = GH_TRY(b.RequiredString("name"));
  d.description = GH_TRY(b.String("description")).value_or("");
  d.kind = GH_TRY(EnumField<GroupKind>(b, kGroupKinds, "kind")).value_or(d.kind);
  d.scope = GH_TRY(EnumField<GroupScope>(b, kGroupScopes, "scope")).value_or(d.scope);
  d.join_mode = GH_TRY(EnumField<JoinMode>(b, kJoinModes, "join_mode")).value_or(d.join_mode);
  return d;
}

Result<Response> CreateGroup(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto draft = GH_TRY(GroupDraftOf(*body));
  return GroupResponse(201, GH_TRY(call.c().groups.Create(call.me_id(), draft)));
}

Result<Response> ListGroups(ApiCall& call) {
  std::optional<GroupKind> kind;
  if (auto k = call.req().Query("kind"))
    kind = GH_TRY(ParseEnum<GroupKind>(kGroupKinds, "kind", *k));
  auto page = GH_TRY(call.c().groups.ListVisible(call.me_id(), GH_TRY(call.Page()), kind));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const community::GroupView& g) { WriteGroup(w, g); });
  w.EndObject();
  return JsonResponse(200, w);
}

Result<Response> GetGroup(ApiCall& call) { return GroupResponse(200, GH_TRY(call.Group())); }

Result<community::GroupUpdate> GroupUpdateOf(const JsonBody& b) {
  community::GroupUpdate u;
  u.name = GH_TRY(b.String("name"));
  u.description = GH_TRY(b.String("description"));
  u.kind = GH_TRY(EnumField<GroupKind>(b, kGroupKinds, "kind"));
  u.scope = GH_TRY(EnumField<GroupScope>(b, kGroupScopes, "scope"));
  u.join_mode = GH_TRY(EnumField<JoinMode>(b, kJoinModes, "join_mode"));
  if (b.Has("slug")) return Error::Invalid("slug: cannot be changed");
  auto version = GH_TRY(b.Int("expected_version"));
  if (version && *version < 0) return Error::Invalid("expected_version: must not be negative");
  u.expected_version = static_cast<uint64_t>(version.value_or(0));
  return u;
}

Result<Response> PatchGroup(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  const JsonBody* body = GH_TRY(call.Body());
  auto update = GH_TRY(GroupUpdateOf(*body));
  return GroupResponse(200, GH_TRY(call.c().groups.Update(call.me_id(), group.group.id, update)));
}

Result<Response> ListMembers(ApiCall& call) {
  auto group = GH_TRY(call.Group());
  auto state = storage::MembershipState::kActive;
  if (auto s = call.req().Query("state")) {
    state = GH_TRY(ParseEnum<storage::MembershipState>(kMembershipStates, "state", *s));
  }
  auto page =
      GH_TRY(call.c().memberships.List(call.me_id(), group.group.id, state, GH_TRY(call.Page())));
  JsonWriter w;
  w.BeginObject();
  WritePage(w, page, [&](const community::MemberEntry& e) {
    w.BeginObject().Key("member");
    WriteProfile(w, e.member, /*full=*/false);
    w.Key("membership");
    WriteMembership(w, e.membership);
    w.EndObject();
  });
  w.EndObject();
  return JsonResponse(200, w);
}

}  // namespace

void RegisterGroupRoutes(ApiRoutes& api) {
  api.Post("/groups", CreateGroup);
  api.Get("/groups", ListGroups);
  api.Get("/groups/{slug}", GetGroup);
  api.Patch("/groups/{slug}", PatchGroup);
  api.Get("/groups/{slug}/members", ListMembers);
}

}  // namespace guildhall::web::api
