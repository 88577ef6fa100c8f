// End to end over real TLS between real `guildhall serve` processes
// (issue "Federation core", must be shown #1): a member of beta joins a
// public group on alpha and takes part in it from beta — thread, reply,
// edit, like, report, delete — and an internal group on alpha stays
// invisible from beta. Every expectation is read through the JSON API of
// the node a user would look at.
#include <gtest/gtest.h>

#include "tests/integration/cluster.h"
#include "tests/integration/federation_steps.h"

namespace guildhall::integration {
namespace {

using testutil::ApiReply;
using testutil::Eventually;

TEST(GroupFederation, RemoteMemberTakesPartInAPublicGroup) {
  Cluster cluster({"alpha", "beta"});
  NodeProcess& alpha = cluster["alpha"];
  NodeProcess& beta = cluster["beta"];
  ASSERT_TRUE(cluster.Up());
  ASSERT_TRUE(testutil::ServesFederation(cluster["alpha"])) << "no /.well-known/nodeinfo";
  const std::string ann = alpha.CreateUser("ann", /*admin=*/true);
  const std::string bob = beta.CreateUser("bob");
  ASSERT_FALSE(ann.empty() || bob.empty());
  ASSERT_TRUE(alpha.CreateGroup("lobby", "public", "ann"));
  const std::string lobby = GroupHandle(alpha, "lobby");

  // Join: Follow from beta, Accept from alpha.
  ASSERT_TRUE(FollowAndWaitAccepted(beta, bob, lobby)) << alpha.LogTail() << beta.LogTail();
  EXPECT_TRUE(Eventually([&] {
    ApiReply members = alpha.Api(ann, "GET", "/groups/lobby/members");
    return members.body.find("bob@" + beta.domain()) != std::string::npos;
  })) << "alpha does not list bob@"
      << beta.domain() << " as a member of lobby";

  // A thread started on beta appears on alpha.
  const std::string on_beta =
      PostThread(beta, bob, lobby, "Hello from beta", "First post from *beta*");
  ASSERT_FALSE(on_beta.empty());
  auto on_alpha = WaitForThread(alpha, ann, "lobby", "Hello from beta");
  ASSERT_TRUE(on_alpha) << "the thread did not reach alpha; alpha log:\n" << alpha.LogTail();
  ApiReply thread_on_alpha = alpha.Api(ann, "GET", "/threads/" + *on_alpha);
  EXPECT_NE(thread_on_alpha["body"].str().find("First post from"), std::string::npos);
  EXPECT_EQ(thread_on_alpha["author"]["handle"].str(), "bob@" + beta.domain())
      << thread_on_alpha.body;

  // alpha's reply reaches beta, under beta's copy of the thread.
  ApiReply reply = alpha.Api(ann, "POST", "/threads/" + *on_alpha + "/replies",
                             R"({"body":"Welcome to the lobby, bob"})");
  ASSERT_EQ(reply.status, 201u) << reply.body;
  std::optional<std::string> reply_on_beta;
  EXPECT_TRUE(Eventually([&] {
    return (reply_on_beta = FindReply(beta, bob, on_beta, "Welcome to the lobby")).has_value();
  })) << "alpha's reply did not reach beta; beta log:\n"
      << beta.LogTail();
  if (reply_on_beta) {
    ApiReply r = beta.Api(bob, "GET", "/replies/" + *reply_on_beta);
    EXPECT_EQ(r["author"]["handle"].str(), "ann@" + alpha.domain()) << r.body;
    // alpha edits its reply: the group Announces the Update to beta.
    ApiReply edited = alpha.Api(ann, "PATCH", "/replies/" + reply["id"].str(),
                                R"json({"body":"Welcome to the lobby, bob (edited)"})json");
    ASSERT_EQ(edited.status, 200u) << edited.body;
    EXPECT_TRUE(Eventually([&] {
      return beta.Api(bob, "GET", "/replies/" + *reply_on_beta)["body"].str().find("(edited)") !=
             std::string::npos;
    })) << "the reply's edit did not reach beta: "
        << beta.Api(bob, "GET", "/replies/" + *reply_on_beta).body;
  }

  // Edit on beta -> Update on alpha.
  ApiReply edit =
      beta.Api(bob, "PATCH", "/threads/" + on_beta,
               R"json({"title":"Hello from beta (edited)","body":"Edited on beta"})json");
  ASSERT_EQ(edit.status, 200u) << edit.body;
  EXPECT_TRUE(Eventually([&] {
    return alpha.Api(ann, "GET", "/threads/" + *on_alpha)["title"].str() ==
           "Hello from beta (edited)";
  })) << "the edit did not reach alpha";

  // Like on beta -> counted on alpha.
  ApiReply like = beta.Api(bob, "POST", "/threads/" + on_beta + "/like");
  ASSERT_EQ(like.status, 200u) << like.body;
  EXPECT_TRUE(Eventually([&] {
    return alpha.Api(ann, "GET", "/threads/" + *on_alpha)["like_count"].num() == 1;
  })) << "the like is not counted on alpha: "
      << alpha.Api(ann, "GET", "/threads/" + *on_alpha).body;
  ASSERT_EQ(beta.Api(bob, "POST", "/threads/" + on_beta + "/unlike").status, 200u);
  EXPECT_TRUE(Eventually([&] {
    return alpha.Api(ann, "GET", "/threads/" + *on_alpha)["like_count"].num() == 0;
  })) << "the unlike (Undo Like) did not reach alpha";

  // A report on beta about alpha's reply -> Flag -> alpha's moderators.
  if (reply_on_beta) {
    ApiReply report = beta.Api(bob, "POST", "/reports",
                               R"({"target_kind":"reply","target_id":")" + *reply_on_beta +
                                   R"(","reason":"Cross-node report check"})");
    ASSERT_EQ(report.status, 201u) << report.body;
    EXPECT_TRUE(Eventually([&] {
      return alpha.Api(ann, "GET", "/moderation/reports").body.find("Cross-node report check") !=
                 std::string::npos ||
             alpha.Api(ann, "GET", "/moderation/reports?group=lobby")
                     .body.find("Cross-node report check") != std::string::npos;
    })) << "the report did not reach alpha's moderation queues; alpha log:\n"
        << alpha.LogTail();
  }

