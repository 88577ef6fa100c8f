#include "web/ui/page.h"

#include "node/community/crypto.h"
#include "storage/model/log_field.h"
#include "storage/model/storage_full.h"
#include "web/http/status.h"
#include "web/http/storage_full.h"
#include "web/log.h"
#include "web/ui/static_files.h"
#include "web/ui/url.h"

namespace guildhall::web {
namespace {

using html::View;

constexpr std::string_view kFlashCookie = "gh_flash";
constexpr std::chrono::seconds kFlashMaxAge{120};
constexpr std::chrono::seconds kPresessionMaxAge{3600 * 12};

const char* NavKey(Nav nav) {
  switch (nav) {
    case Nav::kHome:
      return "nav_home";
    case Nav::kGroups:
      return "nav_groups";
    case Nav::kEvents:
      return "nav_events";
    case Nav::kMembers:
      return "nav_members";
    case Nav::kNotifications:
      return "nav_notifications";
    case Nav::kModeration:
      return "nav_moderation";
    case Nav::kAdmin:
      return "nav_admin";
    case Nav::kMe:
      return "nav_me";
    case Nav::kNone:
      return nullptr;
  }
  return nullptr;
}

// The flash cookie holds "<kind>|<text>", percent-encoded; only "ok" and
// "error" are kinds, and the text is escaped like any other on render.
std::optional<View> ReadFlash(const Request& req) {
  const std::string_view raw = CookieValue(req, kFlashCookie);
  if (raw.empty()) return std::nullopt;
  auto decoded = PercentDecode(raw, false);
  if (!decoded) return std::nullopt;
  const size_t bar = decoded->find('|');
  if (bar == std::string::npos) return std::nullopt;
  View flash = html::Object();
  flash["error"] = decoded->substr(0, bar) == "error";
  flash["text"] = decoded->substr(bar + 1, 500);
  return flash;
}

}  // namespace

std::map<std::string, std::string> FieldErrors(const Error& error) {
  std::map<std::string, std::string> out;
  std::string_view rest = error.message;
  while (!rest.empty()) {
    const size_t sep = rest.find("; ");
    const std::string_view item = rest.substr(0, sep);
    rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 2);
    const size_t colon = item.find(": ");
    const bool has_field = colon != std::string_view::npos &&
                           item.substr(0, colon).find(' ') == std::string_view::npos;
    std::string field = has_field ? std::string(item.substr(0, colon)) : "";
    std::string text = std::string(has_field ? item.substr(colon + 2) : item);
    if (!text.empty())
      text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    auto [it, inserted] = out.emplace(field, text);
    if (!inserted) it->second += " " + text;
  }
  return out;
}

std::string SafeNext(std::string_view next) {
  if (next.empty() || next[0] != '/' || next.starts_with("//") || next.starts_with("/\\") ||
      next.find_first_of("\r\n\t\\") != std::string_view::npos) {
    return "/";
  }
  return std::string(next);
}

Page::Page(const UiDeps& deps, const Request& req) : deps_(deps), req_(req) {
  auto auth = AuthenticateSession(req, deps.community.sessions);
  if (auth) {
    auth_ = std::move(*auth);
  } else if (!CookieValue(req, kSessionCookie).empty()) {
    // An expired or revoked session: forget the cookie.
    SetCookie(ClearCookie(kSessionCookie, secure_cookies()));
  }
}

bool Page::is_admin() const { return auth_ && auth_->member.role == storage::NodeRole::kAdmin; }

bool Page::is_node_moderator() const {
  return auth_ && auth_->member.role != storage::NodeRole::kMember;
}

bool Page::secure_cookies() const { return UseSecureCookies(req_, deps_.options.public_https); }

const std::string& Page::csrf() {
  if (!csrf_.empty()) return csrf_;
  if (auth_) {
    csrf_ = CsrfToken(auth_->session.csrf_secret);
    return csrf_;
  }
  std::string secret(CookieValue(req_, kPreSessionCookie));
  if (secret.empty()) {
    auto fresh = community::NewSecret();
    if (!fresh) return csrf_;  // no CSPRNG: forms will fail their check, visibly
    secret = fresh->token;
    SetCookie(SetCookieValue(kPreSessionCookie, secret, kPresessionMaxAge, secure_cookies()));
  }
  csrf_ = CsrfToken(secret);
  return csrf_;
}

