// Group governance on the HTML pages (issue 10 item 11, spec/POLICY.md §2):
// with the default group-creation setting (members-internal) a member's
// public group is refused beside the scope field; an admin's public group and
// any widening on a group's settings page first show the policy's preview
// and change nothing until the form comes back confirmed; an owner's
// widening the setting does not allow is refused beside the field, not with
// a bare 403 page; admins change the setting on /admin/groups.
#include <gtest/gtest.h>

#include "tests/web/ui/ui_fixture.h"

namespace guildhall::web::testing {
namespace {

bool Has(const std::string& body, std::string_view text) {
  return body.find(text) != std::string::npos;
}

class GroupGovernancePagesTest : public UiFixture {
 protected:
  void SetUp() override {
    ServePolicyPages();
    if (HasFatalFailure()) return;
    Start();
    root_ = SignIn("root", storage::NodeRole::kAdmin);
    alice_ = SignIn("alice");
  }

  static std::map<std::string, std::string> NewGroup(const std::string& slug,
                                                     const std::string& scope) {
    return {{"name", "Group " + slug}, {"slug", slug},   {"description", ""},
            {"kind", "practice"},      {"scope", scope}, {"join_mode", "open"}};
  }

  std::optional<storage::Group> GroupNamed(const std::string& slug) {
    auto g = c_->groups.GetBySlug(root_.id, slug);
    if (!g) return std::nullopt;
    return g->group;
  }

  std::map<std::string, std::string> Settings(const storage::Group& g, const std::string& scope) {
    return {{"name", g.name},      {"description", g.description},
            {"kind", "practice"},  {"scope", scope},
            {"join_mode", "open"}, {"version", std::to_string(g.version)}};
  }

  Browser root_, alice_;
};

TEST_F(GroupGovernancePagesTest, AMembersPublicGroupIsRefusedBesideTheScopeField) {
  ClientResponse refused = Post("/groups", alice_, NewGroup("plaza", "public"));
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_TRUE(Has(refused.body, "id=\"f-scope-error\"")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "Only node admins may make a group public here")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "action=\"/groups\"")) << "the form comes back";
  EXPECT_FALSE(GroupNamed("plaza")) << "nothing was created";
  EXPECT_TRUE(Has(Get("/groups/new", alice_).body, "Partners and public groups need an admin"));

  ClientResponse internal = Post("/groups", alice_, NewGroup("book-club", "internal"));
  EXPECT_EQ(internal.status, 303u) << internal.body;
  ASSERT_TRUE(GroupNamed("book-club"));
  EXPECT_EQ(GroupNamed("book-club")->scope, storage::GroupScope::kInternal);
}

TEST_F(GroupGovernancePagesTest, AnAdminsPublicGroupIsPreviewedThenCreated) {
  ClientResponse confirm = Post("/groups", root_, NewGroup("plaza", "public"));
  ASSERT_EQ(confirm.status, 200u) << confirm.body;
  EXPECT_TRUE(Has(confirm.body, "Confirm a new shared group")) << confirm.body;
  EXPECT_TRUE(Has(confirm.body, "scope=public"));
  EXPECT_TRUE(Has(confirm.body, "action=\"/groups\""));
  EXPECT_TRUE(Has(confirm.body, "name=\"confirm\" value=\"1\""));
  EXPECT_FALSE(GroupNamed("plaza")) << "nothing is created (nor shared) before confirmation";

  auto fields = NewGroup("plaza", "public");
  fields["confirm"] = "1";
  ClientResponse created = Post("/groups", root_, fields);
  ASSERT_EQ(created.status, 303u) << created.body;
  ASSERT_TRUE(GroupNamed("plaza"));
  EXPECT_EQ(GroupNamed("plaza")->scope, storage::GroupScope::kPublic);
  auto audit = c_->audit.List(root_.id, {.action = "group.create"}, {});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->items.size(), 1u);
  EXPECT_TRUE(Has(audit->items[0].after, "scope=public"));
}

