// /communities (web/ui/follow_pages.cc) with the real stored federation
// policy behind the follow (issue 5: "the UI says why when it refuses"): the
// sentence federation's Follows returns (PeerPolicy::RefusalReason) is shown
// beside the field, naming the domain, the reason and what an admin can do,
// and it changes with the policy at once.
#include <gtest/gtest.h>

#include "federation/policy/policy_admin.h"
#include "tests/web/policy_follows.h"
#include "tests/web/ui/ui_fixture.h"
#include "web/api/api.h"

namespace guildhall::web::testing {
namespace {

class FollowRefusalTest : public UiFixture {
 protected:
  void SetUp() override {
    ServePolicyPages();
    if (HasFatalFailure()) return;
    peers_ =
        federation::MakeStoredPeerPolicy(store_.store(), federation::FederationMode::kAllowlist);
    recorder_ = std::make_unique<PolicyFollows>(*peers_);
    follows_ = recorder_.get();
    Start();
    root_ = SignIn("root", storage::NodeRole::kAdmin);
    ann_ = SignIn("ann");
  }

  std::unique_ptr<federation::PeerPolicy> peers_;
  std::unique_ptr<PolicyFollows> recorder_;
  Browser root_, ann_;
};

TEST_F(FollowRefusalTest, TheRefusalSaysWhyBesideTheField) {
  ClientResponse unlisted = Post("/communities/follow", ann_, {{"handle", "news@partner.example"}});
  EXPECT_EQ(unlisted.status, 403u);
  EXPECT_NE(unlisted.body.find("This node does not federate with partner.example (federation mode "
                               "allowlist; an admin can allow it)"),
            std::string::npos)
      << unlisted.body;
  EXPECT_NE(unlisted.body.find("value=\"news@partner.example\""), std::string::npos);

  ASSERT_TRUE(policy_->SetPeer(root_.id, "partner.example", storage::PeerState::kBlocked));
  ClientResponse blocked = Post("/communities/follow", ann_, {{"handle", "news@partner.example"}});
  EXPECT_EQ(blocked.status, 403u);
  EXPECT_NE(blocked.body.find("This node blocks partner.example (an admin has blocked that peer)"),
            std::string::npos)
      << blocked.body;

  ASSERT_TRUE(policy_->SetPeer(root_.id, "partner.example", storage::PeerState::kAllowed));
  EXPECT_EQ(Post("/communities/follow", ann_, {{"handle", "news@partner.example"}}).status, 303u);
}

}  // namespace
}  // namespace guildhall::web::testing
