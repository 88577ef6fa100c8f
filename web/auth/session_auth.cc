#include "web/auth/session_auth.h"

#include <strings.h>

#include "node/community/crypto.h"

namespace guildhall::web {
namespace {

// Bumping the label invalidates every token in every open form at once.
constexpr std::string_view kCsrfLabel = "guildhall-csrf-v1";

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 6265 §5.4: "name=value" pairs separated by ";" in one Cookie field.
std::string_view FindCookie(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view pair = TrimSpaces(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos || TrimSpaces(pair.substr(0, eq)) != name) continue;
    std::string_view value = TrimSpaces(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return {};
}

}  // namespace

std::string_view CookieValue(const Request& req, std::string_view name) {
  // HTTP/2 proxies may split cookies over several fields (RFC 9113 §8.2.3).
  for (const auto& [field, value] : req.headers.fields()) {
    if (field.size() != 6 || strncasecmp(field.data(), "cookie", 6) != 0) continue;
    if (std::string_view found = FindCookie(value, name); !found.empty()) return found;
  }
  return {};
}

Result<AuthContext> AuthenticateSession(const Request& req, community::Sessions& sessions) {
  const std::string_view token = CookieValue(req, kSessionCookie);
  if (token.empty()) return Error::Unauthorized("not signed in");
  auto auth = GH_TRY(sessions.Authenticate(token));
  return AuthContext{std::move(auth.member), std::move(auth.session), std::string(token)};
}

bool UseSecureCookies(const Request& req, bool public_https) { return req.secure || public_https; }

std::string SetCookieValue(std::string_view name, std::string_view value,
                           std::chrono::seconds max_age, bool secure) {
  std::string out(name);
  out += '=';
  out += value;
  out += "; Path=/; HttpOnly; SameSite=Lax; Max-Age=";
  out += std::to_string(max_age.count() > 0 ? max_age.count() : 0);
  if (secure) out += "; Secure";
  return out;
}

std::string SessionCookie(std::string_view token, std::chrono::seconds max_age, bool secure) {
  return SetCookieValue(kSessionCookie, token, max_age, secure);
}

std::string ClearCookie(std::string_view name, bool secure) {
  return SetCookieValue(name, "", std::chrono::seconds(0), secure);
}

std::string CsrfToken(std::string_view secret) {
  return community::HexEncode(community::HmacSha256(secret, kCsrfLabel));
}

bool CheckCsrf(std::string_view secret, std::string_view submitted) {
  if (secret.empty() || submitted.empty()) return false;
  return community::ConstantTimeEquals(CsrfToken(secret), submitted);
}

bool CheckCsrf(const storage::Session& session, std::string_view submitted) {
  return CheckCsrf(session.csrf_secret, submitted);
}

}  // namespace guildhall::web
