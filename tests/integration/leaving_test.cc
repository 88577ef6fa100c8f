// Issue 9 item 8, "leaving is seen on both sides": when alpha's admin removes
// or blocks a partner, or takes it off a group's share list, and when a
// moderator declines a partner member's join request, the partner's node
// hears it (the Reject reaches it although alpha's policy now refuses the
// peer), ends the follow, and tells its member why; the member can no longer
// post there and is told so instead of "posted".
#include <gtest/gtest.h>

#include "tests/integration/cluster.h"
#include "tests/integration/federation_steps.h"

namespace guildhall::integration {
namespace {

using testutil::ApiReply;
using testutil::Eventually;

bool FollowListed(NodeProcess& node, const std::string& token, const std::string& handle) {
  ApiReply list = node.Api(token, "GET", "/follows");
  for (size_t i = 0; i < list["items"].size(); ++i) {
    if (list["items"][i]["handle"].str() == handle) return true;
  }
  return false;
}

// The text of the member's newest `membership_ended` notification, if any.
std::optional<std::string> EndedNotice(NodeProcess& node, const std::string& token) {
  ApiReply list = node.Api(token, "GET", "/notifications");
  for (size_t i = 0; i < list["items"].size(); ++i) {
    auto item = list["items"][i];
    if (item["kind"].str() == "membership_ended") return item["text"].str();
  }
  return std::nullopt;
}

// Waits until `node` no longer lists the follow of `handle` and its member
// has a membership_ended notification whose text contains `reason`.
::testing::AssertionResult SeesMembershipEnded(NodeProcess& node, const std::string& token,
                                               const std::string& handle,
                                               const std::string& reason) {
  std::optional<std::string> notice;
  const bool ended = Eventually([&] {
    notice = EndedNotice(node, token);
    return notice.has_value() && !FollowListed(node, token, handle);
  });
  if (!ended) {
    return ::testing::AssertionFailure()
           << "the follow of " << handle << " on " << node.domain()
           << " did not end with a notice; notice: " << notice.value_or("(none)");
  }
  if (notice->find(reason) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "notice without the reason '" << reason << "': " << *notice;
  }
  return ::testing::AssertionSuccess();
}

struct Partners {
  std::string ann, rita;  // tokens on alpha and beta
  std::string handle;
};

// alpha's partners group `slug`, shared with beta, followed by beta's rita.
Partners SharedAndFollowed(NodeProcess& alpha, NodeProcess& beta, const std::string& slug) {
  Partners p;
  p.ann = alpha.CreateUser("ann");
  p.rita = beta.CreateUser("rita");
  EXPECT_TRUE(alpha.CreateGroup(slug, "partners", "ann"));
  EXPECT_EQ(alpha.Cli({"admin", "group", "share", slug, beta.domain()}).exit_code, 0);
  p.handle = GroupHandle(alpha, slug);
  EXPECT_TRUE(FollowAndWaitAccepted(beta, p.rita, p.handle)) << alpha.LogTail();
  return p;
}

// After the end, rita's post to the group is refused with a reason on beta
// (not "posted"), and alpha's group no longer lists her.
void ExpectNoLongerAMember(NodeProcess& alpha, NodeProcess& beta, const Partners& p,
                           const std::string& slug) {
  ApiReply post = beta.Api(p.rita, "POST", "/groups/" + p.handle + "/threads",
                           R"({"title":"After the end","body":"x"})");
  EXPECT_NE(post.status, 201u) << post.body;
  EXPECT_NE(post["message"].str(), "") << post.body;
  ApiReply members = alpha.Api(p.ann, "GET", "/groups/" + slug + "/members");
  EXPECT_EQ(members.body.find("rita"), std::string::npos) << members.body;
}

// Two nodes by name with TLS, alpha the group's node, beta the partner's.
class Leaving : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster_.Up());
    ASSERT_TRUE(testutil::ServesFederation(alpha)) << "no /.well-known/nodeinfo";
  }

  Cluster cluster_{{"alpha", "beta"}};
  NodeProcess& alpha = cluster_["alpha"];
  NodeProcess& beta = cluster_["beta"];
};

TEST_F(Leaving, ABlockedPartnerHearsTheEndAndItsMemberSeesWhy) {
  Partners p = SharedAndFollowed(alpha, beta, "team");
  ASSERT_FALSE(testing::Test::HasFailure());

  auto block = alpha.Cli({"admin", "peer", "block", beta.domain(), "--note", "contract ended"});
  ASSERT_EQ(block.exit_code, 0) << block.output;

  EXPECT_TRUE(
      SeesMembershipEnded(beta, p.rita, p.handle, "no longer federates with " + beta.domain()))
      << alpha.LogTail() << beta.LogTail();
  ExpectNoLongerAMember(alpha, beta, p, "team");
}

TEST_F(Leaving, TakenOffTheShareListThePartnerHearsTheEnd) {
  Partners p = SharedAndFollowed(alpha, beta, "team");
  ASSERT_FALSE(testing::Test::HasFailure());

  auto unshare = alpha.Cli({"admin", "group", "share", "team"});
  ASSERT_EQ(unshare.exit_code, 0) << unshare.output;

  EXPECT_TRUE(SeesMembershipEnded(beta, p.rita, p.handle, "is no longer shared with"))
      << alpha.LogTail() << beta.LogTail();
  ExpectNoLongerAMember(alpha, beta, p, "team");
}

TEST_F(Leaving, ADeclinedJoinRequestIsRejected) {
  const std::string ann = alpha.CreateUser("ann");
  const std::string rita = beta.CreateUser("rita");
  ASSERT_TRUE(alpha.CreateGroup("club", "public", "ann", "approval"));
  const std::string handle = GroupHandle(alpha, "club");
  ApiReply follow = beta.Api(rita, "POST", "/follows", R"({"handle":")" + handle + R"("})");
  ASSERT_EQ(follow.status, 201u) << follow.body;

  std::string requester;
  ASSERT_TRUE(Eventually([&] {
    ApiReply pending = alpha.Api(ann, "GET", "/groups/club/members?state=pending");
    if (pending["items"].size() == 0) return false;
    requester = pending["items"][0]["member"]["handle"].str();
    return !requester.empty();
  })) << alpha.LogTail();
  ApiReply deny = alpha.Api(ann, "POST", "/groups/club/requests/" + requester + "/deny");
  ASSERT_EQ(deny.status, 200u) << deny.body;

  EXPECT_TRUE(SeesMembershipEnded(beta, rita, handle, "declined the request to join"))
      << alpha.LogTail() << beta.LogTail();
}

}  // namespace
}  // namespace guildhall::integration
