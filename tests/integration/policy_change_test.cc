// Policy changes while deliveries are queued (issue 5, must be shown):
// "nothing is delivered afterwards that the new policy forbids". alpha's
// group is followed from beta and gamma; gamma goes down, alpha posts (the
// deliveries to gamma queue up), then an admin changes the policy with the
// CLI while alpha runs — blocks gamma, or takes gamma off a partners group's
// share list. Then both come back "an hour later", when every queued retry is
// long due (without the change they arrive: DeliveryRecovery's
// QueuedDeliveriesSurviveASenderRestart), and a marker posted afterwards
// reaches beta: gamma must have received none of it.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/integration/cluster.h"
#include "tests/integration/federation_steps.h"

namespace guildhall::integration {
namespace {

using testutil::Eventually;

constexpr int64_t kOneHour = 3600;
constexpr int kQueued = 3;

struct Scene {
  std::string owner, rita, gus;  // tokens on alpha, beta, gamma
  std::string handle;
};

Scene FollowedFromBoth(NodeProcess& alpha, NodeProcess& beta, NodeProcess& gamma,
                       const std::string& slug, const std::string& scope) {
  Scene s;
  s.owner = alpha.CreateUser("ann");
  s.rita = beta.CreateUser("rita");
  s.gus = gamma.CreateUser("gus");
  EXPECT_TRUE(alpha.CreateGroup(slug, scope, "ann"));
  s.handle = GroupHandle(alpha, slug);
  EXPECT_TRUE(FollowAndWaitAccepted(beta, s.rita, s.handle)) << alpha.LogTail();
  EXPECT_TRUE(FollowAndWaitAccepted(gamma, s.gus, s.handle)) << alpha.LogTail();
  return s;
}

// gamma down, kQueued posts on alpha whose deliveries to gamma then wait.
void QueueForGamma(NodeProcess& alpha, NodeProcess& gamma, const Scene& s,
                   const std::string& slug) {
  ASSERT_TRUE(gamma.Stop());
  for (int i = 1; i <= kQueued; ++i) {
    ASSERT_FALSE(PostThread(alpha, s.owner, slug, "Queued " + std::to_string(i), "x").empty());
  }
  ASSERT_TRUE(Eventually([&] { return LogShowsRetryTo(alpha, gamma.domain()); }))
      << alpha.LogTail();
}

// Both back an hour later; a marker reaches beta; gamma has nothing of it.
void ExpectNothingReachesGamma(NodeProcess& alpha, NodeProcess& beta, NodeProcess& gamma,
                               const Scene& s, const std::string& slug) {
  ASSERT_TRUE(alpha.Stop());
  alpha.set_clock_offset_seconds(kOneHour);
  beta.set_clock_offset_seconds(kOneHour);
  gamma.set_clock_offset_seconds(kOneHour);
  ASSERT_TRUE(beta.Stop());
  ASSERT_TRUE(beta.Start());
  ASSERT_TRUE(gamma.Start());
  ASSERT_TRUE(alpha.Start());
  ASSERT_FALSE(PostThread(alpha, s.owner, slug, "Marker after the change", "end").empty());
  ASSERT_TRUE(WaitForThread(beta, s.rita, s.handle, "Marker after the change")) << alpha.LogTail();
  EXPECT_EQ(CountThreads(beta, s.rita, s.handle, "Queued"), kQueued);
  // The queue to gamma has had its chance: every retry was due before the
  // marker went out, and deliveries go in order per host.
  EXPECT_LE(CountThreads(gamma, s.gus, s.handle, "Queued"), 0) << gamma.LogTail();
  EXPECT_LE(CountThreads(gamma, s.gus, s.handle, "Marker"), 0) << gamma.LogTail();
  // Nothing for gamma is left in alpha's queue (PENDING column of the list).
  auto peers = alpha.Cli({"admin", "peer", "list", "--all"});
  ASSERT_EQ(peers.exit_code, 0) << peers.output;
  const size_t at = peers.output.find("\n" + gamma.domain() + " ");
  if (at == std::string::npos) return;  // no row: no member, follower or delivery at all
  std::istringstream row(peers.output.substr(at + 1, peers.output.find('\n', at + 1) - at - 1));
  std::string domain, state, relation, followers, members, pending;
  row >> domain >> state >> relation >> followers >> members >> pending;
  EXPECT_EQ(pending, "0") << peers.output;
}

TEST(PolicyChange, BlockingAPeerWithQueuedDeliveriesDeliversNothingMore) {
  Cluster cluster({"alpha", "beta", "gamma"});
  NodeProcess& alpha = cluster["alpha"];
  NodeProcess& beta = cluster["beta"];
  NodeProcess& gamma = cluster["gamma"];
  ASSERT_TRUE(cluster.Up());
  ASSERT_TRUE(testutil::ServesFederation(alpha)) << "no /.well-known/nodeinfo";
  Scene s = FollowedFromBoth(alpha, beta, gamma, "news", "public");
  ASSERT_FALSE(testing::Test::HasFailure());
  QueueForGamma(alpha, gamma, s, "news");
  ASSERT_FALSE(testing::Test::HasFailure());

  auto preview = alpha.Cli({"admin", "peer", "block", gamma.domain(), "--dry-run"});
  ASSERT_EQ(preview.exit_code, 0) << preview.output;
  EXPECT_NE(preview.output.find("remote members leaving: 1"), std::string::npos) << preview.output;
  EXPECT_EQ(preview.output.find("pending deliveries dropped: 0"), std::string::npos)
      << preview.output;
  auto block = alpha.Cli({"admin", "peer", "block", gamma.domain(), "--note", "test"});
  ASSERT_EQ(block.exit_code, 0) << block.output;
  EXPECT_NE(block.output.find("changed:"), std::string::npos) << block.output;

  ExpectNothingReachesGamma(alpha, beta, gamma, s, "news");
}

TEST(PolicyChange, UnsharingAPartnersGroupWithQueuedDeliveriesDeliversNothingMore) {
  Cluster cluster({"alpha", "beta", "gamma"});
  NodeProcess& alpha = cluster["alpha"];
  NodeProcess& beta = cluster["beta"];
  NodeProcess& gamma = cluster["gamma"];
  ASSERT_TRUE(cluster.Up());
  ASSERT_TRUE(testutil::ServesFederation(alpha)) << "no /.well-known/nodeinfo";
  // The group is created partners-scoped and shared before anyone follows.
  const std::string owner = alpha.CreateUser("ann");
  ASSERT_TRUE(alpha.CreateGroup("team", "partners", "ann"));
  auto share = alpha.Cli({"admin", "group", "share", "team", beta.domain(), gamma.domain()});
  ASSERT_EQ(share.exit_code, 0) << share.output;
  Scene s;
  s.owner = owner;
  s.rita = beta.CreateUser("rita");
  s.gus = gamma.CreateUser("gus");
  s.handle = GroupHandle(alpha, "team");
  ASSERT_TRUE(FollowAndWaitAccepted(beta, s.rita, s.handle)) << alpha.LogTail();
  ASSERT_TRUE(FollowAndWaitAccepted(gamma, s.gus, s.handle)) << alpha.LogTail();
  QueueForGamma(alpha, gamma, s, "team");
  ASSERT_FALSE(testing::Test::HasFailure());

  auto unshare = alpha.Cli({"admin", "group", "share", "team", beta.domain()});
  ASSERT_EQ(unshare.exit_code, 0) << unshare.output;
  EXPECT_NE(unshare.output.find("loses " + gamma.domain()), std::string::npos) << unshare.output;
  EXPECT_NE(unshare.output.find("remote members leaving: 1"), std::string::npos) << unshare.output;

  ExpectNothingReachesGamma(alpha, beta, gamma, s, "team");
}

// Issue 5 "changing a group's scope applies at once", made the way a group
// owner does it (the API's PATCH of the group, as the settings page): the
// same path as an admin's change, so the peer taken off gets nothing more.
TEST(PolicyChange, NarrowingAScopeThroughTheApiDeliversNothingMore) {
  Cluster cluster({"alpha", "beta", "gamma"});
  NodeProcess& alpha = cluster["alpha"];
  NodeProcess& beta = cluster["beta"];
  NodeProcess& gamma = cluster["gamma"];
  ASSERT_TRUE(cluster.Up());
  ASSERT_TRUE(testutil::ServesFederation(alpha)) << "no /.well-known/nodeinfo";
  Scene s = FollowedFromBoth(alpha, beta, gamma, "news", "public");
  ASSERT_FALSE(testing::Test::HasFailure());
  // Shared with beta only once it is a partners group.
  auto share = alpha.Cli({"admin", "group", "share", "news", beta.domain()});
  ASSERT_EQ(share.exit_code, 0) << share.output;
  QueueForGamma(alpha, gamma, s, "news");
  ASSERT_FALSE(testing::Test::HasFailure());

  auto patch = alpha.Api(s.owner, "PATCH", "/groups/news", R"({"scope":"partners"})");
  ASSERT_EQ(patch.status, 200u) << patch.body;
  auto widen = alpha.Api(s.owner, "PATCH", "/groups/news", R"({"scope":"public"})");
  EXPECT_EQ(widen.status, 403u) << "only admins widen a scope: " << widen.body;

  ExpectNothingReachesGamma(alpha, beta, gamma, s, "news");
}

}  // namespace
}  // namespace guildhall::integration
