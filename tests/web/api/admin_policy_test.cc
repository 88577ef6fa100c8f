// The federation policy over the JSON API (/api/v1/admin/..., spec/API.md)
// against the real stored policy (federation/policy): staff only, dry runs
// change nothing and report the impact, validation errors say what is
// wrong; a follow the policy refuses says why; the held-posts queue of a
// group (/api/v1/moderation/held) for its moderators only.
#include <gtest/gtest.h>

#include "federation/policy/policy_admin.h"
#include "storage/model/records/held_post.h"
#include "storage/model/records/member.h"
#include "storage/model/table.h"
#include "tests/web/api/api_fixture.h"
#include "tests/web/policy_follows.h"

namespace guildhall::web::testing {
namespace {

class AdminPolicyApiTest : public ApiFixture {
 protected:
  AdminPolicyApiTest() {
    ServePolicy();
    peer_policy_ =
        federation::MakeStoredPeerPolicy(store_.store(), federation::FederationMode::kAllowlist);
    follows_impl_ = std::make_unique<PolicyFollows>(*peer_policy_);
    follows_ = follows_impl_.get();
    Start();
    root_ = UserToken("root", storage::NodeRole::kAdmin);
    ann_ = UserToken("ann");
  }

  std::unique_ptr<federation::PeerPolicy> peer_policy_;
  std::unique_ptr<PolicyFollows> follows_impl_;
  std::string root_, ann_;
};

TEST_F(AdminPolicyApiTest, OnlyAdminsReadOrChangeThePolicy) {
  EXPECT_EQ(Get("/api/v1/admin/peers", ann_).status, 403u);
  EXPECT_EQ(Post("/api/v1/admin/mode", ann_, R"({"mode":"open"})").status, 403u);
  EXPECT_EQ(Post("/api/v1/admin/peers/partner.example", ann_, R"({"state":"allowed"})").status,
            403u);
  EXPECT_EQ(Get("/api/v1/admin/peers", "").status, 401u);
  auto mode = Get("/api/v1/admin/mode", root_);
  ASSERT_EQ(mode.status, 200u) << mode.body;
  EXPECT_EQ(mode.Str("mode"), "allowlist");
  EXPECT_TRUE(mode.Bool("from_config"));
}

TEST_F(AdminPolicyApiTest, DryRunChangesNothingAndReportsTheImpact) {
  auto dry = Post("/api/v1/admin/peers/Partner.Example", root_,
                  R"({"state":"allowed","relationship":"partner","dry_run":true})");
  ASSERT_EQ(dry.status, 200u) << dry.body;
  EXPECT_TRUE(dry.Bool("dry_run"));
  EXPECT_TRUE(dry.Bool("changed"));
  EXPECT_EQ(dry.Str("before"), "unlisted");
  EXPECT_EQ(Get("/api/v1/admin/peers", root_).Count("items"), 0u);
  auto applied = Post("/api/v1/admin/peers/Partner.Example", root_,
                      R"({"state":"allowed","relationship":"partner"})");
  ASSERT_EQ(applied.status, 200u) << applied.body;
  EXPECT_FALSE(applied.Bool("dry_run"));
  EXPECT_EQ(applied.Str("after"), dry.Str("after"));
  auto peers = Get("/api/v1/admin/peers", root_);
  ASSERT_EQ(peers.Count("items"), 1u);
  EXPECT_EQ(peers.Str("items.0.domain"), "partner.example");
  EXPECT_EQ(peers.Str("items.0.state"), "allowed");
  auto mode = Post("/api/v1/admin/mode?dry_run=1", root_, R"({"mode":"closed"})");
  ASSERT_EQ(mode.status, 200u);
  EXPECT_EQ(Get("/api/v1/admin/mode", root_).Str("mode"), "allowlist");
}

TEST_F(AdminPolicyApiTest, ValidationErrorsSayWhatIsWrong) {
  auto state = Post("/api/v1/admin/peers/partner.example", root_, R"({"state":"friendly"})");
  EXPECT_EQ(state.status, 400u);
  EXPECT_EQ(state.Str("message"), "state: not one of allowed|limited|blocked");
  auto domain = Post("/api/v1/admin/peers/bad%20domain", root_, R"({"state":"allowed"})");
  EXPECT_EQ(domain.status, 400u);
  EXPECT_NE(domain.Str("message").find("not a domain"), std::string::npos) << domain.body;
  auto own = Post("/api/v1/admin/peers/guild.example", root_, R"({"state":"blocked"})");
  EXPECT_EQ(own.status, 400u);
  EXPECT_NE(own.Str("message").find("own domain"), std::string::npos) << own.body;
  auto mode = Post("/api/v1/admin/mode", root_, R"({"mode":"sometimes"})");
  EXPECT_EQ(mode.status, 400u);
  EXPECT_EQ(mode.Str("message"), "mode: not one of closed|allowlist|open");
  auto missing = Call("DELETE", "/api/v1/admin/peers/nobody.example", root_);
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.Str("message"), "peer nobody.example is not on the list");
}

TEST_F(AdminPolicyApiTest, ARefusedFollowSaysWhy) {
  auto unlisted = Post("/api/v1/follows", ann_, R"({"handle":"news@partner.example"})");
  EXPECT_EQ(unlisted.status, 403u);
  EXPECT_EQ(unlisted.Str("message"),
            "This node does not federate with partner.example (federation mode allowlist; an admin "
            "can allow it)");
  ASSERT_EQ(Post("/api/v1/admin/peers/partner.example", root_, R"({"state":"blocked"})").status,
            200u);
  auto blocked = Post("/api/v1/follows", ann_, R"({"handle":"news@partner.example"})");
  EXPECT_EQ(blocked.status, 403u);
  EXPECT_EQ(blocked.Str("message"),
            "This node blocks partner.example (an admin has blocked that peer)");
  ASSERT_EQ(Post("/api/v1/admin/peers/partner.example", root_, R"({"state":"allowed"})").status,
            200u);
  EXPECT_EQ(Post("/api/v1/follows", ann_, R"({"handle":"news@partner.example"})").status, 201u);
}

TEST_F(AdminPolicyApiTest, HeldPostsQueueIsForTheGroupsModerators) {
  // An admin creates the public group for ann (members create internal ones).
  ASSERT_TRUE(c_->groups.Create(IdOf("root"), {.slug = "news",
                                               .name = "News",
                                               .scope = storage::GroupScope::kPublic,
                                               .owner = IdOf("ann")}));
  auto news = c_->groups.GetBySlug(IdOf("ann"), "news");
  ASSERT_TRUE(news);
  const Id group = news->group.id;
  // A remote member of a limited peer and one post of theirs held for news.
  storage::Member alice{.id = ids_.Next(),
                        .username = "alice",
                        .domain = "lim.example",
                        .actor_uri = "https://lim.example/u/alice",
                        .display_name = "Alice"};
  const std::string activity =
      R"({"id":"https://lim.example/a/1","type":"Create","actor":"https://lim.example/u/alice",)"
      R"("object":{"id":"https://lim.example/p/1","type":"Page","name":"Hello there",)"
      R"("content":"<p>Body text</p>","attributedTo":"https://lim.example/u/alice"}})";
  const storage::HeldPost held{ids_.Next(), group, alice.id, "https://lim.example/p/1",
                               activity,    1};
  ASSERT_TRUE(store_.store().Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(storage::Table<storage::MemberCodec>::Insert(tx, alice));
    return storage::Table<storage::HeldPostCodec>::Put(tx, held);
  }));
  const std::string bob = UserToken("bob");
  EXPECT_EQ(Get("/api/v1/moderation/held?group=news", bob).status, 403u);
  auto missing = Get("/api/v1/moderation/held", ann_);
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.Str("message"), "group: required (the group's slug)");
  auto list = Get("/api/v1/moderation/held?group=news", ann_);
  ASSERT_EQ(list.status, 200u) << list.body;
  ASSERT_EQ(list.Count("items"), 1u);
  EXPECT_EQ(list.Str("items.0.kind"), "thread");
  EXPECT_EQ(list.Str("items.0.title"), "Hello there");
  EXPECT_EQ(list.Str("items.0.author"), "alice@lim.example");
  EXPECT_NE(list.Str("items.0.body").find("Body text"), std::string::npos);
  const std::string path = "/api/v1/moderation/held/" + held.id.ToString();
  EXPECT_EQ(Post(path + "/reject", bob, R"({"group":"news"})").status, 403u);
  // No federation here: nothing can publish an approved post.
  EXPECT_EQ(Post(path + "/approve", ann_, R"({"group":"news"})").status, 503u);
  auto rejected = Post(path + "/reject", ann_, R"({"group":"news","reason":"spam"})");
  EXPECT_EQ(rejected.status, 200u) << rejected.body;
  EXPECT_EQ(Get("/api/v1/moderation/held?group=news", ann_).Count("items"), 0u);
  EXPECT_EQ(Post(path + "/reject", ann_, R"({"group":"news"})").status, 404u);
}

}  // namespace
}  // namespace guildhall::web::testing
