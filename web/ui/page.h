// Page: one HTML request's context - who is asking (session cookie), the
// CSRF token for its forms, the flash message left by the previous POST - and
// the ways it ends: a rendered page in the layout, an error page, or a 303
// redirect carrying a flash. Every response it makes carries the security
// headers (CSP, nosniff, Referrer-Policy, no framing). One per request on
// one thread; not shared.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/community/community.h"
#include "web/auth/session_auth.h"
#include "web/html/renderer.h"
#include "web/html/safe_html.h"
#include "web/html/view.h"
#include "web/http/message.h"
#include "web/http/security_headers.h"
#include "web/ui/form.h"
#include "web/ui/ui.h"

namespace guildhall::web {

// "field: problem; field2: problem" (community/validation.h) split per field;
// problems without a known field land under "".
std::map<std::string, std::string> FieldErrors(const Error& error);

enum class Nav {
  kNone,
  kHome,
  kGroups,
  kEvents,
  kMembers,
  kNotifications,
  kModeration,
  kAdmin,
  kMe
};

class Page {
 public:
  Page(const UiDeps& deps, const Request& req);
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  const Request& req() const { return req_; }
  community::Community& c() const { return deps_.community; }
  const UiDeps& deps() const { return deps_; }
  bool signed_in() const { return auth_.has_value(); }
  // 0 when anonymous.
  Id viewer() const { return auth_ ? auth_->member.id : Id{}; }
  const community::Profile& me() const { return auth_->member; }  // REQUIRES: signed_in()
  bool is_admin() const;
  bool is_node_moderator() const;  // moderator or admin
  // The token this page's forms carry (creates the presession cookie for
  // anonymous visitors on first use).
  const std::string& csrf();

  // The layout's fields; the page adds its own to the returned view.
  html::View View(std::string title, Nav nav = Nav::kNone);
  Response Render(std::string_view page, const html::View& view, unsigned status = 200);
  // An error page with HttpStatus(error.code); kUnauthorized sends anonymous
  // visitors to the login page. Every kNotFound page is identical whatever
  // the message, so a hidden group cannot be told from a missing one.
  Response Fail(const Error& error);
  Response NotFound();
  Response Forbidden(std::string_view message);
  // 303 to the login page, coming back here afterwards.
  Response RequireLogin();
  // 303 to `location` (a local path) with a flash message for the next page.
  Response Redirect(std::string_view location, std::string_view flash = {},
                    std::string_view kind = "ok");

  // A POSTed form whose CSRF token checks out. Otherwise returns nullopt and
  // sets `failure` (400 malformed, 403 bad token, 303 to login if the session
  // ended).
  std::optional<Form> PostedForm(Response& failure);
  // The same for forms only members may send: anonymous visitors go to the
  // login page first.
  std::optional<Form> MemberForm(Response& failure);
  // The id in path parameter `name`, or nullopt with `failure` the 404 page.
  std::optional<Id> PathId(Response& failure, std::string_view name = "id");

  // Markdown rendered and sanitized, mentions linked on this node's origin.
  html::SafeHtml Markdown(std::string_view markdown) const {
    return html::SafeHtml::FromMarkdown(markdown, deps_.options.public_origin);
  }

  // Adds a Set-Cookie to whatever response this page produces next.
  void SetCookie(std::string value) { cookies_.push_back(std::move(value)); }
  bool secure_cookies() const;

 private:
  Response Finish(Response res);

  const UiDeps& deps_;
  const Request& req_;
  std::optional<AuthContext> auth_;
  std::string csrf_;
  std::vector<std::string> cookies_;
};

// A local path safe to redirect to after login: starts with one '/', no
// scheme or host; anything else becomes "/".
std::string SafeNext(std::string_view next);

}  // namespace guildhall::web
