// Node administration: members (create, reset password, suspend, roles),
// sign-up invite links, and the audit log with filters. Admins only, except
// invites, which node moderators may create too.
#include "node/community/validation.h"
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"
#include "web/ui/url.h"

namespace guildhall::web {
namespace {

using html::View;

const std::vector<std::pair<std::string, std::string>>& RoleOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"member", "Member"}, {"moderator", "Node moderator"}, {"admin", "Administrator"}};
  return options;
}

storage::NodeRole ParseRole(std::string_view role) {
  if (role == "admin") return storage::NodeRole::kAdmin;
  if (role == "moderator") return storage::NodeRole::kModerator;
  return storage::NodeRole::kMember;
}

// The sign-in locks in force (node/community/login_throttle.h), each with
// the form that lifts it.
Result<View> LockList(Page& page) {
  auto locks = GH_TRY(page.c().accounts.LoginLocks(page.viewer()));
  View list = html::List();
  for (const auto& lock : locks) {
    const bool account = lock.kind == community::ThrottleKind::kAccount;
    View v = html::Object();
    v["kind"] = account ? "account" : "address";
    v["kind_label"] = account ? "Username" : "Address";
    v["key"] = lock.key;
    v["failures"] = std::to_string(lock.failures);
    SetTime(v, "until", lock.locked_until);
    list.push_back(std::move(v));
  }
  return list;
}

Response UsersPage(Page& page, const Form& values, const Errors& errors, unsigned status,
                   View result = View(false)) {
  if (!page.signed_in()) return page.RequireLogin();
  if (!page.is_admin()) return page.NotFound();
  View view = page.View("Members · Admin", Nav::kAdmin);
  view["fields"] = FieldList({
      Field({.name = "username", .label = "Username", .required = true}, values.Get("username"),
            errors),
      Field({.name = "display_name", .label = "Display name"}, values.Get("display_name"), errors),
      Field({.name = "password",
             .label = "Initial password",
             .type = "password",
             .hint = "At least 10 characters; not a common password, not a run like aaaa or 1234, "
                     "and without their username or name. They should change it.",
             .required = true,
             .autocomplete = "new-password"},
            "", errors),
      Field({.name = "role", .label = "Role", .type = "select", .options = RoleOptions()},
            values.Get("role").empty() ? "member" : values.Get("role"), errors),
  });
  SetFormError(view, errors, {"username", "display_name", "password", "role"});
  view["result"] = std::move(result);
  // The member being managed (?member=alice).
  view["managed"] = false;
  if (auto handle = page.req().Query("member"); handle && !handle->empty()) {
    auto m = page.c().profiles.GetByHandle(page.viewer(), *handle);
    if (m && m->IsLocal()) {
      View mv = MemberView(*m);
      mv["id"] = m->id.ToString();
      mv["role_field"] =
          Field({.name = "role", .label = "Node role", .type = "select", .options = RoleOptions()},
                m->role == storage::NodeRole::kAdmin       ? "admin"
                : m->role == storage::NodeRole::kModerator ? "moderator"
                                                           : "member");
      view["managed"] = std::move(mv);
    } else {
      view["lookup_error"] = "No local member is called " + *handle + ".";
    }
  }
  auto members = page.c().directory.Search(page.viewer(), {}, PageFromQuery(page.req(), 50));
  if (!members) return page.Fail(members.error());
  View list = html::List();
  for (const auto& m : members->items) list.push_back(MemberView(m));
  view["members"] = std::move(list);
  auto locks = LockList(page);
  if (!locks) return page.Fail(locks.error());
  const auto& rule = page.c().options.login_throttle;
  view["lock_rule"] =
      "After " + std::to_string(rule.account_free_failures) +
      " failed passwords in a row for a username (" + std::to_string(rule.address_free_failures) +
      " from one address), sign-in is refused for " + std::to_string(rule.first_lock.count()) +
      " seconds, then twice as long after each further failure, up to " +
      std::to_string(rule.max_lock.count() / 60) + " minutes.";
  view["has_locks"] = locks->is_non_empty_list();
  view["locks"] = std::move(*locks);
  SetPager(view, "/admin/users", page.req().Query("cursor").value_or(""), members->next_cursor);
  return page.Render("admin_users", view, status);
}

Response ShowUsers(Page& page) { return UsersPage(page, Form(), {}, 200); }

Response CreateUser(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto created = page.c().accounts.Create(page.viewer(), {.username = form->Get("username"),
                                                          .display_name = form->Get("display_name"),
                                                          .password = form->Get("password"),
                                                          .role = ParseRole(form->Get("role"))});
  if (!created) {
    if (created.error().code != Code::kInvalid && created.error().code != Code::kConflict) {
      return page.Fail(created.error());
    }
    return UsersPage(page, *form, FieldErrors(created.error()), 400);
  }
  return page.Redirect("/admin/users?member=" + UrlEncode(created->username),
                       "Member @" + created->username + " created.");
}

Response ResetPassword(Page& page) {
  Response failure;
  if (!page.MemberForm(failure)) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  auto password = page.c().accounts.ResetPassword(page.viewer(), *id);
  if (!password) return page.Fail(password.error());
  // Shown once, in this response only: never in a URL or a cookie.
  View result = html::Object();
  result["title"] = "Password reset";
  result["text"] =
      "All their sessions and API tokens were ended. Give this one-time password to the member; "
      "they must choose a new one when they sign in:";
  result["secret"] = *password;
  return UsersPage(page, Form(), {}, 200, std::move(result));
}

