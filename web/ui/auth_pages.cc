// Login, logout, accepting an invite (sign-up), and the start page.
#include <chrono>

#include "web/auth/client_address.h"
#include "web/auth/throttled.h"
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;

std::chrono::seconds SessionMaxAge(const storage::Session& session) {
  return std::chrono::seconds(std::max<int64_t>(0, (session.expires - session.created) / 1000));
}

void SignIn(Page& page, const community::LoginResult& login) {
  page.SetCookie(SessionCookie(login.token, SessionMaxAge(login.session), page.secure_cookies()));
  page.SetCookie(ClearCookie(kPreSessionCookie, page.secure_cookies()));
}

Response LoginForm(Page& page, const std::string& username, const std::string& next,
                   const Errors& errors, unsigned status) {
  View view = page.View("Log in");
  view["next"] = SafeNext(next);
  view["fields"] = FieldList({
      Field({.name = "username", .label = "Username", .required = true, .autocomplete = "username"},
            username, errors),
      Field({.name = "password",
             .label = "Password",
             .type = "password",
             .required = true,
             .autocomplete = "current-password"},
            "", errors),
  });
  SetFormError(view, errors, {"username", "password"});
  return page.Render("login", view, status);
}

Response ShowLogin(Page& page) {
  const std::string next = SafeNext(page.req().Query("next").value_or("/"));
  if (page.signed_in()) return page.Redirect(next);
  return LoginForm(page, "", next, {}, 200);
}

Response DoLogin(Page& page) {
  Response failure;
  auto form = page.PostedForm(failure);
  if (!form) return failure;
  const std::string& username = form->Get("username");
  const std::string address = ClientAddress(page.req());
  auto login = page.c().sessions.Login(username, form->Get("password"), address);
  if (!login) {
    // The same page and wait for a name that exists and one that does not.
    if (auto wait = ThrottledFor(login.error(), page.c().login_throttle, username, address);
        wait.count() > 0) {
      Response res =
          LoginForm(page, username, form->Get("next"), {{"", ThrottledSentence(wait)}}, 429);
      SetRetryAfter(res, wait);
      return res;
    }
    if (login.error().code == Code::kUnavailable) return page.Fail(login.error());
    const unsigned status = login.error().code == Code::kForbidden ? 403 : 401;
    std::string message = login.error().code == Code::kForbidden
                              ? "This account is suspended. Contact an administrator."
                              : "Wrong username or password.";
    return LoginForm(page, username, form->Get("next"), {{"", message}}, status);
  }
  SignIn(page, *login);
  return page.Redirect(SafeNext(form->Get("next")),
                       "Welcome back, " + login->member.display_name + ".");
}

Response DoLogout(Page& page) {
  if (!page.signed_in()) return page.Redirect("/login");
  Response failure;
  if (!page.PostedForm(failure)) return failure;
  (void)page.c().sessions.Logout(CookieValue(page.req(), kSessionCookie));
  page.SetCookie(ClearCookie(kSessionCookie, page.secure_cookies()));
  return page.Redirect("/login", "You are signed out.");
}

Response InviteForm(Page& page, const storage::Invite& invite, const Form& values,
                    const Errors& errors, unsigned status) {
  View view = page.View("Join " + page.deps().options.node_name);
  view["token"] = std::string(page.req().Param("token"));
  view["fields"] = FieldList({
      Field({.name = "username",
             .label = "Username",
             .hint = "Lower-case letters, digits and _; up to 30. This is your @handle.",
             .required = true,
             .autocomplete = "username"},
            values.Get("username"), errors),
      Field({.name = "display_name",
             .label = "Display name",
             .hint = "How colleagues see you, e.g. Ada Lovelace.",
             .autocomplete = "name"},
            values.Get("display_name"), errors),
      Field({.name = "password",
             .label = "Password",
             .type = "password",
             .hint = std::string(kPasswordHint),
             .required = true,
             .autocomplete = "new-password"},
            "", errors),
      Field({.name = "password_confirm",
             .label = "Password again",
             .type = "password",
             .required = true,
             .autocomplete = "new-password"},
            "", errors),
  });
  view["has_group"] = static_cast<bool>(invite.group);
  SetFormError(view, errors, {"username", "display_name", "password", "password_confirm"});
  return page.Render("invite", view, status);
}

Response InviteProblem(Page& page, const Error& error) {
  if (error.code != Code::kNotFound && error.code != Code::kConflict) return page.Fail(error);
  View view = page.View("Invite link not valid");
  view["status"] = error.code == Code::kNotFound ? "404" : "410";
  view["message"] = error.code == Code::kNotFound
                        ? "This invite link is not valid. Check that you copied all of it."
                        : "This invite link was already used or has expired. Ask for a new one.";
  return page.Render("error", view, error.code == Code::kNotFound ? 404 : 410);
}

Response ShowInvite(Page& page) {
  if (page.signed_in()) return page.Redirect("/", "You already have an account.");
  auto invite = page.c().invites.Check(page.req().Param("token"));
  if (!invite) return InviteProblem(page, invite.error());
  return InviteForm(page, *invite, Form(), {}, 200);
}

Response AcceptInvite(Page& page) {
  Response failure;
  auto form = page.PostedForm(failure);
  if (!form) return failure;
  const std::string token(page.req().Param("token"));
  auto invite = page.c().invites.Check(token);
  if (!invite) return InviteProblem(page, invite.error());
  if (form->Get("password") != form->Get("password_confirm")) {
    return InviteForm(page, *invite, *form, {{"password_confirm", "The two passwords differ."}},
                      400);
  }
  auto login = page.c().invites.Accept(token, {.username = form->Get("username"),
                                               .display_name = form->Get("display_name"),
                                               .password = form->Get("password")});
  if (!login) {
    if (login.error().code != Code::kInvalid && login.error().code != Code::kConflict) {
      return page.Fail(login.error());
    }
    return InviteForm(page, *invite, *form, FieldErrors(login.error()), 400);
  }
  SignIn(page, *login);
  return page.Redirect("/settings/profile",
                       "Welcome! Tell your colleagues a little about yourself.");
}

Response Home(Page& page) {
  if (!page.signed_in()) return page.Redirect("/login");
  View view = page.View("Home", Nav::kHome);
  auto mine = page.c().groups.ListMine(page.viewer());
  if (!mine) return page.Fail(mine.error());
  view["groups"] = GroupCards(*mine);
  view["has_groups"] = !mine->empty();
  auto events = page.c().events.Upcoming(page.viewer(), 5);
  if (!events) return page.Fail(events.error());
  view["events"] = EventCards(page, *events);
  view["has_events"] = !events->empty();
  return page.Render("home", view);
}

}  // namespace

void RegisterAuthPages(UiRouter& ui) {
  ui.Get("/", "home", Home);
  ui.Get("/login", "login", ShowLogin);
  ui.Post("/login", "login", DoLogin);
  ui.Post("/logout", "logout", DoLogout);
  ui.Get("/invite/{token}", "invite", ShowInvite);
  ui.Post("/invite/{token}", "invite", AcceptInvite);
}

}  // namespace guildhall::web
