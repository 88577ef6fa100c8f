// The harness itself (cluster.h, tests/testutil/node_process.h): a node
// serves HTTPS under its test name with a certificate from the test CA,
// the client refuses a certificate for another name, admin-made tokens
// work on the API, and a node restarts on the same port and data.
#include <gtest/gtest.h>

#include "tests/integration/cluster.h"

namespace guildhall::integration {
namespace {

TEST(Harness, NodeServesTlsUnderItsNameAndRestarts) {
  Cluster cluster({"alpha"});
  testutil::NodeProcess& alpha = cluster["alpha"];
  ASSERT_TRUE(alpha.Init());
  ASSERT_TRUE(alpha.Start());
  testutil::HttpReply health = alpha.Request("GET", "/healthz");
  EXPECT_EQ(health.status, 200u) << health.error << alpha.LogTail();

  // The certificate names alpha.test only: the same server under another
  // name must fail verification (the client really checks names).
  testutil::HttpClient client(cluster.ca().ca_file());
  testutil::HttpReply wrong = client.Send({.method = "GET",
                                           .connect = alpha.connect(),
                                           .host = "beta.test",
                                           .target = "/healthz",
                                           .headers = {},
                                           .body = {}});
  EXPECT_EQ(wrong.status, 0u);
  EXPECT_NE(wrong.error.find("TLS"), std::string::npos) << wrong.error;

  const std::string token = alpha.CreateUser("ann");
  ASSERT_FALSE(token.empty());
  testutil::ApiReply me = alpha.Api(token, "GET", "/me");
  EXPECT_EQ(me["username"].str(), "ann") << me.status << " " << me.body;
  EXPECT_EQ(alpha.Api("not-a-token", "GET", "/me").status, 401u);

  ASSERT_TRUE(alpha.Stop());
  EXPECT_EQ(alpha.Request("GET", "/healthz").status, 0u);
  ASSERT_TRUE(alpha.Start());
  EXPECT_EQ(alpha.Api(token, "GET", "/me")["username"].str(), "ann");
}

}  // namespace
}  // namespace guildhall::integration