TEST_F(GroupGovernancePagesTest, WideningOnTheSettingsPageIsConfirmedFirst) {
  ASSERT_EQ(Post("/groups", root_, NewGroup("ops", "internal")).status, 303u);
  const storage::Group before = *GroupNamed("ops");
  ClientResponse confirm = Post("/g/ops/settings", root_, Settings(before, "public"));
  ASSERT_EQ(confirm.status, 200u) << confirm.body;
  EXPECT_TRUE(Has(confirm.body, "Confirm a wider scope")) << confirm.body;
  EXPECT_TRUE(Has(confirm.body, "Set the scope of group ops to public"));
  EXPECT_TRUE(Has(confirm.body, "action=\"/g/ops/settings\""));
  EXPECT_EQ(GroupNamed("ops")->scope, storage::GroupScope::kInternal)
      << "nothing is shared before confirmation";

  auto fields = Settings(before, "public");
  fields["confirm"] = "1";
  ClientResponse saved = Post("/g/ops/settings", root_, fields);
  ASSERT_EQ(saved.status, 303u) << saved.body;
  EXPECT_EQ(GroupNamed("ops")->scope, storage::GroupScope::kPublic);
  // Narrowing needs no confirmation.
  ClientResponse narrowed =
      Post("/g/ops/settings", root_, Settings(*GroupNamed("ops"), "internal"));
  EXPECT_EQ(narrowed.status, 303u) << narrowed.body;
  EXPECT_EQ(GroupNamed("ops")->scope, storage::GroupScope::kInternal);
}

TEST_F(GroupGovernancePagesTest, AnOwnersWideningIsRefusedBesideTheField) {
  ASSERT_EQ(Post("/groups", alice_, NewGroup("book-club", "internal")).status, 303u);
  const storage::Group before = *GroupNamed("book-club");
  for (const std::string confirmed : {"", "1"}) {
    auto fields = Settings(before, "public");
    if (!confirmed.empty()) fields["confirm"] = confirmed;  // a forged confirmation too
    ClientResponse refused = Post("/g/book-club/settings", alice_, fields);
    EXPECT_EQ(refused.status, 403u) << refused.body;
    EXPECT_TRUE(Has(refused.body, "id=\"f-scope-error\"")) << refused.body;
    EXPECT_TRUE(Has(refused.body, "Only node admins may make a group public here")) << refused.body;
    EXPECT_TRUE(Has(refused.body, "Save settings")) << "the settings form, not an error page";
  }
  EXPECT_EQ(GroupNamed("book-club")->scope, storage::GroupScope::kInternal);
}

TEST_F(GroupGovernancePagesTest, AdminsChangeWhoMayCreateGroups) {
  EXPECT_EQ(Get("/admin/groups", alice_).status, 404u);
  ClientResponse page = Get("/admin/groups", root_);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_TRUE(Has(page.body, "members-internal"));
  EXPECT_TRUE(Has(page.body, "comes from the configuration file"));
  EXPECT_EQ(Post("/admin/groups", alice_, {{"group_creation", "members-any"}}).status, 404u);
  EXPECT_EQ(Post("/admin/groups", root_, {{"group_creation", "everyone"}}).status, 400u);
  ClientResponse saved = Post("/admin/groups", root_, {{"group_creation", "members-any"}});
  ASSERT_EQ(saved.status, 303u) << saved.body;
  EXPECT_TRUE(Has(Get("/admin/groups", root_).body, "Set by"));

  // Now alice may create a public group: she too sees the preview first.
  ClientResponse confirm = Post("/groups", alice_, NewGroup("plaza", "public"));
  EXPECT_EQ(confirm.status, 200u) << confirm.body;
  EXPECT_TRUE(Has(confirm.body, "Confirm a new shared group"));
  EXPECT_FALSE(GroupNamed("plaza"));
  ASSERT_EQ(Post("/admin/groups", root_, {{"group_creation", "admins-only"}}).status, 303u);
  EXPECT_EQ(Post("/groups", alice_, NewGroup("club", "internal")).status, 403u);
}

}  // namespace
}  // namespace guildhall::web::testing
