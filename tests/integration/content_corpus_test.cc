// Issue 9 item 3, "Must be shown": the fixture corpus (tests/fixtures/ap,
// sources in SOURCES.md) goes through the inbox of a running node, signed by
// a test peer, and what is stored and shown is what its sender meant: the
// attachment on the page (images through the node's media proxy only), the
// content warning collapsed, the poll's options and counts, the link of a
// link post, the language kept, Mbin's null content accepted; what the
// group may not take is refused with a clear status and leaves nothing.
// One node and one peer (attacker.h, answering under one host name per
// project) serve the whole suite; the payloads are sent in table order, so
// a reply can answer a post sent before it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/integration/attacker.h"
#include "tests/integration/cluster.h"
#include "tests/integration/corpus_rewriter.h"
#include "tests/testutil/subprocess.h"

namespace guildhall::integration {
namespace {

using testutil::ApiReply;
using testutil::Eventually;
using testutil::HttpReply;
using testutil::JsonQuote;
using testutil::NodeProcess;

// The authors' hosts in the corpus, each answered by the peer under a name.
const std::map<std::string, std::string> kHosts = {
    {"socialhub.activitypub.rocks", "discourse"},
    {"soc.schuerz.at", "schuerz"},
    {"masto.qa.urbanwildlife.biz", "mastoqa"},
    {"pirati.ca", "friendica"},
    {"instance.gnusocial.test", "gnusocial"},
    {"enterprise.lemmy.ml", "lemmy"},
    {"ds9.lemmy.ml", "ds9"},
    {"c.tide.tk", "lotidec"},
    {"b.tide.tk", "lotideb"},
    {"ltthostname.local:3334", "lotidel"},
    {"narwhal.city", "narwhal"},
    {"mastodon.world", "mastoworld"},
    {"example.com", "example"},
    {"mastodon.example", "mastodon"},
    {"mastodon.madrid", "madrid"},
    {"floss.social", "floss"},
    {"kbin.test", "mbin"},
    {"mitra.social", "mitra"},
    {"rendezvous.nomagic.uk", "mobilizon"},
    {"bb.devnull.land", "nodebb"},
    {"video.antopie.org", "antopie"},
    {"tilvids.com", "tilvids"},
    {"greenish.red", "greenish"},
    {"queer.hacktivis.me", "pleroma"},
    {"friends.grishka.me", "smithereen"},
    {"pfefferle.org", "pfefferle"},
    {"dbzer0.com", "dbzer0"},
};

// The communities the payloads were posted to: all become our group.
const std::vector<std::string> kCommunities = {
    "https://lemmy.schuerz.at/c/test",
    "https://lemmy.qa.urbanwildlife.biz/c/lemmy_community",
    "https://ds9.lemmy.ml/c/testcom",
    "https://enterprise.lemmy.ml/c/tenforward",
    "https://enterprise.lemmy.ml/c/main",
    "http://enterprise.lemmy.ml/c/main",
    "https://c.tide.tk/communities/1",
    "http://localhost:8536/c/elsewhere",
    "https://narwhal.city/communities/4",
    "https://lemmy.kde.social/c/kde",
    "https://kbin.test/m/test",
    "https://voyager.lemmy.ml/c/pubtest0906",
    "https://bb.devnull.land/category/2",
    "https://socialhub.activitypub.rocks/ap/actor/797217cf18c0e819dfafc52425590146",
};

enum class Expect {
  kThread,   // stored as a thread, shown on its page
  kReply,    // stored as a reply of a thread sent earlier
  kEvent,    // stored as an event
  kIgnored,  // 202, then nothing stored (the log says why)
  kRefused,  // a 4xx with a reason, nothing stored
};

struct Case {
  std::string file;  // below tests/fixtures/ap/
  Expect expect;
  // Substrings of the post's page (thread and reply pages) that show what
  // the payload carried; "{group}" stands for the group's URL.
  std::vector<std::string> shows = {};
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      // Lemmy (LemmyNet/lemmy crates/apub/apub/assets).
      {"lemmy/object_page.json",
       Expect::kThread,
       {"Post title", "lang=\"fr\"", "<img src=\"/media/t/"}},
      {"lemmy/object_comment.json", Expect::kReply},
      {"lemmy/object_page_image_and_link.json",
       Expect::kThread,
       // example.com is also a Mastodon documentation host: rewritten to the peer.
       {"class=\"post-link\"", "/some-article\"", "<img src=\"/media/t/", "lang=\"fr\""}},
      {"lemmy/activity_update_page.json", Expect::kIgnored},
      {"lemmy/activity_create_private_message.json", Expect::kIgnored},  // to a person
      {"lemmy/activity_dislike_page.json", Expect::kIgnored},
      {"lemmy/activity_undo_dislike_page.json", Expect::kIgnored},
      // Pleroma, replying to Lemmy's post above.
      {"pleroma/activity_create_note.json", Expect::kReply},
      {"pleroma/object_note.json", Expect::kReply},
      {"pleroma/object_chat_message.json", Expect::kIgnored},  // not a content type
      // Mastodon (Lemmy's assets and Mastodon's documentation).
      {"mastodon/object_page.json", Expect::kThread, {"lang=\"it\""}},
      {"mastodon/object_note_1.json", Expect::kIgnored},
      {"mastodon/object_note_2.json", Expect::kIgnored},
      {"mastodon/activity_private_message.json", Expect::kRefused},
      {"mastodon/docs_hashtag_note.json", Expect::kThread, {"I love #cats", "#cats</span>"}},
      {"mastodon/docs_question.json",
       Expect::kThread,
       {"What should I eat for breakfast today?", "apple", "orange", "banana",
        "<span class=\"meta\">7 votes</span>", "Poll (several choices)"}},
      {"mastodon/docs_poll_vote.json", Expect::kRefused},  // to the poll's author only
      // Mbin (MbinOrg/mbin tests/Unit/ActivityPub/Outbox/JsonSnapshots).
      {"mbin/create_entry.json", Expect::kThread, {"lang=\"en\"", "#test</span>"}},
      {"mbin/create_entry_with_url_and_image.json",
       Expect::kThread,
       {"https://joinmbin.org", "<img src=\"/media/t/", "alt=\"kibby\""}},
      {"mbin/create_entry_with_poll.json", Expect::kThread, {">A<", ">B<", ">C<", "Poll ·"}},
      {"mbin/create_entry_with_multiple_choice_poll.json",
       Expect::kThread,
       {"Poll (several choices)", ">A<"}},
      {"mbin/create_post.json", Expect::kThread, {"lang=\"en\""}},
      {"mbin/create_post_with_poll.json", Expect::kThread, {">A<", ">B<", ">C<"}},
      {"mbin/create_post_comment.json", Expect::kIgnored},
      {"mbin/update_entry.json", Expect::kIgnored},
      {"mbin/create_message.json", Expect::kIgnored},
      {"mbin/create_poll_vote.json", Expect::kIgnored},  // a vote, to the poll's author
      // Friendica.
      {"friendica/object_page_1.json",
       Expect::kThread,
       {"https://www.nasaspaceflight.com/2022/03/us-eva-80/", "lang=\"de\""}},
      {"friendica/object_page_2.json", Expect::kThread, {"From Friendica to Lemmy", "lang=\"de\""}},
      {"friendica/activity_create_page_2.json", Expect::kIgnored},
      {"friendica/activity_create_page_1.json", Expect::kThread, {"lang=\"fr\""}},
      {"friendica/activity_create_note.json", Expect::kIgnored},
      {"friendica/object_note_1.json", Expect::kIgnored},
      {"friendica/activity_update_note.json", Expect::kIgnored},
      {"friendica/activity_dislike_page.json", Expect::kIgnored},
      {"friendica/activity_undo_dislike_page.json", Expect::kIgnored},
      // GNU social.
      {"gnusocial/object_page.json", Expect::kThread, {"hello, world."}},
      {"gnusocial/activity_create_page.json", Expect::kIgnored},
      {"gnusocial/object_note.json", Expect::kReply},
      {"gnusocial/activity_create_note.json", Expect::kIgnored},
      // lotide.
      {"lotide/object_page.json", Expect::kThread, {"https://www.youtube.com/watch?v=ZI4LGTXscR4"}},
      {"lotide/object_note.json", Expect::kReply},
      {"lotide/activity_create_page.json",
       Expect::kThread,
       {"https://blog.twitter.com/engineering/en_us/a/2010/announcing-snowflake.html"}},
      {"lotide/activity_create_page_image.json", Expect::kThread, {"<img src=\"/media/t/"}},
      {"lotide/activity_create_note_reply.json", Expect::kIgnored},
      // Smithereen, WordPress, Discourse, NodeBB, Mitra, Mobilizon, PeerTube.
      {"smithereen/object_note.json", Expect::kIgnored},
      {"smithereen/activity_create_note.json", Expect::kIgnored},
      {"wordpress/object_page.json",
       Expect::kThread,
       {"An Epic 3D-Printed Fan Expansion", "<img src=\"/media/t/", "lang=\"en\"",
        "alt=\"A fleet of varied spacships\""}},
      {"wordpress/object_note.json", Expect::kIgnored},
      {"discourse/object_page.json", Expect::kThread, {"Our next meeting"}},
      {"nodebb/object_page.json",
       Expect::kThread,
       {"Welcome to your NodeBB!"}},  // its summary repeats the text: not a warning
      {"mitra/activity_create_post.json", Expect::kThread, {"Remote post 5", "lang=\"da\""}},
      {"mobilizon/object_event.json", Expect::kEvent},
      {"peertube/object_video.json", Expect::kIgnored},
      {"peertube/object_note.json", Expect::kIgnored},
  };
  return cases;
}

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(std::string(GUILDHALL_FIXTURES_DIR) + "/ap/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> PeerNames() {
  std::vector<std::string> names;
  for (const auto& [from, name] : kHosts) names.push_back(name);
  return names;
}

class ContentCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { suite_ = new Suite(); }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }

  struct Suite {
    Suite() : cluster({"alpha"}), peer(const_cast<testutil::TestCa&>(cluster.ca()), PeerNames()) {
      auto& resolve = cluster["alpha"].mutable_options().resolve;
      for (const auto& [host, address] : peer.resolve()) resolve[host] = address;
    }
    Cluster cluster;
    Attacker peer;
    std::string admin;  // API token of the node's admin, the group's owner
    bool up = false;
  };

  NodeProcess& node() { return suite_->cluster["alpha"]; }
  Attacker& peer() { return suite_->peer; }
  std::string Group() { return node().base_url() + "/g/corpus"; }

  // Starts the node, makes the group and has every peer host's actor join
  // it, once per suite.
  void SetUp() override {
    if (suite_->up) return;
    ASSERT_TRUE(suite_->cluster.Up());
    ASSERT_TRUE(testutil::ServesFederation(node()));
    suite_->admin = node().CreateUser("ann", /*admin=*/true);
    ASSERT_FALSE(suite_->admin.empty());
    ASSERT_TRUE(node().CreateGroup("corpus", "public", "ann"));
    for (const auto& [from, name] : kHosts) {
      const std::string follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":" +
                                 JsonQuote("https://" + peer().domain(name) + "/follows/corpus") +
                                 ",\"type\":\"Follow\",\"actor\":" + JsonQuote(peer().actor(name)) +
                                 ",\"object\":" + JsonQuote(Group()) + "}";
      ASSERT_EQ(Send(name, follow).status, 202u) << name;
    }
    ASSERT_TRUE(Eventually([&] {
      const std::string members =
          node().Api(suite_->admin, "GET", "/groups/corpus/members?limit=200").body;
      for (const auto& [from, name] : kHosts) {
        if (members.find("mallory@" + peer().domain(name)) == std::string::npos) return false;
      }
      return true;
    })) << "the peers did not all join; log:\n"
        << node().LogTail();
    suite_->up = true;
  }

  HttpReply Send(const std::string& peer_name, const std::string& body) {
    return peer().Send(node().connect(), node().domain(),
                       {.method = "POST", .target = "/g/corpus/inbox", .body = body},
                       {.key_host = peer_name});
  }

  CorpusRewriter Rewriter() {
    std::map<std::string, std::string> hosts;
    for (const auto& [from, name] : kHosts) hosts[from] = peer().domain(name);
    return CorpusRewriter(hosts, kCommunities, Group(), "/users/mallory");
  }

  // The peer host name whose actor sent `activity` (its "actor" host).
  std::string SenderOf(const std::string& activity) {
    testutil::Json doc(activity);
    const std::string actor = doc["actor"].str();
    for (const auto& [from, name] : kHosts) {
      if (actor.rfind("https://" + peer().domain(name) + "/", 0) == 0) return name;
    }
    return "";
  }

  // The node's last word on `activity_id` ("" until there is one): the line
  // of its worker ("inbox processed ... result=done|ignored|failed"), or the
  // inbox door's when it dropped the activity before storing it.
  std::string Processed(const std::string& activity_id) {
    std::istringstream log(testutil::ReadWholeFile(node().log_path()));
    // LogField quotes a value holding '=' (WordPress's "?p=27948").
    const bool quoted = activity_id.find('=') != std::string::npos;
    const std::string id = "activity=" + (quoted ? "\"" + activity_id + "\"" : activity_id) + " ";
    for (std::string line; std::getline(log, line);) {
      if (line.find(id) == std::string::npos) continue;
      if (line.find("inbox processed ") != std::string::npos) return line;
      if (line.find("inbox req=") != std::string::npos &&
          (line.find("result=dropped") != std::string::npos ||
           line.find("result=ignored") != std::string::npos)) {
        return line;
      }
    }
    return "";
  }

  std::optional<std::string> ThreadByApId(const std::string& ap_id) {
    ApiReply list = node().Api(suite_->admin, "GET", "/groups/corpus/threads?limit=200");
    for (size_t i = 0; i < list["items"].size(); ++i) {
      if (list["items"][i]["ap_id"].str() == ap_id) return list["items"][i]["id"].str();
    }
    return std::nullopt;
  }

  // The thread holding the reply `ap_id`.
  std::optional<std::string> ThreadOfReply(const std::string& ap_id) {
    ApiReply list = node().Api(suite_->admin, "GET", "/groups/corpus/threads?limit=200");
    for (size_t i = 0; i < list["items"].size(); ++i) {
      const std::string thread = list["items"][i]["id"].str();
      ApiReply replies =
          node().Api(suite_->admin, "GET", "/threads/" + thread + "/replies?limit=200");
      if (replies.body.find(JsonQuote(ap_id)) != std::string::npos) return thread;
    }
    return std::nullopt;
  }

  bool EventStored(const std::string& ap_id) {
    for (const char* list : {"/groups/corpus/events", "/groups/corpus/events?past=true"}) {
      if (node().Api(suite_->admin, "GET", list).body.find(JsonQuote(ap_id)) != std::string::npos)
        return true;
    }
    return false;
  }

  static Suite* suite_;
};

