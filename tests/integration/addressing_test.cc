// Issue 9 item 1, "Two nodes" (privacy): a non-public Note sent to a public
// group is never readable anonymously on either node and never Announced to
// Public. alpha hosts the public group plaza; bob on beta follows it (beta
// keeps a mirror); mallory, a hand-rolled peer (attacker.h) on mast.test,
// joins plaza and sends three Mastodon-shaped Notes that do not address
// Public (shapes of mastodon spec/lib/activitypub/activity/create_spec.rb:
// 'when direct' with FEP-1b12 `audience` the group, 'when direct' mentioning
// the group only, 'when private'), then a public one. The public one is the
// witness: once it is on alpha, on beta and in mallory's inbox as an
// Announce, the earlier ones had every chance to travel the same way. Each
// non-public Note is answered 422 with the reason, and its marker is found
// nowhere: alpha's group page and AS2 outbox read without a session (the
// JSON API needs a token), alpha's store (the API as its admin), beta's copy
// read as bob and without a session, and every byte alpha delivered to
// mallory.
#include <gtest/gtest.h>

#include "tests/integration/attacker.h"
#include "tests/integration/cluster.h"
#include "tests/integration/federation_steps.h"

namespace guildhall::integration {
namespace {

using testutil::ApiReply;
using testutil::Eventually;
using testutil::HttpReply;
using testutil::JsonQuote;

constexpr char kPublic[] = "https://www.w3.org/ns/activitystreams#Public";

struct Secret {
  std::string marker;
  std::string to_json;  // the Note's and the Create's `to`
  std::string cc_json;
  bool audience = false;  // `audience` = the group
};

class AddressingTwoNodes : public ::testing::Test {
 protected:
  AddressingTwoNodes()
      : cluster_({"alpha", "beta"}),
        attacker_(const_cast<testutil::TestCa&>(cluster_.ca()), {"mast"}) {
    for (const std::string name : {"alpha", "beta"}) {
      auto& resolve = cluster_[name].mutable_options().resolve;
      for (const auto& [host, address] : attacker_.resolve()) resolve[host] = address;
    }
  }

  NodeProcess& alpha() { return cluster_["alpha"]; }
  NodeProcess& beta() { return cluster_["beta"]; }
  std::string Plaza() { return alpha().base_url() + "/g/plaza"; }
  std::string Mallory() { return attacker_.actor("mast"); }
  std::string NextId(const std::string& kind) {
    return "https://" + attacker_.domain("mast") + "/" + kind + "/" + std::to_string(++serial_);
  }

  HttpReply Send(const std::string& body) {
    return attacker_.Send(alpha().connect(), alpha().domain(),
                          {.method = "POST", .target = "/g/plaza/inbox", .body = body},
                          {.key_host = "mast"});
  }

  // A Create(Note) as Mastodon serializes one (to/cc on both the activity
  // and the object), with `text` as its content; mallory serves the Note at
  // its id, as beta fetches an object relayed from another origin.
  std::string Create(const std::string& text, const Secret& s) {
    const std::string note_id = NextId("statuses");
    const std::string audience = s.audience ? ",\"audience\":" + JsonQuote(Plaza()) : "";
    const std::string note = "{\"id\":" + JsonQuote(note_id) +
                             ",\"type\":\"Note\",\"attributedTo\":" + JsonQuote(Mallory()) +
                             ",\"content\":" + JsonQuote("<p>" + text + "</p>") +
                             ",\"to\":" + s.to_json + ",\"cc\":" + s.cc_json + audience +
                             ",\"tag\":[{\"type\":\"Mention\",\"href\":" + JsonQuote(Plaza()) +
                             ",\"name\":\"@plaza\"}]}";
    attacker_.Serve(note_id,
                    "{\"@context\":\"https://www.w3.org/ns/activitystreams\"," + note.substr(1));
    return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":" +
           JsonQuote(note_id + "/activity") +
           ",\"type\":\"Create\",\"actor\":" + JsonQuote(Mallory()) + ",\"to\":" + s.to_json +
           ",\"cc\":" + s.cc_json + audience + ",\"object\":" + note + "}";
  }

  // Every body alpha POSTed to mallory's host.
  std::string Delivered() {
    std::string all;
    for (const Received& r : attacker_.received()) {
      if (r.method == "POST") all += r.raw + "\n";
    }
    return all;
  }

