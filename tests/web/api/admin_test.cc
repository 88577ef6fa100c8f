// Administration, moderation and notifications through the API
// (routes_admin.cc, routes_moderation.cc, routes_members.cc).
#include <algorithm>

#include "tests/web/api/api_fixture.h"

namespace guildhall::web::testing {
namespace {

class ApiAdmin : public ApiFixture {
 protected:
  void SetUp() override {
    admin_ = UserToken("root", storage::NodeRole::kAdmin);
    alice_ = UserToken("alice");
    bob_ = UserToken("bob");
    Start();
  }
  std::string admin_, alice_, bob_;
};

TEST_F(ApiAdmin, CreatesUsersWithAGeneratedPassword) {
  auto created = Post("/api/v1/admin/users", admin_, R"({"username":"dana"})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Str("member.username"), "dana");
  std::string password = created.Str("password");
  ASSERT_GE(password.size(), 16u);
  EXPECT_TRUE(c_->sessions.Login("dana", password));

  auto chosen = Post("/api/v1/admin/users", admin_,
                     R"({"username":"erin","password":"harbour lantern quietly","admin":true})");
  ASSERT_EQ(chosen.status, 201u) << chosen.body;
  EXPECT_EQ(chosen.Str("member.role"), "admin");
  EXPECT_EQ(chosen.At("password"), nullptr);
  EXPECT_EQ(Post("/api/v1/admin/users", admin_, R"({"username":"dana"})").status, 409u);
  EXPECT_EQ(Post("/api/v1/admin/users", admin_, R"({"username":"Bad Name!"})").Str("field"),
            "username");
  EXPECT_EQ(Post("/api/v1/admin/users", alice_, R"({"username":"sneaky"})").status, 403u);
}

TEST_F(ApiAdmin, SuspensionStopsTokensAtTheNextRequest) {
  EXPECT_EQ(Get("/api/v1/me", alice_).status, 200u);
  EXPECT_EQ(Post("/api/v1/admin/users/alice/suspend", bob_, R"({"reason":"x"})").status, 403u);
  auto suspended = Post("/api/v1/admin/users/alice/suspend", admin_, R"({"reason":"spam"})");
  ASSERT_EQ(suspended.status, 200u) << suspended.body;
  EXPECT_EQ(suspended.Str("state"), "suspended");
  EXPECT_EQ(Get("/api/v1/me", alice_).status, 401u);
  EXPECT_EQ(Post("/api/v1/admin/users/alice/unsuspend", admin_).Str("state"), "active");
  EXPECT_EQ(Get("/api/v1/me", alice_).status, 200u);
  EXPECT_EQ(Post("/api/v1/admin/users/nobody/suspend", admin_).status, 404u);
}

TEST_F(ApiAdmin, ResetPasswordRoleAndInvites) {
  auto reset = Post("/api/v1/admin/users/bob/reset-password", admin_);
  ASSERT_EQ(reset.status, 200u) << reset.body;
  EXPECT_TRUE(c_->sessions.Login("bob", reset.Str("password")));
  EXPECT_TRUE(Get("/api/v1/members/bob", admin_).Bool("must_change_password"));

  auto role = Post("/api/v1/admin/users/bob/role", admin_, R"({"role":"moderator"})");
  EXPECT_EQ(role.Str("role"), "moderator") << role.body;

  MakeGroup(alice_, "team");
  auto invite = Post("/api/v1/admin/invites", admin_, R"({"group":"team"})");
  ASSERT_EQ(invite.status, 201u) << invite.body;
  EXPECT_EQ(invite.Str("url"), "https://guild.example/invite/" + invite.Str("token"));
  EXPECT_TRUE(c_->invites.Check(invite.Str("token")));
  EXPECT_EQ(Post("/api/v1/admin/invites", alice_).status, 403u);
}

TEST_F(ApiAdmin, AuditLogListsAndExports) {
  ASSERT_EQ(Post("/api/v1/admin/users/alice/suspend", admin_, R"({"reason":"spam"})").status, 200u);
  ASSERT_EQ(Post("/api/v1/admin/users/alice/unsuspend", admin_).status, 200u);
  auto all = Get("/api/v1/admin/audit", admin_);
  ASSERT_EQ(all.status, 200u) << all.body;
  EXPECT_GE(all.Count("items"), 2u);
  EXPECT_EQ(all.Str("items.0.action"), "member.unsuspend");  // newest first
  auto filtered = Get("/api/v1/admin/audit?action=member.suspend&actor=root", admin_);
  ASSERT_EQ(filtered.Count("items"), 1u) << filtered.body;
  EXPECT_EQ(filtered.Str("items.0.reason"), "spam");
  EXPECT_EQ(Get("/api/v1/admin/audit?since=2030-01-01T00:00:00Z", admin_).Count("items"), 0u);
  EXPECT_EQ(Get("/api/v1/admin/audit?since=yesterday", admin_).Str("field"), "since");
  EXPECT_EQ(Get("/api/v1/admin/audit", alice_).status, 403u);

  auto jsonl = Get("/api/v1/admin/audit.jsonl?action=member.suspend", admin_);
  ASSERT_EQ(jsonl.status, 200u) << jsonl.body;
  EXPECT_TRUE(jsonl.content_type.starts_with("application/x-ndjson"));
  EXPECT_EQ(std::count(jsonl.body.begin(), jsonl.body.end(), '\n'), 1);
  EXPECT_NE(jsonl.body.find("\"action\":\"member.suspend\""), std::string::npos);
}

TEST_F(ApiAdmin, ReportsRemovalsAndBans) {
  MakeGroup(alice_, "team");
  ASSERT_EQ(Post("/api/v1/groups/team/join", bob_).status, 200u);
  auto thread = Post("/api/v1/groups/team/threads", bob_, R"({"title":"Buy now","body":"spam"})");
  std::string id = thread.Str("id");

  auto report = Post("/api/v1/reports", alice_,
                     R"({"target_kind":"thread","target_id":")" + id + R"(","reason":"spam"})");
  ASSERT_EQ(report.status, 201u) << report.body;
  EXPECT_EQ(report.Str("state"), "open");
  EXPECT_EQ(
      Post("/api/v1/reports", alice_, R"({"target_kind":"post","target_id":"1","reason":"x"})")
          .Str("field"),
      "target_kind");
  auto member_report = Post("/api/v1/reports", alice_,
                            R"({"target_kind":"member","target_id":"bob","reason":"rude"})");
  EXPECT_EQ(member_report.status, 201u) << member_report.body;

  auto queue = Get("/api/v1/moderation/reports?group=team", alice_);
  ASSERT_EQ(queue.status, 200u) << queue.body;
  EXPECT_EQ(queue.Count("items"), 1u);
  EXPECT_EQ(Get("/api/v1/moderation/reports", admin_).Count("items"), 2u);
  EXPECT_EQ(Get("/api/v1/moderation/reports", bob_).status, 403u);

  auto removed = Post("/api/v1/moderation/remove", alice_,
                      R"({"kind":"thread","id":")" + id + R"(","reason":"Advertising"})");
  ASSERT_EQ(removed.status, 200u) << removed.body;
  auto seen = Get("/api/v1/threads/" + id, bob_);
  EXPECT_TRUE(seen.Bool("removed")) << seen.body;
  EXPECT_EQ(seen.Str("removal_reason"), "Advertising");
  EXPECT_EQ(Post("/api/v1/moderation/remove", alice_, R"({"kind":"thread","id":")" + id + "\"}")
                .Str("field"),
            "reason");
  auto resolved = Post("/api/v1/moderation/reports/" + report.Str("id") + "/resolve", alice_,
                       R"({"resolution":"removed"})");
  EXPECT_EQ(resolved.Str("state"), "resolved") << resolved.body;
  auto dismissed = Post("/api/v1/moderation/reports/" + member_report.Str("id") + "/dismiss",
                        admin_, R"({"resolution":"not rude"})");
  EXPECT_EQ(dismissed.Str("state"), "dismissed") << dismissed.body;
  EXPECT_EQ(Get("/api/v1/moderation/reports", admin_).Count("items"), 0u);
  auto restored = Post("/api/v1/moderation/restore", alice_,
                       R"({"kind":"thread","id":")" + id + R"(","reason":"Appeal accepted"})");
  ASSERT_EQ(restored.status, 200u) << restored.body;
  EXPECT_FALSE(Get("/api/v1/threads/" + id, bob_).Bool("removed"));

  auto ban = Post("/api/v1/groups/team/bans", alice_, R"({"username":"bob","reason":"spam"})");
  ASSERT_EQ(ban.status, 200u) << ban.body;
  EXPECT_EQ(Post("/api/v1/groups/team/threads", bob_, R"({"title":"Again","body":"x"})").status,
            403u);
  EXPECT_EQ(Post("/api/v1/groups/team/join", bob_).status, 403u);
  EXPECT_EQ(Call("DELETE", "/api/v1/groups/team/bans/bob", alice_, R"({"reason":"ok"})").status,
            200u);
  EXPECT_EQ(Post("/api/v1/groups/team/join", bob_).Str("state"), "active");
}

TEST_F(ApiAdmin, NotificationsListAndMarkRead) {
  MakeGroup(alice_, "team");
  ASSERT_EQ(Post("/api/v1/groups/team/join", bob_).status, 200u);
  auto thread = Post("/api/v1/groups/team/threads", alice_, R"({"title":"Hi","body":"Hello"})");
  std::string id = thread.Str("id");
  ASSERT_EQ(Post("/api/v1/threads/" + id + "/replies", bob_, R"({"body":"Hi @alice"})").status,
            201u);
  auto list = Get("/api/v1/notifications", alice_);
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_GE(list.Count("items"), 1u);
  EXPECT_GE(list.Int("unread_count"), 1);
  EXPECT_EQ(list.Str("items.0.thread"), id);
  EXPECT_FALSE(list.Bool("items.0.read"));

  auto one =
      Post("/api/v1/notifications/read", alice_, R"({"ids":[")" + list.Str("items.0.id") + "\"]}");
  EXPECT_EQ(one.Int("marked"), 1) << one.body;
  EXPECT_EQ(Post("/api/v1/notifications/read", alice_, R"({"all":true})").status, 200u);
  EXPECT_EQ(Get("/api/v1/notifications?unread=true", alice_).Count("items"), 0u);
  EXPECT_EQ(Get("/api/v1/notifications", alice_).Int("unread_count"), 0);
  EXPECT_EQ(Post("/api/v1/notifications/read", alice_, "{}").Str("field"), "ids");
  EXPECT_EQ(
      Post("/api/v1/notifications/read", bob_, R"({"ids":[")" + list.Str("items.0.id") + "\"]}")
          .status,
      404u);
}

}  // namespace
}  // namespace guildhall::web::testing