  // Delete on beta -> gone on alpha (404 or shown as removed).
  ApiReply del = beta.Api(bob, "DELETE", "/threads/" + on_beta);
  ASSERT_EQ(del.status, 200u) << del.body;
  EXPECT_TRUE(Eventually([&] {
    ApiReply t = alpha.Api(ann, "GET", "/threads/" + *on_alpha);
    return t.status == 404 || t["removed"].boolean();
  })) << "the thread is still on alpha: "
      << alpha.Api(ann, "GET", "/threads/" + *on_alpha).body;

  // Leaving: Undo(Follow) takes bob off alpha's member list.
  ApiReply leave = beta.Api(bob, "DELETE", "/follows/" + lobby);
  ASSERT_EQ(leave.status, 200u) << leave.body;
  EXPECT_TRUE(Eventually([&] {
    return alpha.Api(ann, "GET", "/groups/lobby/members").body.find("bob@") == std::string::npos;
  })) << "bob is still a member on alpha: "
      << alpha.Api(ann, "GET", "/groups/lobby/members").body;
}

TEST(GroupFederation, InternalGroupIsInvisibleFromOtherNodes) {
  Cluster cluster({"alpha", "beta"});
  NodeProcess& alpha = cluster["alpha"];
  NodeProcess& beta = cluster["beta"];
  ASSERT_TRUE(cluster.Up());
  ASSERT_TRUE(testutil::ServesFederation(cluster["alpha"])) << "no /.well-known/nodeinfo";
  ASSERT_FALSE(alpha.CreateUser("ann", true).empty());
  const std::string bob = beta.CreateUser("bob");
  ASSERT_TRUE(alpha.CreateGroup("staffroom", "internal", "ann"));
  ASSERT_TRUE(alpha.CreateGroup("plaza", "public", "ann"));
  const std::vector<std::pair<std::string, std::string>> as2 = {
      {"Accept", "application/activity+json"}};

  // The public group is there: the same requests find it (the check can fail).
  auto finger = [&](const std::string& slug) {
    return alpha.Request("GET",
                         "/.well-known/webfinger?resource=acct:" + slug + "@" + alpha.domain());
  };
  EXPECT_EQ(finger("plaza").status, 200u) << finger("plaza").body;
  EXPECT_EQ(alpha.Request("GET", "/g/plaza", as2).status, 200u);

  // The internal one answers like a missing slug at every door.
  EXPECT_EQ(finger("staffroom").status, 404u) << finger("staffroom").body;
  EXPECT_EQ(alpha.Request("GET", "/g/staffroom", as2).status, 404u);
  EXPECT_EQ(alpha.Request("GET", "/g/staffroom/outbox", as2).status, 404u);
  EXPECT_EQ(alpha.Request("GET", "/g/staffroom/followers", as2).status, 404u);
  ApiReply follow = beta.Api(bob, "POST", "/follows",
                             R"({"handle":")" + GroupHandle(alpha, "staffroom") + R"("})");
  EXPECT_EQ(follow.status, 404u) << follow.body;
  EXPECT_EQ(follow["error"].str(), "not_found") << follow.body;
  EXPECT_EQ(beta.Api(bob, "GET", "/follows")["items"].size(), 0u);

  ApiReply plaza =
      beta.Api(bob, "POST", "/follows", R"({"handle":")" + GroupHandle(alpha, "plaza") + R"("})");
  EXPECT_EQ(plaza.status, 201u) << plaza.body;
}

}  // namespace
}  // namespace guildhall::integration
