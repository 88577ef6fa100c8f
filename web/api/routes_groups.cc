// /api/v1/groups: create, list, read and edit groups, and list members.
#include "web/api/dto.h"
#include "web/api/handler.h"
#include "web/api/impact_json.h"

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

using Preview = std::function<Result<federation::Impact>(federation::PolicyAdmin&)>;

// A scope widening (a group created partners or public, or a PATCH that
// widens) takes the federation policy's steps (spec/POLICY.md §2):
// "dry_run": true answers its impact and changes nothing; without
// "confirm": true it is refused (409) and nothing is shared; with it the
// edit goes ahead, and the policy applies and audits it in the same write.
// A refusal by the group-creation setting is 403 with the reason. nullopt:
// go ahead. On a node that does not federate nothing is shared: go ahead.
Result<std::optional<Response>> ScopeStep(ApiCall& call, const JsonBody& body, bool widens,
                                          const Preview& preview) {
  const bool dry_run = GH_TRY(body.Bool("dry_run")).value_or(false);
  const bool confirm = GH_TRY(body.Bool("confirm")).value_or(false);
  federation::PolicyAdmin* policy = call.state().policy;
  if (dry_run && (!widens || !policy)) {
    return Error::Invalid("dry_run: only a change that widens a group's scope has a preview");
  }
  if (!widens || !policy || (confirm && !dry_run)) return std::optional<Response>();
  auto impact = GH_TRY(preview(*policy));
  if (dry_run) return std::optional(ImpactResponse(impact, true));
  return Error::Conflict(
      "confirm: a wider scope shares the group beyond this node (" + impact.after +
      "); preview it with \"dry_run\": true, then send the same request with \"confirm\": true");
}

Result<Response> CreateGroup(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  auto draft = GH_TRY(GroupDraftOf(*body));
  auto step = GH_TRY(
      ScopeStep(call, *body, draft.scope != GroupScope::kInternal, [&](federation::PolicyAdmin& p) {
        return p.PreviewNewGroup(call.me_id(), draft.slug, draft.name, draft.scope);
      }));
  if (step) return std::move(*step);
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
  const bool widens = update.scope && *update.scope > group.group.scope;
  auto step = GH_TRY(ScopeStep(call, *body, widens, [&](federation::PolicyAdmin& p) {
    return p.Preview(call.me_id(),
                     federation::PolicyChange::SetGroupScope(group.group.slug, *update.scope));
  }));
  if (step) return std::move(*step);
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

const char* ScopeWord(GroupScope s) {
  return s == GroupScope::kPublic ? "public" : s == GroupScope::kPartners ? "partners" : "internal";
}

// Who may create groups (spec/POLICY.md §2): any signed-in member reads it,
// with the scopes they may use; admins set it.
Result<Response> CreationResponse(const community::GroupCreationView& v) {
  JsonWriter w;
  w.BeginObject().Field("group_creation", community::GroupCreationName(v.setting));
  w.Field("from_config", v.from_config);
  if (!v.from_config) w.IdField("set_by", v.set_by).TimeField("set_at", v.set_at);
  w.Field("may_create", v.may_create).Key("scopes").BeginArray();
  for (GroupScope s : v.scopes) w.String(ScopeWord(s));
  w.EndArray().EndObject();
  return JsonResponse(200, w);
}

Result<Response> GetCreation(ApiCall& call) {
  return CreationResponse(GH_TRY(call.c().groups.CreationPolicy(call.me_id())));
}

Result<Response> SetCreation(ApiCall& call) {
  const JsonBody* body = GH_TRY(call.Body());
  community::GroupCreation setting;
  if (!community::ParseGroupCreation(GH_TRY(body->RequiredString("group_creation")), setting)) {
    return Error::Invalid("group_creation: not one of admins-only|members-internal|members-any");
  }
  return CreationResponse(GH_TRY(call.c().groups.SetCreationPolicy(call.me_id(), setting)));
}

}  // namespace

void RegisterGroupRoutes(ApiRoutes& api) {
  api.Get("/admin/group-creation", GetCreation);
  api.Post("/admin/group-creation", SetCreation);
  api.Post("/groups", CreateGroup);
  api.Get("/groups", ListGroups);
  api.Get("/groups/{slug}", GetGroup);
  api.Patch("/groups/{slug}", PatchGroup);
  api.Get("/groups/{slug}/members", ListMembers);
}

}  // namespace guildhall::web::api
