// Posts from limited peers awaiting approval on a group's moderation tab
// (web/ui/moderation_pages.cc SetHeldPosts / DecideHeld) over the real
// PolicyAdmin and store: listed for the group's moderators with the text
// escaped, hidden from others, rejected with a reason (audited), approve
// refused with a flash when nothing can publish it, forms need CSRF.
#include <gtest/gtest.h>

#include "federation/policy/policy_admin.h"
#include "storage/model/records/held_post.h"
#include "storage/model/records/member.h"
#include "storage/model/table.h"
#include "tests/web/ui/ui_fixture.h"

namespace guildhall::web::testing {
namespace {

class HeldPostsPagesTest : public UiFixture {
 protected:
  void SetUp() override {
    ServePolicyPages();
    if (HasFatalFailure()) return;
    Start();
    root_ = SignIn("root", storage::NodeRole::kAdmin);
    alice_ = SignIn("alice");
    bob_ = SignIn("bob");
    auto g = c_->groups.Create(root_.id, {.slug = "news",
                                          .name = "News",
                                          .scope = storage::GroupScope::kPublic,
                                          .owner = alice_.id});
    ASSERT_TRUE(g) << g.error().message;
    ASSERT_TRUE(c_->memberships.Join(bob_.id, g->group.id));
    held_ = Hold(g->group.id);
  }

  // A post by a limited peer's member, held for `group`.
  storage::HeldPost Hold(Id group) {
    storage::Member lim{.id = ids_.Next(),
                        .username = "eve",
                        .domain = "lim.example",
                        .actor_uri = "https://lim.example/u/eve",
                        .display_name = "Eve <b>"};
    const std::string activity =
        R"({"id":"https://lim.example/a/1","type":"Create","actor":"https://lim.example/u/eve",)"
        R"("object":{"id":"https://lim.example/p/1","type":"Page","name":"Buy <script>now</script>",)"
        R"("content":"<p>cheap stuff</p>","attributedTo":"https://lim.example/u/eve"}})";
    storage::HeldPost h{ids_.Next(), group, lim.id, "https://lim.example/p/1", activity, 1};
    EXPECT_TRUE(store_.store().Write([&](storage::WriteTxn& tx) -> Result<> {
      GH_CHECK(storage::Table<storage::MemberCodec>::Insert(tx, lim));
      return storage::Table<storage::HeldPostCodec>::Put(tx, h);
    }));
    return h;
  }

  Browser root_, alice_, bob_;
  storage::HeldPost held_;
};

TEST_F(HeldPostsPagesTest, ModeratorsSeeTheHeldPostEscaped) {
  ClientResponse tab = Get("/g/news/moderation", alice_);
  ASSERT_EQ(tab.status, 200u) << tab.body;
  EXPECT_NE(tab.body.find("Posts awaiting approval"), std::string::npos);
  EXPECT_NE(tab.body.find("eve@lim.example"), std::string::npos) << tab.body;
  EXPECT_NE(tab.body.find("Eve &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(tab.body.find("<script>now"), std::string::npos) << "the title is not escaped";
  EXPECT_NE(tab.body.find("cheap stuff"), std::string::npos);
  EXPECT_NE(tab.body.find("action=\"/g/news/held/" + held_.id.ToString() + "/approve\""),
            std::string::npos);
  EXPECT_EQ(Get("/g/news/moderation", bob_).status, 404u);  // not a moderator
}

TEST_F(HeldPostsPagesTest, RejectErasesItWithAnAuditEntry) {
  const std::string path = "/g/news/held/" + held_.id.ToString();
  EXPECT_EQ(Post(path + "/reject", alice_, {{"reason", "spam"}}, /*with_csrf=*/false).status, 403u);
  EXPECT_EQ(Post(path + "/reject", bob_, {{"reason", "spam"}}).status, 404u);
  ClientResponse rejected = Post(path + "/reject", alice_, {{"reason", "spam"}});
  ASSERT_EQ(rejected.status, 303u) << rejected.body;
  EXPECT_EQ(rejected.Header("Location"), "/g/news/moderation");
  auto held = policy_->HeldPosts(alice_.id, "news");
  ASSERT_TRUE(held);
  EXPECT_TRUE(held->empty());
  EXPECT_NE(Get("/g/news/moderation", alice_).body.find("No posts waiting."), std::string::npos);
  auto audit = policy_->Audit(root_.id, {.action = "moderation.held.reject"}, {});
  ASSERT_TRUE(audit);
  ASSERT_EQ(audit->items.size(), 1u);
  EXPECT_EQ(audit->items[0].reason, "spam");
}

TEST_F(HeldPostsPagesTest, ApproveWithoutFederationSaysSoAndKeepsThePost) {
  ClientResponse approve = Post("/g/news/held/" + held_.id.ToString() + "/approve", alice_, {});
  ASSERT_EQ(approve.status, 303u) << approve.body;
  auto held = policy_->HeldPosts(alice_.id, "news");
  ASSERT_TRUE(held);
  EXPECT_EQ(held->size(), 1u);
}

}  // namespace
}  // namespace guildhall::web::testing
