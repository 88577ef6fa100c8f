// Issue 9 item 1 (privacy): nothing a group stores is published wider than
// its author addressed it. Real-shaped payloads (their sources are listed in
// addressing_test.cc) go through the real inbox door, processor and
// community services of one node: a post narrower than the group's audience
// is answered 422 with the reason, never stored, held or announced; a
// public post is stored and announced to Public; a partners group's post is
// announced only to the shared peers, never to Public; an edit may not
// narrow below the group; a followed group's relay of a direct note is not
// mirrored.
#include <gtest/gtest.h>

#include <future>

#include "federation/follows/follows.h"
#include "federation/policy/policy_admin.h"
#include "federation/protocol/json.h"
#include "storage/model/records/member.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"
#include "tests/federation/fixtures.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

using storage::GroupScope;

constexpr char kPublicUri[] = "https://www.w3.org/ns/activitystreams#Public";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// A fixture as a peer of this harness sends it: our origin is guild.test,
// and the harness serves remote people at /users/{name} (Lemmy: /u/{name}).
std::string Payload(const std::string& name, const std::string& group_slug = "news") {
  std::string s = ReadFixture("ap/" + name);
  s = Replace(s, "https://guild.example/g/news", std::string(kBase) + "/g/" + group_slug);
  return Replace(s, "https://lemmy.example/u/", "https://lemmy.example/users/");
}

std::string Field(const std::string& doc, const std::string& name) {
  auto v = json::Parse(doc);
  const json::Value* f = v ? v->Find(name) : nullptr;
  return f == nullptr ? "" : (f->is_string() ? f->text() : json::Serialize(*f));
}

class AddressingInboxTest : public FederationHarness {
 protected:
  AddressingInboxTest() {
    admin_ = LocalMember("root");
    Must(store_->Write([&](storage::WriteTxn& tx) -> Result<> {
      auto m = GH_TRY(
          storage::Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(admin_)));
      m->role = storage::NodeRole::kAdmin;
      return storage::Table<storage::MemberCodec>::Put(tx, *m);
    }));
    alice_ = AddPeer("alice", "https://mastodon.example");
    dave_ = AddPeer("dave", "https://lemmy.example");
    carol_ = AddPeer("carol", "https://other.test");
  }

  // A group of `scope` with alice, dave and carol as remote members.
  void Group(const std::string& slug, GroupScope scope) {
    LocalGroup(admin_, slug, scope);
    if (scope == GroupScope::kPartners) {
      Must(fed_->policy_admin().SetShares(admin_, slug,
                                          {"mastodon.example", "lemmy.example", "other.test"}));
    }
    for (const Peer* p : {&alice_, &dave_, &carol_}) Join(*p, slug);
  }

  // Posts like FederationHarness::Post, keeping the answer's message.
  InboxAnswer Send(const std::string& body, const Peer& from) {
    std::promise<InboxAnswer> answer;
    fed_->inbox().Receive(std::make_shared<InboxRequest>(Signed("/inbox", body, from)),
                          [&answer](InboxAnswer a) { answer.set_value(std::move(a)); });
    InboxAnswer out = answer.get_future().get();
    fed_->processor().WaitIdle();
    return out;
  }

  bool Stored(const std::string& object_id) {
    return FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, object_id).has_value();
  }

  // Refused at the door: 422 naming the object, nothing stored or announced.
  void ExpectRefused(const std::string& fixture, const Peer& from, const std::string& slug) {
    const std::string body = Payload(fixture, slug);
    const std::string object_id = Field(Field(body, "object"), "id");
    const size_t announces = DeliveriesOfType("Announce").size();
    InboxAnswer a = Send(body, from);
    EXPECT_EQ(a.status, 422u) << fixture << ": " << a.message;
    EXPECT_NE(a.message.find(object_id), std::string::npos) << a.message;
    EXPECT_FALSE(Stored(object_id)) << fixture << " became a thread";
    EXPECT_EQ(DeliveriesOfType("Announce").size(), announces) << fixture << " was announced";
  }

  Id admin_;
  Peer alice_, dave_, carol_;
};

TEST_F(AddressingInboxTest, DirectToAPersonWithTheGroupAsAudienceIsRefused) {
  Group("news", GroupScope::kPublic);
  ExpectRefused("mastodon/create_note_direct_audience.json", alice_, "news");
}

TEST_F(AddressingInboxTest, MentionedOnlyToAPublicGroupWithoutPublicIsRefused) {
  Group("news", GroupScope::kPublic);
  ExpectRefused("mastodon/create_note_direct.json", alice_, "news");
}

TEST_F(AddressingInboxTest, FollowersOnlyPostMentioningAPublicGroupIsRefused) {
  Group("news", GroupScope::kPublic);
  ExpectRefused("mastodon/create_note_followers.json", alice_, "news");
}

TEST_F(AddressingInboxTest, PersonAddressedPostToAPartnersGroupIsRefused) {
  Group("deals", GroupScope::kPartners);
  ExpectRefused("mastodon/create_note_direct_audience.json", alice_, "deals");
}

