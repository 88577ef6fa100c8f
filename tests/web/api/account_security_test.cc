// Issue 10 items 3, 5 and 9 through the API: the password check of
// POST /me/password is throttled like the login form (429 + Retry-After),
// weak new passwords are refused with the reason as the field's message, a
// change keeps only the calling token, an admin reset ends every token, and
// admins list and lift sign-in locks (routes_me.cc, routes_admin.cc).
#include <string>

#include "tests/web/api/api_fixture.h"

namespace guildhall::web::testing {
namespace {

class ApiAccountSecurity : public ApiFixture {
 protected:
  void SetUp() override {
    admin_ = UserToken("root", storage::NodeRole::kAdmin);
    alice_ = UserToken("alice");
    Start();
  }
  ApiReply ChangePassword(const std::string& token, const std::string& old_password,
                          const std::string& new_password) {
    return Post(
        "/api/v1/me/password", token,
        R"({"old_password":")" + old_password + R"(","new_password":")" + new_password + R"("})");
  }
  std::string admin_, alice_;
};

TEST_F(ApiAccountSecurity, WeakNewPasswordsAreRefusedWithTheReason) {
  for (const auto& [weak, reason] : std::vector<std::pair<std::string, std::string>>{
           {"aaaaaaaaaa", "is mostly repeated or sequential characters (like aaaa or 1234)"},
           {"password12", "is a common password with a few characters changed or added"},
           {"1234567890", "is one of the most common passwords"},
           {"alice in chains", "must not contain your username"}}) {
    auto res = ChangePassword(alice_, "correct horse", weak);
    EXPECT_EQ(res.status, 400u) << weak;
    EXPECT_EQ(res.Str("field"), "password") << res.body;
    EXPECT_EQ(res.Str("fields.password"), reason) << res.body;
  }
  auto created =
      Post("/api/v1/admin/users", admin_, R"({"username":"frank","password":"qwertyuiop"})");
  EXPECT_EQ(created.status, 400u);
  EXPECT_EQ(created.Str("fields.password"), "is one of the most common passwords");
  EXPECT_EQ(ChangePassword(alice_, "correct horse", "violet tractor hums loudly").status, 200u);
}

TEST_F(ApiAccountSecurity, OldPasswordGuessesAre429AfterFive) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(ChangePassword(alice_, "wrong old one", "violet tractor hums").status, 400u);
  }
  auto locked = ChangePassword(alice_, "correct horse", "violet tractor hums");
  EXPECT_EQ(locked.status, 429u) << locked.body;
  EXPECT_EQ(locked.retry_after, "60");
  EXPECT_EQ(locked.Str("error"), "too_many_requests");
  EXPECT_EQ(locked.Str("message"), "Too many failed password attempts. Try again in 1 minute.");
  // The same lock holds at the login form.
  EXPECT_EQ(c_->sessions.Login("alice", "correct horse").error().code, Code::kUnavailable);

  auto locks = Get("/api/v1/admin/login-locks", admin_);
  ASSERT_EQ(locks.status, 200u) << locks.body;
  ASSERT_EQ(locks.Count("items"), 1u) << locks.body;
  EXPECT_EQ(locks.Str("items.0.kind"), "account");
  EXPECT_EQ(locks.Str("items.0.key"), "alice");
  EXPECT_EQ(Get("/api/v1/admin/login-locks", alice_).status, 403u);
  auto cleared =
      Post("/api/v1/admin/login-locks/clear", admin_, R"({"kind":"account","key":"alice"})");
  EXPECT_EQ(cleared.status, 200u) << cleared.body;
  EXPECT_EQ(
      Post("/api/v1/admin/login-locks/clear", admin_, R"({"kind":"account","key":"alice"})").status,
      404u);
  EXPECT_EQ(ChangePassword(alice_, "correct horse", "violet tractor hums").status, 200u);
}

TEST_F(ApiAccountSecurity, ChangeKeepsTheCallingTokenAndEndsTheOthers) {
  auto other = Post("/api/v1/me/tokens", alice_, R"({"name":"laptop"})");
  ASSERT_EQ(other.status, 201u);
  auto session = c_->sessions.Login("alice", "correct horse");
  ASSERT_TRUE(session);
  ASSERT_EQ(ChangePassword(alice_, "correct horse", "violet tractor hums").status, 200u);
  EXPECT_EQ(Get("/api/v1/me", alice_).status, 200u);
  EXPECT_EQ(Get("/api/v1/me", other.Str("token")).status, 401u);
  EXPECT_FALSE(c_->sessions.Authenticate(session->token));
}

TEST_F(ApiAccountSecurity, AdminResetEndsEveryTokenOfTheMember) {
  ASSERT_EQ(Get("/api/v1/me", alice_).status, 200u);
  auto reset = Post("/api/v1/admin/users/alice/reset-password", admin_);
  ASSERT_EQ(reset.status, 200u) << reset.body;
  EXPECT_EQ(Get("/api/v1/me", alice_).status, 401u);
  EXPECT_EQ(Get("/api/v1/me", admin_).status, 200u);
}

}  // namespace
}  // namespace guildhall::web::testing