View Page::View(std::string title, Nav nav) {
  html::View view = html::Object();
  view["page_title"] = std::move(title);
  view["node_name"] = deps_.options.node_name;
  view["css_href"] = StaticHref("guildhall.css");
  view["js_href"] = StaticHref("guildhall.js");
  view["icon_href"] = StaticHref("favicon.svg");
  view["csrf"] = csrf();
  if (const char* key = NavKey(nav)) view[key] = true;
  if (auto flash = ReadFlash(req_)) {
    view["flash"] = std::move(*flash);
    SetCookie(ClearCookie(kFlashCookie, secure_cookies()));
  }
  if (!auth_) {
    view["me"] = false;
    view["login_href"] = "/login?next=" + UrlEncode(SafeNext(req_.target));
    return view;
  }
  html::View me = html::Object();
  me["username"] = auth_->member.username;
  me["display_name"] = auth_->member.display_name;
  me["href"] = "/u/" + auth_->member.username;
  view["me"] = std::move(me);
  view["is_admin"] = is_admin();
  view["is_node_moderator"] = is_node_moderator();
  view["must_change_password"] = auth_->member.must_change_password;
  auto unread = c().notifications.UnreadCount(viewer());
  if (unread && *unread > 0) {
    view["unread"] = *unread >= community::kMaxUnreadCount
                         ? std::to_string(community::kMaxUnreadCount) + "+"
                         : std::to_string(*unread);
  } else {
    view["unread"] = false;
  }
  return view;
}

Response Page::Finish(Response res) {
  AddSecurityHeaders(res);
  if (!res.headers.Has("Cache-Control")) res.headers.Set("Cache-Control", "private, no-cache");
  for (auto& cookie : cookies_) res.headers.Add("Set-Cookie", std::move(cookie));
  cookies_.clear();
  return res;
}

Response Page::Render(std::string_view page, const html::View& view, unsigned status) {
  return Finish(Response::Html(status, html::Renderer::Shared().Page(page, view)));
}

Response Page::NotFound() {
  html::View view = View("Not found");
  view["status"] = "404";
  view["message"] = "There is nothing here, or you do not have access to it.";
  return Render("error", view, 404);
}

Response Page::Forbidden(std::string_view message) {
  html::View view = View("Not allowed");
  view["status"] = "403";
  view["message"] = std::string(message);
  return Render("error", view, 403);
}

Response Page::Fail(const Error& error) {
  const unsigned status = HttpStatus(error.code);
  if (status == 404) return NotFound();
  if (status == 401 && !auth_) return RequireLogin();
  std::string message = error.message;
  if (IsStorageFull(error)) {
    html::View view = View("Storage full");
    view["status"] = std::to_string(kStorageFullStatus);
    view["message"] = std::string(kStorageFullMessage);
    Response res = Render("error", view, kStorageFullStatus);
    res.headers.Set("Retry-After", std::string(kStorageFullRetryAfter));
    return res;
  }
  if (error.code == Code::kInternal) {
    Log().error("req=#{} status=500 error=internal message={}", req_.id, LogField(error.message));
    message = "Something went wrong on our side (request #" + std::to_string(req_.id) + ").";
  } else if (!message.empty()) {
    message[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(message[0])));
  }
  html::View view = View(std::string(ReasonPhrase(status)));
  view["status"] = std::to_string(status);
  view["message"] = std::move(message);
  return Render("error", view, status);
}

Response Page::RequireLogin() {
  // A POST cannot be replayed after login; come back to the page instead.
  std::string back = req_.method == "GET" ? req_.target : std::string(req_.headers.Get("Referer"));
  const std::string_view host = req_.headers.Get("Host");
  if (size_t at = back.find(std::string(host)); !host.empty() && at != std::string::npos) {
    back = back.substr(at + host.size());
  }
  return Redirect("/login?next=" + UrlEncode(SafeNext(back)), "Please sign in first.", "error");
}

Response Page::Redirect(std::string_view location, std::string_view flash, std::string_view kind) {
  if (!flash.empty()) {
    const std::string value = std::string(kind) + "|" + std::string(flash);
    SetCookie(SetCookieValue(kFlashCookie, UrlEncode(value), kFlashMaxAge, secure_cookies()));
  }
  return Finish(Response::Redirect(std::string(location), 303));
}

std::optional<Form> Page::PostedForm(Response& failure) {
  auto form = Form::Parse(req_);
  if (!form) {
    failure = Fail(Error::Invalid("The form could not be read: " + form.error().message + "."));
    return std::nullopt;
  }
  std::string submitted = form->Get(kCsrfField);
  if (submitted.empty()) submitted = std::string(req_.headers.Get("X-CSRF-Token"));
  const bool ok = auth_ ? CheckCsrf(auth_->session, submitted)
                        : CheckCsrf(CookieValue(req_, kPreSessionCookie), submitted);
  if (!ok) {
    Log().info("req=#{} csrf check failed path={}", req_.id, LogField(req_.path));
    failure = Forbidden(
        "This form has expired or did not come from this site. Go back, reload the page and "
        "try again.");
    return std::nullopt;
  }
  return std::move(*form);
}

std::optional<Form> Page::MemberForm(Response& failure) {
  if (!signed_in()) {
    failure = RequireLogin();
    return std::nullopt;
  }
  return PostedForm(failure);
}

std::optional<Id> Page::PathId(Response& failure, std::string_view name) {
  auto id = Id::Parse(req_.Param(name));
  if (!id) failure = NotFound();
  return id;
}

}  // namespace guildhall::web