ContentCorpus::Suite* ContentCorpus::suite_ = nullptr;

TEST_F(ContentCorpus, EveryPayloadIsKeptWholeOrRefused) {
  ASSERT_GE(Cases().size(), 40u);
  const CorpusRewriter rewriter = Rewriter();
  int serial = 0;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.file);
    const std::string fixture = ReadFixture(c.file);
    ASSERT_FALSE(fixture.empty()) << "missing fixture";
    const Rewritten sent = rewriter.Rewrite(fixture, ++serial);
    const std::string sender = SenderOf(sent.activity);
    ASSERT_FALSE(sender.empty()) << "no peer host for the actor of " << sent.activity;
    const bool stored_before = ThreadByApId(sent.object_id).has_value();
    const HttpReply reply = Send(sender, sent.activity);
    if (c.expect == Expect::kRefused) {
      EXPECT_GE(reply.status, 400u) << reply.body;
      EXPECT_LT(reply.status, 500u) << reply.body;
      EXPECT_NE(reply.body.find("\"message\""), std::string::npos) << "no reason: " << reply.body;
      EXPECT_FALSE(ThreadByApId(sent.object_id).has_value()) << "stored although refused";
      continue;
    }
    ASSERT_EQ(reply.status, 202u) << reply.body << "\n" << sent.activity;
    std::string line;
    ASSERT_TRUE(Eventually([&] { return !(line = Processed(sent.activity_id)).empty(); }))
        << "never applied; log:\n"
        << node().LogTail();
    std::optional<std::string> thread;
    switch (c.expect) {
      case Expect::kThread:
        EXPECT_NE(line.find("result=applied"), std::string::npos) << line;
        thread = ThreadByApId(sent.object_id);
        EXPECT_TRUE(thread.has_value()) << "no thread " << sent.object_id << "\n" << line;
        break;
      case Expect::kReply:
        EXPECT_NE(line.find("result=applied"), std::string::npos) << line;
        thread = ThreadOfReply(sent.object_id);
        EXPECT_TRUE(thread.has_value()) << "no reply " << sent.object_id << "\n" << line;
        break;
      case Expect::kEvent:
        EXPECT_NE(line.find("result=applied"), std::string::npos) << line;
        EXPECT_TRUE(EventStored(sent.object_id)) << line;
        break;
      case Expect::kIgnored:
        EXPECT_EQ(line.find("result=applied"), std::string::npos) << line;
        EXPECT_NE(line.find("reason="), std::string::npos) << "no reason logged: " << line;
        EXPECT_EQ(ThreadByApId(sent.object_id).has_value(), stored_before)
            << "stored although ignored";
        break;
      case Expect::kRefused:
        break;
    }
    if (!thread) continue;
    // Read without a session, as anyone may read a public group.
    const HttpReply page = node().Request("GET", "/t/" + *thread);
    ASSERT_EQ(page.status, 200u);
    for (const std::string& shown : c.shows) {
      EXPECT_NE(page.body.find(shown), std::string::npos) << "not on the page: " << shown;
    }
    // Members' browsers never load anything from a peer.
    EXPECT_EQ(page.body.find("src=\"http"), std::string::npos) << "a remote src on the page";
  }
}