Response SetRole(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  auto done = page.c().accounts.SetRole(page.viewer(), *id, ParseRole(form->Get("role")));
  if (!done) {
    if (done.error().code == Code::kNotFound) return page.Fail(done.error());
    return page.Redirect("/admin/users", done.error().message, "error");
  }
  return page.Redirect("/admin/users?member=" + UrlEncode(done->username), "Role changed.");
}

Response ClearLoginLock(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  const bool account = form->Get("kind") == "account";
  const std::string& key = form->Get("key");
  auto cleared = page.c().accounts.ClearLoginLock(
      page.viewer(),
      account ? community::ThrottleKind::kAccount : community::ThrottleKind::kAddress, key);
  if (!cleared) {
    if (cleared.error().code != Code::kNotFound) return page.Fail(cleared.error());
    return page.Redirect("/admin/users", "That lock had already ended.", "error");
  }
  return page.Redirect("/admin/users", "Sign-in lock on " + key + " lifted.");
}

Response InvitesPage(Page& page, View result, const Errors& errors, unsigned status) {
  if (!page.signed_in()) return page.RequireLogin();
  if (!page.is_node_moderator()) return page.NotFound();
  View view = page.View("Invites · Admin", Nav::kAdmin);
  view["fields"] = FieldList({Field({.name = "group",
                                     .label = "Also join this group (optional)",
                                     .hint = "The group's address, e.g. design-practice."},
                                    "", errors)});
  SetFormError(view, errors, {"group"});
  view["result"] = std::move(result);
  return page.Render("admin_invites", view, status);
}

Response ShowInvites(Page& page) { return InvitesPage(page, View(false), {}, 200); }

Response CreateInvite(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  Id group;
  const std::string slug(community::Trim(form->Get("group")));
  if (!slug.empty()) {
    auto g = page.c().groups.GetBySlug(page.viewer(), slug);
    if (!g) return InvitesPage(page, View(false), {{"group", "No group has this address."}}, 400);
    group = g->group.id;
  }
  auto invite = page.c().invites.Create(page.viewer(), group);
  if (!invite) return page.Fail(invite.error());
  View result = html::Object();
  result["title"] = "Invite link created";
  result["text"] = "Send this link to the person you invite. It works once and is shown only now:";
  result["secret"] = page.deps().options.public_origin + "/invite/" + invite->token;
  SetTime(result, "expires", invite->invite.expires);
  return InvitesPage(page, std::move(result), {}, 200);
}

Response AuditPage(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  if (!page.is_admin()) return page.NotFound();
  const Request& req = page.req();
  community::AuditFilter filter{.action = req.Query("action").value_or("")};
  std::string problem;
  const std::string actor = req.Query("actor").value_or("");
  if (!actor.empty()) {
    auto m = page.c().profiles.GetByHandle(page.viewer(), actor);
    if (m)
      filter.actor = m->id;
    else
      problem = "No member is called " + actor + ".";
  }
  const std::string group = req.Query("group").value_or("");
  if (!group.empty()) {
    auto g = page.c().groups.GetBySlug(page.viewer(), group);
    if (g)
      filter.group = g->group.id;
    else
      problem = "No group has the address " + group + ".";
  }
  View view = page.View("Audit log · Admin", Nav::kAdmin);
  view["fields"] = FieldList({
      Field({.name = "action", .label = "Action", .hint = "e.g. thread.remove, member.suspend"},
            filter.action),
      Field({.name = "actor", .label = "By (username)"}, actor),
      Field({.name = "group", .label = "Group address"}, group),
  });
  view["problem"] = problem.empty() ? View(false) : View(problem);
  View rows = html::List();
  std::string next;
  const auto page_req = PageFromQuery(req, 50);
  if (problem.empty()) {
    auto entries = page.c().audit.List(page.viewer(), filter, page_req);
    if (!entries) return page.Fail(entries.error());
    std::vector<Id> ids;
    for (const auto& e : entries->items) ids.push_back(e.actor);
    Authors authors(page, std::move(ids));
    for (const auto& e : entries->items) {
      View v = html::Object();
      v["actor"] = authors.Of(e.actor);
      v["action"] = e.action;
      v["target"] = e.target;
      v["before"] = e.before;
      v["after"] = e.after;
      v["reason"] = e.reason;
      SetTime(v, "at", e.at);
      rows.push_back(v);
    }
    next = entries->next_cursor;
  }
  view["entries"] = std::move(rows);
  std::string base = "/admin/audit?action=" + UrlEncode(filter.action) +
                     "&actor=" + UrlEncode(actor) + "&group=" + UrlEncode(group);
  SetPager(view, base, page_req.cursor, next);
  return page.Render("admin_audit", view);
}

}  // namespace

void RegisterAdminPages(UiRouter& ui) {
  ui.Get("/admin", "admin", [](Page& page) { return page.Redirect("/admin/users"); });
  ui.Get("/admin/users", "admin_users", ShowUsers);
  ui.Post("/admin/users", "admin_user_create", CreateUser);
  ui.Post("/admin/members/{id}/reset-password", "admin_reset_password", ResetPassword);
  ui.Post("/admin/members/{id}/role", "admin_role", SetRole);
  ui.Post("/admin/login-locks/clear", "admin_login_lock_clear", ClearLoginLock);
  ui.Get("/admin/invites", "admin_invites", ShowInvites);
  ui.Post("/admin/invites", "admin_invite_create", CreateInvite);
  ui.Get("/admin/audit", "admin_audit", AuditPage);
}

}  // namespace guildhall::web
