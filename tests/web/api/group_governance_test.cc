// Group governance over the JSON API (issue 10 item 11, spec/API.md,
// spec/POLICY.md §2) with the real stored policy: under the default
// group-creation setting (members-internal) a member's public group is 403
// with the reason as the message; an admin's public group, and a PATCH that
// widens a scope, change nothing without "confirm": true (409), "dry_run":
// true answers the policy's impact, and the confirmed request applies it; an
// owner's widening is 403 with the reason; admins set the setting.
#include <gtest/gtest.h>

#include "federation/policy/policy_admin.h"
#include "tests/web/api/api_fixture.h"

namespace guildhall::web::testing {
namespace {

bool Has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

class GroupGovernanceApiTest : public ApiFixture {
 protected:
  GroupGovernanceApiTest() {
    ServePolicy();
    Start();
    root_ = UserToken("root", storage::NodeRole::kAdmin);
    ann_ = UserToken("ann");
  }

  static std::string NewGroup(const std::string& slug, const std::string& scope,
                              const std::string& extra = "") {
    return R"({"slug":")" + slug + R"(","name":"Group )" + slug + R"(","scope":")" + scope + "\"" +
           extra + "}";
  }

  std::string ScopeOf(const std::string& slug) {
    return Get("/api/v1/groups/" + slug, root_).Str("scope");
  }

  std::string root_, ann_;
};

TEST_F(GroupGovernanceApiTest, AMembersPublicGroupIsRefusedWithTheReason) {
  auto refused = Post("/api/v1/groups", ann_, NewGroup("plaza", "public"));
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_TRUE(Has(refused.Str("message"), "only node admins may make a group public here"))
      << refused.body;
  EXPECT_EQ(Get("/api/v1/groups/plaza", root_).status, 404u);
  auto dry = Post("/api/v1/groups", ann_, NewGroup("plaza", "public", R"(,"dry_run":true)"));
  EXPECT_EQ(dry.status, 403u) << "the preview refuses alike: " << dry.body;
  auto confirmed = Post("/api/v1/groups", ann_, NewGroup("plaza", "public", R"(,"confirm":true)"));
  EXPECT_EQ(confirmed.status, 403u) << confirmed.body;
  EXPECT_EQ(Post("/api/v1/groups", ann_, NewGroup("book-club", "internal")).status, 201u);
}

TEST_F(GroupGovernanceApiTest, AnAdminsPublicGroupIsPreviewedAndConfirmed) {
  auto unconfirmed = Post("/api/v1/groups", root_, NewGroup("plaza", "public"));
  EXPECT_EQ(unconfirmed.status, 409u) << unconfirmed.body;
  EXPECT_TRUE(Has(unconfirmed.Str("message"), "\"confirm\": true")) << unconfirmed.body;
  EXPECT_EQ(Get("/api/v1/groups/plaza", root_).status, 404u) << "nothing before confirmation";

  auto dry = Post("/api/v1/groups", root_, NewGroup("plaza", "public", R"(,"dry_run":true)"));
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_TRUE(dry.Bool("dry_run"));
  EXPECT_EQ(dry.Str("after"), "scope=public");
  EXPECT_EQ(Get("/api/v1/groups/plaza", root_).status, 404u) << "a dry run creates nothing";

  auto created = Post("/api/v1/groups", root_, NewGroup("plaza", "public", R"(,"confirm":true)"));
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Str("scope"), "public");
  auto audit = Get("/api/v1/admin/audit?action=group.create", root_);
  EXPECT_TRUE(Has(audit.body, "scope=public")) << audit.body;
}

TEST_F(GroupGovernanceApiTest, APatchThatWidensIsPreviewedAndConfirmed) {
  MakeGroup(root_, "ops");
  auto unconfirmed = Call("PATCH", "/api/v1/groups/ops", root_, R"({"scope":"public"})");
  EXPECT_EQ(unconfirmed.status, 409u) << unconfirmed.body;
  EXPECT_EQ(ScopeOf("ops"), "internal");
  auto dry = Call("PATCH", "/api/v1/groups/ops", root_, R"({"scope":"partners","dry_run":true})");
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_EQ(dry.Str("before"), "scope=internal");
  EXPECT_EQ(dry.Str("after"), "scope=partners");
  EXPECT_EQ(ScopeOf("ops"), "internal");
  auto applied = Call("PATCH", "/api/v1/groups/ops", root_, R"({"scope":"public","confirm":true})");
  ASSERT_EQ(applied.status, 200u) << applied.body;
  EXPECT_EQ(ScopeOf("ops"), "public");
  // Narrowing and other fields need no confirmation.
  EXPECT_EQ(Call("PATCH", "/api/v1/groups/ops", root_, R"({"scope":"internal"})").status, 200u);
  EXPECT_EQ(Call("PATCH", "/api/v1/groups/ops", root_, R"({"name":"Operations"})").status, 200u);
  EXPECT_EQ(Call("PATCH", "/api/v1/groups/ops", root_, R"({"name":"Ops","dry_run":true})").status,
            400u)
      << "a dry run of something that has no preview is refused, not applied";
  EXPECT_EQ(Get("/api/v1/groups/ops", root_).Str("name"), "Operations");
}

TEST_F(GroupGovernanceApiTest, AnOwnersWideningIsRefusedWithTheReason) {
  MakeGroup(ann_, "book-club");
  for (const char* body : {R"({"scope":"public"})", R"({"scope":"public","confirm":true})"}) {
    auto refused = Call("PATCH", "/api/v1/groups/book-club", ann_, body);
    EXPECT_EQ(refused.status, 403u) << refused.body;
    EXPECT_TRUE(Has(refused.Str("message"), "only node admins may make a group public here"))
        << refused.body;
  }
  EXPECT_EQ(ScopeOf("book-club"), "internal");
}

TEST_F(GroupGovernanceApiTest, AdminsSetWhoMayCreateGroups) {
  auto seen = Get("/api/v1/admin/group-creation", ann_);
  ASSERT_EQ(seen.status, 200u) << seen.body;
  EXPECT_EQ(seen.Str("group_creation"), "members-internal");
  EXPECT_TRUE(seen.Bool("from_config"));
  EXPECT_EQ(seen.Count("scopes"), 1u);
  EXPECT_EQ(
      Post("/api/v1/admin/group-creation", ann_, R"({"group_creation":"members-any"})").status,
      403u);
  auto bad = Post("/api/v1/admin/group-creation", root_, R"({"group_creation":"everyone"})");
  EXPECT_EQ(bad.status, 400u);
  EXPECT_TRUE(Has(bad.Str("message"), "admins-only|members-internal|members-any"));
  auto set = Post("/api/v1/admin/group-creation", root_, R"({"group_creation":"members-any"})");
  ASSERT_EQ(set.status, 200u) << set.body;
  EXPECT_FALSE(set.Bool("from_config"));
  EXPECT_EQ(Get("/api/v1/admin/group-creation", ann_).Count("scopes"), 3u);
  auto dry = Post("/api/v1/groups", ann_, NewGroup("plaza", "public", R"(,"dry_run":true)"));
  EXPECT_EQ(dry.status, 200u) << dry.body;
}

}  // namespace
}  // namespace guildhall::web::testing
