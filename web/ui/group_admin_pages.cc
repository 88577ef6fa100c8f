// Running a group: the moderation tab (join requests, invitations, reports,
// roles, bans) and the settings tab (name, description, kind, scope, join
// mode) for owners.
#include "node/community/validation.h"
#include "web/ui/admin_policy_change.h"
#include "web/ui/admin_policy_pages.h"
#include "web/ui/fields.h"
#include "web/ui/group_view.h"
#include "web/ui/listing.h"
#include "web/ui/report_view.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;

View Entries(const Result<community::Page<community::MemberEntry>>& list, bool can_roles) {
  View out = html::List();
  if (!list) return out;
  for (const auto& e : list->items) {
    View m = MemberView(e.member);
    m["id"] = e.member.id.ToString();
    m["role"] = std::string(RoleLabel(e.membership.role));
    m["is_owner"] = e.membership.role == storage::GroupRole::kOwner;
    m["is_moderator"] = e.membership.role == storage::GroupRole::kModerator;
    m["is_member"] = e.membership.role == storage::GroupRole::kMember;
    m["can_roles"] = can_roles;
    out.push_back(m);
  }
  return out;
}

Response ModerationTab(Page& page) {
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  if (!g->can.moderate) return page.NotFound();
  View view = GroupPageView(page, *g, GroupTab::kModeration, "Moderation");
  auto& ms = page.c().memberships;
  const Id group = g->group.id;
  auto pending = ms.List(page.viewer(), group, storage::MembershipState::kPending, {.limit = 100});
  view["pending"] = Entries(pending, false);
  view["has_pending"] = pending && !pending->items.empty();
  auto active = ms.List(page.viewer(), group, storage::MembershipState::kActive, {.limit = 200});
  view["active"] = Entries(active, g->can.manage_roles);
  auto banned = ms.List(page.viewer(), group, storage::MembershipState::kBanned, {.limit = 100});
  view["banned"] = Entries(banned, false);
  view["has_banned"] = banned && !banned->items.empty();
  auto reports =
      page.c().moderation.Queue(page.viewer(), group, storage::ReportState::kOpen, {.limit = 50});
  if (!reports) return page.Fail(reports.error());
  view["reports"] = ReportRows(page, reports->items);
  view["has_reports"] = !reports->items.empty();
  SetHeldPosts(page, view, g->group.slug);
  view["can_invite"] = g->can.invite;
  view["can_roles"] = g->can.manage_roles;
  view["back"] = "/g/" + g->group.slug + "/moderation";
  return page.Render("group_moderation", view);
}

// Shared frame of the moderation POSTs: signed in, form checked, group loaded.
struct GroupPost {
  Form form;
  community::GroupView group;
  std::string back;
};

std::optional<GroupPost> ReadGroupPost(Page& page, Response& failure) {
  auto form = page.MemberForm(failure);
  if (!form) return std::nullopt;
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) {
    failure = page.Fail(g.error());
    return std::nullopt;
  }
  std::string back = "/g/" + g->group.slug + "/moderation";
  return GroupPost{std::move(*form), std::move(*g), std::move(back)};
}

// The member named in the form (field "username", or the {member} path id).
Result<community::Profile> NamedMember(Page& page, const Form& form) {
  if (auto id = Id::Parse(page.req().Param("member")))
    return page.c().profiles.Get(page.viewer(), *id);
  std::string handle(community::Trim(form.Get("username")));
  if (!handle.empty() && handle[0] == '@') handle.erase(0, 1);
  if (handle.empty()) return Error::Invalid("username: enter a username");
  auto found = page.c().profiles.GetByHandle(page.viewer(), handle);
  if (!found && found.error().code == Code::kNotFound)
    return Error::Invalid("No member is called @" + handle + ".");
  return found;
}

using MemberAction = std::function<Result<>(Page&, Id group, Id member, const Form&)>;

Response RunMemberAction(Page& page, const MemberAction& action, const std::string& done) {
  Response failure;
  auto post = ReadGroupPost(page, failure);
  if (!post) return failure;
  auto member = NamedMember(page, post->form);
  if (!member) return page.Redirect(post->back, member.error().message, "error");
  auto result = action(page, post->group.group.id, member->id, post->form);
  if (!result) return page.Redirect(post->back, result.error().message, "error");
  return page.Redirect(post->back, member->display_name + ": " + done);
}

template <class T>
Result<> Discard(Result<T> r) {
  if (!r) return r.error();
  return Ok();
}

Response SettingsForm(Page& page, const community::GroupView& g, const Form& v,
                      const Errors& errors, unsigned status) {
  View view = GroupPageView(page, g, GroupTab::kSettings, "Settings");
  view["fields"] = GroupFormFields(v, errors, false, ScopeHint(page));
  view["version"] = v.Get("version");
  SetFormError(view, errors, {"name", "description", "kind", "scope", "join_mode"});
  return page.Render("group_settings", view, status);
}

Response ShowSettings(Page& page) {
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  if (!g->can.edit_group) return page.NotFound();
  Form v;
  v.Set("name", g->group.name);
  v.Set("description", g->group.description);
  v.Set("kind", KindValue(g->group.kind));
  v.Set("scope", ScopeValue(g->group.scope));
  v.Set("join_mode", JoinValue(g->group.join_mode));
  v.Set("version", std::to_string(g->group.version));
  return SettingsForm(page, *g, v, {}, 200);
}

