// Browser sessions at the HTTP edge, shared by the HTML pages and the JSON
// API: the `gh_session` cookie (HttpOnly, SameSite=Lax, Path=/, Secure under
// TLS or an https public scheme) carries the session token; state-changing
// forms carry a CSRF token that is an HMAC of the session's csrf secret, so a
// page's tokens die with its session and the secret itself never reaches
// HTML. Forms shown before login use the random `gh_presession` cookie as the
// secret instead (double submit). Pure functions over the request, plus one
// store read in AuthenticateSession; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "node/community/profile.h"
#include "node/community/sessions.h"
#include "storage/model/records/session.h"
#include "storage/model/result.h"
#include "web/http/message.h"

namespace guildhall::web {

inline constexpr std::string_view kSessionCookie = "gh_session";
inline constexpr std::string_view kPreSessionCookie = "gh_presession";
// The form field (and X-CSRF-Token header) that carries the token.
inline constexpr std::string_view kCsrfField = "_csrf";

struct AuthContext {
  community::Profile member;
  storage::Session session;
  std::string token;  // the cookie value
};

// The value of cookie `name` in the Cookie header(s), or empty.
std::string_view CookieValue(const Request& req, std::string_view name);

// The signed-in member behind the session cookie: kUnauthorized when there
// is no cookie, or the session is unknown, expired or its member suspended.
Result<AuthContext> AuthenticateSession(const Request& req, community::Sessions& sessions);

// Whether cookies for this request get the Secure attribute.
bool UseSecureCookies(const Request& req, bool public_https);

// Set-Cookie values. `max_age` 0 deletes the cookie.
std::string SetCookieValue(std::string_view name, std::string_view value,
                           std::chrono::seconds max_age, bool secure);
std::string SessionCookie(std::string_view token, std::chrono::seconds max_age, bool secure);
std::string ClearCookie(std::string_view name, bool secure);

// The token forms echo for `secret` (a session's csrf_secret or a
// presession cookie): 64 hex digits.
std::string CsrfToken(std::string_view secret);
// Constant-time check of a submitted token; false for an empty secret.
bool CheckCsrf(std::string_view secret, std::string_view submitted);
bool CheckCsrf(const storage::Session& session, std::string_view submitted);

}  // namespace guildhall::web