// The media proxy: a post's image is fetched by the node, once, and served
// from this node only; bytes that are not the image type they claim never
// reach a browser.
TEST_F(ContentCorpus, ImagesComeThroughTheNodeOnly) {
  const CorpusRewriter rewriter = Rewriter();
  // Lemmy's image post; its image on the peer's "lemmy" host.
  const Rewritten lemmy = rewriter.Rewrite(ReadFixture("lemmy/object_page.json"), 1);
  const std::string png_path = "/pictrs/image/eOtYb9iEiB.png";
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + "not-really-pixels";
  peer().Serve("https://" + peer().domain("lemmy") + png_path, png, "image/png");
  ASSERT_EQ(Send("lemmy", lemmy.activity).status, 202u);
  std::optional<std::string> thread;
  ASSERT_TRUE(Eventually([&] { return (thread = ThreadByApId(lemmy.object_id)).has_value(); }))
      << node().LogTail();
  const std::string src = "/media/t/" + *thread + "/0";
  EXPECT_NE(node().Request("GET", "/t/" + *thread).body.find("<img src=\"" + src + "\""),
            std::string::npos);
  auto peer_fetches = [&] {
    int n = 0;
    for (const Received& r : peer().received()) n += r.method == "GET" && r.target == png_path;
    return n;
  };
  EXPECT_EQ(peer_fetches(), 0) << "fetched before anyone looked";
  for (int i = 0; i < 2; ++i) {
    const HttpReply image = node().Request("GET", src);
    ASSERT_EQ(image.status, 200u) << image.body;
    EXPECT_EQ(image.body, png);
    EXPECT_EQ(image.Header("Content-Type"), "image/png");
    EXPECT_EQ(image.Header("X-Content-Type-Options"), "nosniff");
  }
  EXPECT_EQ(peer_fetches(), 1) << "the second view is served from the cache";
  // Only what is stored with the post: no other index, no other thread.
  EXPECT_EQ(node().Request("GET", "/media/t/" + *thread + "/1").status, 404u);
  EXPECT_EQ(node().Request("GET", "/media/t/1/0").status, 404u);
  EXPECT_EQ(node().Request("GET", "/media/x/" + *thread + "/0").status, 404u);

  // Mbin's post, whose "image" is a script in disguise.
  const Rewritten mbin =
      rewriter.Rewrite(ReadFixture("mbin/create_entry_with_url_and_image.json"), 2);
  const std::string svg_path =
      "/media/a8/1c/a81cc2fea35eeb232cd28fcb109b3eb5a4e52c71bce95af6650d71876c1bcbb7.png";
  peer().Serve("https://" + peer().domain("mbin") + svg_path,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "image/png");
  ASSERT_EQ(Send("mbin", mbin.activity).status, 202u);
  ASSERT_TRUE(Eventually([&] { return (thread = ThreadByApId(mbin.object_id)).has_value(); }))
      << node().LogTail();
  const HttpReply refused = node().Request("GET", "/media/t/" + *thread + "/0");
  EXPECT_EQ(refused.status, 404u);
  EXPECT_EQ(refused.body.find("svg"), std::string::npos);
}

}  // namespace
}  // namespace guildhall::integration