// Widening the scope shares the group beyond what it is now: the policy's
// preview first (or its refusal beside the field); the form comes back with
// confirm=1 and the same fields to save.
Response ConfirmScope(Page& page, const GroupPost& post, storage::GroupScope scope) {
  const std::string& slug = post.group.group.slug;
  const auto change = federation::PolicyChange::SetGroupScope(slug, scope);
  auto impact = page.deps().policy_admin->Preview(page.viewer(), change);
  if (!impact && impact.error().code == Code::kForbidden) {
    return SettingsForm(page, post.group, post.form, FieldErrors(impact.error()), 403);
  }
  if (!impact) return page.Fail(impact.error());
  return RenderConfirm(
      page, {.heading = "Confirm a wider scope",
             .description = DescribeChange(change),
             .impact = *impact,
             .hidden = ConfirmedFormFields(
                 post.form, {"name", "description", "kind", "scope", "join_mode", "version"}),
             .action = "/g/" + slug + "/settings",
             .confirm_label = "Save and share it",
             .back = "/g/" + slug + "/settings",
             .nav = Nav::kGroups});
}

Response SaveSettings(Page& page) {
  Response failure;
  auto post = ReadGroupPost(page, failure);
  if (!post) return failure;
  community::GroupUpdate update{.name = post->form.Get("name"),
                                .description = post->form.Get("description")};
  storage::GroupKind kind;
  storage::GroupScope scope;
  storage::JoinMode mode;
  if (auto ok = ReadGroupOptions(post->form, kind, scope, mode); !ok) {
    return SettingsForm(page, post->group, post->form, FieldErrors(ok.error()), 400);
  }
  update.kind = kind, update.scope = scope, update.join_mode = mode;
  update.expected_version = std::strtoull(post->form.Get("version").c_str(), nullptr, 10);
  if (NeedsScopeConfirmation(page, post->form, post->group.group.scope, scope)) {
    return ConfirmScope(page, *post, scope);
  }
  auto saved = page.c().groups.Update(page.viewer(), post->group.group.id, update);
  if (!saved) {
    if (saved.error().code == Code::kForbidden) {
      return SettingsForm(page, post->group, post->form, FieldErrors(saved.error()), 403);
    }
    if (saved.error().code == Code::kConflict) {
      return SettingsForm(page, post->group, post->form,
                          {{"", "Someone changed the group meanwhile. Check and save again."}},
                          409);
    }
    if (saved.error().code != Code::kInvalid) return page.Fail(saved.error());
    return SettingsForm(page, post->group, post->form, FieldErrors(saved.error()), 400);
  }
  return page.Redirect("/g/" + saved->group.slug, "Group settings saved.");
}

}  // namespace

void RegisterGroupAdminPages(UiRouter& ui) {
  ui.Get("/g/{slug}/moderation", "group_moderation", ModerationTab);
  ui.Get("/g/{slug}/settings", "group_settings", ShowSettings);
  ui.Post("/g/{slug}/settings", "group_settings", SaveSettings);
  auto member_action = [&ui](std::string_view path, std::string_view name, MemberAction action,
                             std::string done) {
    ui.Post(path, name, [action = std::move(action), done = std::move(done)](Page& page) {
      return RunMemberAction(page, action, done);
    });
  };
  member_action(
      "/g/{slug}/requests/{member}/approve", "group_approve",
      [](Page& p, Id g, Id m, const Form&) {
        return Discard(p.c().memberships.Approve(p.viewer(), g, m));
      },
      "request approved.");
  member_action(
      "/g/{slug}/requests/{member}/deny", "group_deny",
      [](Page& p, Id g, Id m, const Form&) { return p.c().memberships.Deny(p.viewer(), g, m); },
      "request declined.");
  member_action(
      "/g/{slug}/invite", "group_invite",
      [](Page& p, Id g, Id m, const Form&) {
        return Discard(p.c().memberships.Invite(p.viewer(), g, m));
      },
      "invited.");
  member_action(
      "/g/{slug}/members/{member}/role", "group_role",
      [](Page& p, Id g, Id m, const Form& f) {
        const std::string& role = f.Get("role");
        const auto r = role == "owner"       ? storage::GroupRole::kOwner
                       : role == "moderator" ? storage::GroupRole::kModerator
                                             : storage::GroupRole::kMember;
        return Discard(p.c().memberships.SetRole(p.viewer(), g, m, r));
      },
      "role changed.");
  member_action(
      "/g/{slug}/bans", "group_ban",
      [](Page& p, Id g, Id m, const Form& f) {
        return p.c().moderation.Ban(p.viewer(), g, m, f.Get("reason"));
      },
      "banned from the group.");
  member_action(
      "/g/{slug}/bans/{member}/lift", "group_unban",
      [](Page& p, Id g, Id m, const Form& f) {
        return p.c().moderation.Unban(p.viewer(), g, m, f.Get("reason"));
      },
      "ban lifted.");
}

}  // namespace guildhall::web