  Cluster cluster_;
  Attacker attacker_;
  int serial_ = 0;
};

TEST_F(AddressingTwoNodes, NonPublicNoteToAPublicGroupIsNeverPublished) {
  ASSERT_TRUE(cluster_.Up());
  ASSERT_TRUE(testutil::ServesFederation(alpha())) << "no /.well-known/nodeinfo";
  const std::string ann = alpha().CreateUser("ann", /*admin=*/true);
  const std::string bob = beta().CreateUser("bob");
  ASSERT_FALSE(ann.empty() || bob.empty());
  ASSERT_TRUE(alpha().CreateGroup("plaza", "public", "ann"));
  const std::string handle = GroupHandle(alpha(), "plaza");
  ASSERT_TRUE(FollowAndWaitAccepted(beta(), bob, handle)) << alpha().LogTail();

  // mallory joins plaza (open group): she then receives its Announces.
  const std::string follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":" +
                             JsonQuote(NextId("follows")) +
                             ",\"type\":\"Follow\",\"actor\":" + JsonQuote(Mallory()) +
                             ",\"object\":" + JsonQuote(Plaza()) + "}";
  ASSERT_EQ(Send(follow).status, 202u);
  ASSERT_TRUE(Eventually([&] {
    return alpha()
               .Api(ann, "GET", "/groups/plaza/members?limit=200")
               .body.find("mallory@" + attacker_.domain("mast")) != std::string::npos;
  })) << "mallory did not become a member of plaza; alpha log:\n"
      << alpha().LogTail();

  const std::string bob_uri = beta().base_url() + "/u/bob";
  const std::vector<Secret> secrets = {
      {"SECRET-DIRECT-a41f", "[" + JsonQuote(bob_uri) + "]", "[]", true},
      {"SECRET-MENTIONED-b52e", "[" + JsonQuote(Plaza()) + "]", "[]", false},
      {"SECRET-FOLLOWERS-c63d", "[" + JsonQuote(Mallory() + "/followers") + "]",
       "[" + JsonQuote(Plaza()) + "]", false},
  };
  for (const Secret& s : secrets) {
    HttpReply r = Send(Create(s.marker + " for the addressed only", s));
    EXPECT_EQ(r.status, 422u) << s.marker << ": " << r.body;
    EXPECT_NE(r.body.find("not addressed to Public"), std::string::npos)
        << s.marker << ": the sender is told why: " << r.body;
  }
  // The witness: a public Note goes all the way.
  const std::string witness = "PUBLIC-WITNESS-d74c";
  ASSERT_EQ(Send(Create(witness + " for everyone",
                        {"", "[" + JsonQuote(kPublic) + "]", "[" + JsonQuote(Plaza()) + "]"}))
                .status,
            202u);
  auto anonymous_page = [&] { return alpha().Request("GET", "/g/plaza").body; };
  auto anonymous_outbox = [&] {
    return alpha()
        .Request("GET", "/g/plaza/outbox?page=true", {{"Accept", "application/activity+json"}})
        .body;
  };
  EXPECT_TRUE(Eventually([&] {
    return anonymous_page().find(witness) != std::string::npos &&
           anonymous_outbox().find(witness) != std::string::npos;
  })) << "the public witness is not readable anonymously on alpha; alpha log:\n"
      << alpha().LogTail();
  EXPECT_TRUE(Eventually([&] { return CountThreads(beta(), bob, handle, witness) == 1; }))
      << "the witness did not reach beta; beta log:\n"
      << beta().LogTail();
  EXPECT_TRUE(Eventually([&] { return Delivered().find(witness) != std::string::npos; }))
      << "plaza did not announce the witness to mallory";

  const std::string page = anonymous_page(), outbox = anonymous_outbox();
  const std::string beta_anonymous = beta().Request("GET", "/g/" + handle).body;
  const std::string delivered = Delivered();
  for (const Secret& s : secrets) {
    EXPECT_EQ(page.find(s.marker), std::string::npos) << s.marker << " on alpha's group page";
    EXPECT_EQ(outbox.find(s.marker), std::string::npos) << s.marker << " in alpha's AS2 outbox";
    EXPECT_EQ(CountThreads(alpha(), ann, "plaza", s.marker), 0) << s.marker << " stored on alpha";
    EXPECT_EQ(beta_anonymous.find(s.marker), std::string::npos) << s.marker << " on beta";
    EXPECT_EQ(CountThreads(beta(), bob, handle, s.marker), 0) << s.marker << " in beta's copy";
    EXPECT_EQ(delivered.find(s.marker), std::string::npos)
        << s.marker << " was delivered (Announced) to mallory";
  }
}

}  // namespace
}  // namespace guildhall::integration