TEST_F(AddressingInboxTest, PublicPostIsStoredAndAnnouncedToPublic) {
  Group("news", GroupScope::kPublic);
  const std::string body = Payload("lemmy/create_page.json");
  EXPECT_EQ(Send(body, dave_).status, 202u);
  EXPECT_TRUE(Stored("https://lemmy.example/post/4251"));
  auto announces = DeliveriesOfType("Announce");
  ASSERT_FALSE(announces.empty());
  EXPECT_NE(Field(BodyOf(announces[0]), "to").find(kPublicUri), std::string::npos);
}

TEST_F(AddressingInboxTest, UnlistedPostIsStored) {
  Group("news", GroupScope::kPublic);
  EXPECT_EQ(Send(Payload("mastodon/create_note_unlisted.json"), alice_).status, 202u);
  EXPECT_TRUE(Stored("https://mastodon.example/users/alice/statuses/111222333444555703"));
}

TEST_F(AddressingInboxTest, PartnersGroupPostIsAnnouncedOnlyToTheSharedPeersNeverToPublic) {
  Group("deals", GroupScope::kPartners);
  Peer stranger = AddPeer("sam", "https://stranger.test");
  Join(stranger, "deals");  // not shared with stranger.test: the Follow is dropped
  EXPECT_EQ(Send(Payload("lemmy/create_page_private_community.json", "deals"), dave_).status, 202u);
  EXPECT_TRUE(Stored("https://lemmy.example/post/4250"));
  auto announces = DeliveriesOfType("Announce");
  std::set<std::string> inboxes;
  for (const auto& d : announces) {
    inboxes.insert(d.inbox);
    const std::string body = BodyOf(d);
    EXPECT_EQ(Field(body, "to").find(kPublicUri), std::string::npos) << body;
    EXPECT_EQ(Field(body, "cc").find(kPublicUri), std::string::npos) << body;
    // Addressed to the group's followers (spec/FEDERATION.md: `to` for partners groups).
    EXPECT_NE(
        (Field(body, "to") + Field(body, "cc")).find(std::string(kBase) + "/g/deals/followers"),
        std::string::npos)
        << body;
  }
  EXPECT_EQ(inboxes,
            (std::set<std::string>{alice_.shared_inbox, dave_.shared_inbox, carol_.shared_inbox}));
}

TEST_F(AddressingInboxTest, AnUpdateMayNotNarrowAPostBelowItsGroup) {
  Group("news", GroupScope::kPublic);
  ASSERT_EQ(Send(Payload("lemmy/create_page.json"), dave_).status, 202u);
  std::string update = Payload("lemmy/create_page.json");
  update = Replace(update, "\"type\": \"Create\"", "\"type\": \"Update\"");
  update = Replace(update, "/activities/create/", "/activities/update/");
  update = Replace(update, "PUBLIC: which", "NOW PRIVATE: which");
  update = Replace(update, std::string(", \"") + kPublicUri + "\"", "");
  InboxAnswer a = Send(update, dave_);
  EXPECT_EQ(a.status, 422u) << a.message;
  auto t = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId,
                                            "https://lemmy.example/post/4251");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->title, "PUBLIC: which reverse proxy do you run?");
}

// The mirror of a group on another node: its Announce of a direct note is
// not stored, and its author does not become a member of our copy.
TEST_F(AddressingInboxTest, AFollowedGroupsRelayOfADirectNoteIsNotMirrored) {
  const Id ann = LocalMember("ann");
  Peer club = AddPeer("club", kPeer, "Group");
  Peer eve = AddPeer("eve");
  webfinger_["acct:club@peer.test"] = club.id;
  auto status = Must(fed_->follows().Follow(ann, "@club@peer.test"));
  const std::string follow_id = DeliveriesOfType("Follow").back().activity_id;
  ASSERT_EQ(Post("/inbox", Simple("Accept", NewActivityId(club), club, follow_id), club), 202u);
  const std::string note = std::string(kPeer) + "/notes/9";
  const std::string inner = "{\"id\":\"" + NewActivityId(eve) +
                            "\",\"type\":\"Create\",\"actor\":\"" + eve.id + "\",\"to\":[\"" +
                            alice_.id + "\"],\"object\":{\"id\":\"" + note +
                            "\",\"type\":\"Note\",\"attributedTo\":\"" + eve.id +
                            "\",\"content\":\"<p>DIRECT</p>\",\"to\":[\"" + alice_.id +
                            "\"],\"audience\":\"" + club.id + "\"}}";
  std::string announce = Simple("Announce", NewActivityId(club), club, "x");
  announce.replace(announce.find("\"object\":\"x\""), 12, "\"object\":" + inner);
  EXPECT_EQ(Post("/inbox", announce, club), 202u);
  EXPECT_FALSE(Stored(note));
  EXPECT_FALSE(MembershipOf(status.group.id, MemberIdOf(eve.id)).has_value());
}

}  // namespace
}  // namespace guildhall::federation::testing
