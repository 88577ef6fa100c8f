// Sessions and security at the edge: the login flow with its presession CSRF
// token, cookie flags, logout, sign-up through an invite, upload limits
// (413 with a readable page) and download headers.
#include <gtest/gtest.h>

#include <regex>

#include "tests/web/ui/ui_fixture.h"
#include "web/auth/session_auth.h"

namespace guildhall::web::testing {
namespace {

// The value of the first `name=` cookie set by `res` (all Set-Cookie fields).
std::string SetCookie(const ClientResponse& res, std::string_view name) {
  for (const auto& [field, value] : res.headers) {
    if (strcasecmp(field.c_str(), "Set-Cookie") == 0 &&
        value.rfind(std::string(name) + "=", 0) == 0) {
      return value;
    }
  }
  return "";
}

std::string CookiePair(const std::string& set_cookie) {
  return set_cookie.substr(0, set_cookie.find(';'));
}

std::string CsrfOf(const std::string& html) {
  static const std::regex field(R"re(name="_csrf" value="([0-9a-f]{64})")re");
  std::smatch m;
  return std::regex_search(html, m, field) ? m[1].str() : "";
}

class AuthTest : public UiFixture {};

TEST(Csrf, TokenIsBoundToItsSecret) {
  const std::string token = CsrfToken("secret-a");
  EXPECT_TRUE(CheckCsrf("secret-a", token));
  EXPECT_FALSE(CheckCsrf("secret-b", token));
  EXPECT_FALSE(CheckCsrf("secret-a", ""));
  EXPECT_FALSE(CheckCsrf("", CsrfToken("")));
}

TEST_F(AuthTest, LoginSetsAHardenedSessionCookie) {
  Start();
  ASSERT_TRUE(c_->accounts.CreateBootstrap({"dana", "Dana", "correct horse battery"}));
  auto form = Get("/login?next=/groups", Anonymous());
  ASSERT_EQ(form.status, 200u);
  const std::string presession = SetCookie(form, "gh_presession");
  ASSERT_FALSE(presession.empty());
  const std::string token = CsrfOf(form.body);
  ASSERT_FALSE(token.empty());
  Browser visitor{.cookie = CookiePair(presession), .csrf = token};

  auto wrong = Post("/login", visitor, {{"username", "dana"}, {"password", "nope"}});
  EXPECT_EQ(wrong.status, 401u);
  EXPECT_NE(wrong.body.find("Wrong username or password."), std::string::npos);
  EXPECT_EQ(
      Post("/login", visitor, {{"username", "dana"}, {"password", "correct horse battery"}}, false)
          .status,
      403u);

  auto ok =
      Post("/login", visitor,
           {{"username", "dana"}, {"password", "correct horse battery"}, {"next", "/groups"}});
  EXPECT_EQ(ok.status, 303u);
  EXPECT_EQ(ok.Header("Location"), "/groups");
  const std::string session = SetCookie(ok, "gh_session");
  EXPECT_NE(session.find("; HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(session.find("; Path=/"), std::string::npos);
  EXPECT_EQ(session.find("Secure"), std::string::npos);  // plain HTTP, public scheme http
  auto home = Get("/groups", {.cookie = CookiePair(session)});
  EXPECT_EQ(home.status, 200u);
  EXPECT_NE(home.body.find("Log out"), std::string::npos);
}

TEST_F(AuthTest, SecureCookiesWhenThePublicSchemeIsHttps) {
  options_.public_https = true;
  Start();
  ASSERT_TRUE(c_->accounts.CreateBootstrap({"dana", "Dana", "correct horse battery"}));
  auto form = Get("/login", Anonymous());
  EXPECT_NE(SetCookie(form, "gh_presession").find("; Secure"), std::string::npos);
  Browser visitor{.cookie = CookiePair(SetCookie(form, "gh_presession")),
                  .csrf = CsrfOf(form.body)};
  auto ok = Post("/login", visitor, {{"username", "dana"}, {"password", "correct horse battery"}});
  EXPECT_NE(SetCookie(ok, "gh_session").find("; Secure"), std::string::npos);
}

TEST_F(AuthTest, NextCannotLeaveTheSite) {
  Start();
  ASSERT_TRUE(c_->accounts.CreateBootstrap({"dana", "Dana", "correct horse battery"}));
  auto form = Get("/login", Anonymous());
  Browser visitor{.cookie = CookiePair(SetCookie(form, "gh_presession")),
                  .csrf = CsrfOf(form.body)};
  auto ok = Post(
      "/login", visitor,
      {{"username", "dana"}, {"password", "correct horse battery"}, {"next", "//evil.example/"}});
  EXPECT_EQ(ok.Header("Location"), "/");
}

TEST_F(AuthTest, LogoutEndsTheSession) {
  Start();
  Browser dana = SignIn("dana");
  auto out = Post("/logout", dana, {});
  EXPECT_EQ(out.status, 303u);
  EXPECT_NE(SetCookie(out, "gh_session").find("Max-Age=0"), std::string::npos);
  auto after = Get("/groups", dana);
  EXPECT_EQ(after.status, 303u);
  EXPECT_EQ(after.Header("Location").rfind("/login", 0), 0u);
}

TEST_F(AuthTest, InviteCreatesTheAccountAndSignsIn) {
  Start();
  Browser admin = SignIn("root", storage::NodeRole::kAdmin);
  auto created = Post("/admin/invites", admin, {{"group", ""}});
  ASSERT_EQ(created.status, 200u);
  static const std::regex link(R"(http://guild\.example/invite/([0-9a-f]+))");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(created.body, m, link)) << created.body;
  const std::string path = "/invite/" + m[1].str();
  auto form = Get(path, Anonymous());
  ASSERT_EQ(form.status, 200u);
  Browser visitor{.cookie = CookiePair(SetCookie(form, "gh_presession")),
                  .csrf = CsrfOf(form.body)};
  auto mismatch =
      Post(path, visitor,
           {{"username", "erin"}, {"password", "long enough pw"}, {"password_confirm", "other"}});
  EXPECT_EQ(mismatch.status, 400u);
  EXPECT_NE(mismatch.body.find("f-password_confirm-error"), std::string::npos);
  auto ok = Post(path, visitor,
                 {{"username", "erin"},
                  {"display_name", "Erin"},
                  {"password", "long enough pw"},
                  {"password_confirm", "long enough pw"}});
  EXPECT_EQ(ok.status, 303u) << ok.body;
  EXPECT_EQ(ok.Header("Location"), "/settings/profile");
  EXPECT_FALSE(SetCookie(ok, "gh_session").empty());
  EXPECT_EQ(Get(path, Anonymous()).status, 410u);  // used
}

// A multipart body with one file part and the CSRF field.
std::string Multipart(const std::string& boundary, const std::string& csrf, const std::string& name,
                      const std::string& content) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf +
         "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
         name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" +
         boundary + "--\r\n";
}

class LibraryTest : public UiFixture {
 protected:
  void SetUp() override {
    Start();
    alice_ = SignIn("alice");
    ASSERT_TRUE(c_->groups.Create(alice_.id, {.slug = "docs", .name = "Docs"}));
  }
  ClientResponse Upload(const std::string& name, const std::string& content) {
    const std::string boundary = "----guildhallTestBoundary";
    return Raw("POST", "/g/docs/library/files",
               "Cookie: " + alice_.cookie +
                   "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\n",
               Multipart(boundary, alice_.csrf, name, content));
  }
  Browser alice_;
};

TEST_F(LibraryTest, UploadAndDownloadWithSafeHeaders) {
  auto up = Upload("notes.html", "<html><script>alert(1)</script></html>");
  ASSERT_EQ(up.status, 303u) << up.body;
  auto list = Get("/g/docs/library", alice_);
  static const std::regex href(R"re(href="(/files/[0-9a-f]{64}/[^"]+)")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list.body, m, href)) << list.body;
  std::string path = m[1].str();
  for (size_t at; (at = path.find("&amp;")) != std::string::npos;) path.replace(at, 5, "&");
  auto file = Get(path, alice_);
  EXPECT_EQ(file.status, 200u);
  EXPECT_EQ(file.Header("Content-Type"), "text/html");
  EXPECT_EQ(file.Header("Content-Disposition").rfind("attachment;", 0), 0u);
  EXPECT_EQ(file.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(file.body, "<html><script>alert(1)</script></html>");
  // Someone who is not in the group (an internal invite-only one would be
  // hidden; this one is open, so only signed-out visitors are refused).
  EXPECT_EQ(Get(path, Anonymous()).status, 303u);
}

TEST_F(LibraryTest, FileOverTheCommunityLimitIs413WithAReadablePage) {
  auto res = Upload("big.bin", std::string(100 * 1024, 'x'));  // limit: 64 KiB
  EXPECT_EQ(res.status, 413u);
  EXPECT_NE(res.Header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(res.body.find("This file is too large to upload"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("the limit is 64 KB"), std::string::npos) << res.body;
}

TEST_F(LibraryTest, BodyOverTheUploadRouteLimitIs413) {
  auto res = Upload("huge.bin", std::string(300 * 1024, 'x'));  // route limit: 256 KiB
  EXPECT_EQ(res.status, 413u);
  EXPECT_NE(res.body.find("larger than"), std::string::npos) << res.body;
}

}  // namespace
}  // namespace guildhall::web::testing
