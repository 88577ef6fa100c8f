// Members following communities on other nodes: resolve, Follow, Accept,
// the group's Announces filling the local copy, bans, Unfollow.
#include "federation/follows/follows.h"

#include <gtest/gtest.h>

#include "federation/protocol/json.h"
#include "node/community/threads.h"
#include "storage/model/records/thread.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

using storage::MembershipState;

std::string Field(const std::string& doc, const std::string& name) {
  auto v = json::Parse(doc);
  const json::Value* f = v ? v->Find(name) : nullptr;
  return f == nullptr ? "" : (f->is_string() ? f->text() : json::Serialize(*f));
}

class FollowsTest : public FederationHarness {
 protected:
  FollowsTest() {
    ann_ = LocalMember("ann");
    club_ = AddPeer("club", kPeer, "Group");
    alice_ = AddPeer("alice");
    webfinger_["acct:club@peer.test"] = club_.id;
    webfinger_["acct:alice@peer.test"] = alice_.id;
  }

  // Follows and has the group accept.
  FollowStatus FollowAccepted() {
    auto status = Must(fed_->follows().Follow(ann_, "@club@peer.test"));
    auto follows = DeliveriesOfType("Follow");
    EXPECT_EQ(follows.size(), 1u);
    const std::string follow_id = follows.empty() ? "" : follows.back().activity_id;
    EXPECT_EQ(Post("/inbox", Simple("Accept", NewActivityId(club_), club_, follow_id), club_),
              202u);
    return status;
  }

  // The group announces `inner` (an activity as JSON).
  unsigned Announce(const std::string& inner) {
    std::string body = Simple("Announce", NewActivityId(club_), club_, "x");
    body.replace(body.find("\"object\":\"x\""), 12, "\"object\":" + inner);
    return Post("/inbox", body, club_);
  }

  Id ann_;
  Peer club_, alice_;
};

TEST_F(FollowsTest, FollowStoresExternalGroupAndSendsFollow) {
  auto status = Must(fed_->follows().Follow(ann_, "@club@peer.test"));
  EXPECT_EQ(status.state, MembershipState::kPending);
  EXPECT_EQ(status.handle, "club@peer.test");
  EXPECT_EQ(status.group.ap_id, club_.id);
  EXPECT_EQ(status.group.slug, "club@peer.test");
  EXPECT_EQ(status.group.description, "I am **club**");
  auto follows = DeliveriesOfType("Follow");
  ASSERT_EQ(follows.size(), 1u);
  EXPECT_EQ(follows[0].inbox, club_.inbox);
  EXPECT_EQ(Field(BodyOf(follows[0]), "object"), club_.id);
  EXPECT_EQ(Field(BodyOf(follows[0]), "actor"), std::string(kBase) + "/u/ann");
  auto found = Must(fed_->follows().ResolveGroupRef("!club@peer.test"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, status.group.id);
}

TEST_F(FollowsTest, AcceptActivatesTheMembership) {
  auto status = FollowAccepted();
  EXPECT_EQ(MembershipOf(status.group.id, ann_)->state, MembershipState::kActive);
  auto list = Must(fed_->follows().List(ann_));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].state, MembershipState::kActive);
}

TEST_F(FollowsTest, AcceptFromAnotherActorIsIgnored) {
  auto status = Must(fed_->follows().Follow(ann_, "club@peer.test"));
  const std::string follow_id = DeliveriesOfType("Follow").back().activity_id;
  Post("/inbox", Simple("Accept", NewActivityId(alice_), alice_, follow_id), alice_);
  EXPECT_EQ(MembershipOf(status.group.id, ann_)->state, MembershipState::kPending);
}

TEST_F(FollowsTest, AnnouncedCreateFromTheGroupsOriginIsStored) {
  auto status = FollowAccepted();
  const std::string post = std::string(kPeer) + "/post/1";
  EXPECT_EQ(
      Announce(CreatePage(NewActivityId(alice_), alice_, post, club_.id, "Remote", "<p>hi</p>")),
      202u);
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post);
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->group, status.group.id);
  EXPECT_EQ(thread->author, MemberIdOf(alice_.id));
  EXPECT_TRUE(DeliveriesOfType("Announce").empty());  // never re-announced
}

TEST_F(FollowsTest, AnnouncedObjectFromAnotherOriginIsFetchedFromItsOrigin) {
  FollowAccepted();
  Peer carol = AddPeer("carol", "https://other.test");
  const std::string post = "https://other.test/post/5";
  // The embedded copy says "Forged"; the origin serves the real one.
  remote_.Serve(
      post,
      json::Serialize(json::Parse("{\"id\":\"" + post + "\",\"type\":\"Page\",\"attributedTo\":\"" +
                                  carol.id + "\",\"name\":\"Real\",\"content\":\"<p>real</p>\"}")
                          .value()));
  const int before = remote_.fetches();
  EXPECT_EQ(Announce(CreatePage(NewActivityId(carol), carol, post, club_.id, "Forged", "<p>x</p>")),
            202u);
  EXPECT_GT(remote_.fetches(), before);
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post);
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->title, "Real");
}

TEST_F(FollowsTest, AnnounceFromAGroupNobodyFollowsIsIgnored) {
  const std::string post = std::string(kPeer) + "/post/1";
  EXPECT_EQ(Announce(CreatePage(NewActivityId(alice_), alice_, post, club_.id, "Remote", "x")),
            202u);
  EXPECT_FALSE(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post).has_value());
}

TEST_F(FollowsTest, RejectDropsThePendingMembership) {
  auto status = Must(fed_->follows().Follow(ann_, "club@peer.test"));
  const std::string follow_id = DeliveriesOfType("Follow").back().activity_id;
  EXPECT_EQ(Post("/inbox", Simple("Reject", NewActivityId(club_), club_, follow_id), club_), 202u);
  EXPECT_FALSE(MembershipOf(status.group.id, ann_).has_value());
  EXPECT_TRUE(Must(fed_->follows().List(ann_)).empty());
}

TEST_F(FollowsTest, AnnouncedDeleteRemovesTheLocalCopy) {
  FollowAccepted();
  const std::string post = std::string(kPeer) + "/post/1";
  Announce(CreatePage(NewActivityId(alice_), alice_, post, club_.id, "Remote", "<p>hi</p>"));
  EXPECT_EQ(Announce(Simple("Delete", NewActivityId(alice_), alice_, post)), 202u);
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post);
  ASSERT_TRUE(thread.has_value());
  EXPECT_TRUE(thread->removed);
}

TEST_F(FollowsTest, LocalPostInExternalGroupGoesToTheGroupsInbox) {
  auto status = FollowAccepted();
  Must(c_->threads.Create(ann_, status.group.id, {"From ann", "hello", ""}));
  auto creates = DeliveriesOfType("Create");
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_EQ(creates[0].inbox, club_.inbox);
  EXPECT_EQ(Field(Field(BodyOf(creates[0]), "object"), "audience"), club_.id);
}

// Each `to`/`cc` entry of the Create and of its object, one per line.
std::string Addressing(const std::string& create) {
  std::string out;
  for (const std::string& doc : {create, Field(create, "object")}) {
    for (const char* name : {"to", "cc"}) out += Field(doc, name) + "\n";
  }
  return out;
}

TEST_F(FollowsTest, PostsToAnOpenRemoteGroupAreAddressedPublic) {
  auto status = FollowAccepted();
  Must(c_->threads.Create(ann_, status.group.id, {"Open", "hello", ""}));
  auto creates = DeliveriesOfType("Create");
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_NE(Addressing(BodyOf(creates[0])).find(as::kPublic), std::string::npos);
}

// A group that approves its followers (a Lemmy private community, another
// Guildhall's partners group) shares its content with its followers alone:
// what our members post there is not addressed to Public, and only our
// members who follow it read its copy here; nobody joins the copy locally.
class PrivateRemoteGroupTest : public FollowsTest {
 protected:
  PrivateRemoteGroupTest() {
    std::string doc = Must(remote_.Actor(club_.id, Deadline::max())).raw_json;
    doc.insert(doc.rfind('}'), ",\"manuallyApprovesFollowers\":true");
    remote_.Serve(club_.id, doc);
    Must(remote_.Actor(club_.id, Deadline::max()));
  }
};

TEST_F(PrivateRemoteGroupTest, PostsThereAreNotAddressedPublic) {
  auto status = FollowAccepted();
  Must(c_->threads.Create(ann_, status.group.id, {"Private", "hello", ""}));
  auto creates = DeliveriesOfType("Create");
  ASSERT_EQ(creates.size(), 1u);
  const std::string addressing = Addressing(BodyOf(creates[0]));
  EXPECT_EQ(addressing.find(as::kPublic), std::string::npos) << addressing;
  EXPECT_NE(addressing.find(club_.id), std::string::npos) << addressing;
}

TEST_F(PrivateRemoteGroupTest, OnlyFollowersReadTheCopy) {
  auto status = FollowAccepted();
  const std::string post = std::string(kPeer) + "/post/1";
  ASSERT_EQ(
      Announce(CreatePage(NewActivityId(alice_), alice_, post, club_.id, "Inside", "<p>hi</p>")),
      202u);
  const Id bob = LocalMember("bob");
  const community::PageRequest first{};
  EXPECT_TRUE(c_->threads.List(ann_, status.group.id, first).has_value());
  auto seen_by_bob = c_->threads.List(bob, status.group.id, first);
  ASSERT_FALSE(seen_by_bob.has_value());
  EXPECT_EQ(seen_by_bob.error().code, Code::kForbidden);
  auto joined = c_->memberships.Join(bob, status.group.id);
  ASSERT_FALSE(joined.has_value());
  EXPECT_EQ(joined.error().code, Code::kForbidden);
  EXPECT_FALSE(MembershipOf(status.group.id, bob).has_value());
}

TEST_F(FollowsTest, NobodyJoinsTheCopyOfAnOpenRemoteGroupLocally) {
  auto status = FollowAccepted();
  const Id bob = LocalMember("bob");
  EXPECT_TRUE(c_->threads.List(bob, status.group.id, community::PageRequest{}).has_value());
  auto joined = c_->memberships.Join(bob, status.group.id);
  ASSERT_FALSE(joined.has_value());
  EXPECT_EQ(joined.error().code, Code::kForbidden);
  EXPECT_TRUE(DeliveriesOfType("Follow").size() == 1u);  // ann's only
}

TEST_F(FollowsTest, BlockFromTheGroupBansOurMember) {
  auto status = FollowAccepted();
  std::string block = Simple("Block", NewActivityId(club_), club_, std::string(kBase) + "/u/ann");
  block.insert(block.size() - 1, ",\"target\":\"" + club_.id + "\"");
  EXPECT_EQ(Post("/inbox", block, club_), 202u);
  EXPECT_EQ(MembershipOf(status.group.id, ann_)->state, MembershipState::kBanned);
}

TEST_F(FollowsTest, UnfollowSendsUndoAndLeaves) {
  auto status = FollowAccepted();
  Must(fed_->follows().Unfollow(ann_, "club@peer.test"));
  EXPECT_FALSE(MembershipOf(status.group.id, ann_).has_value());
  auto undos = DeliveriesOfType("Undo");
  ASSERT_EQ(undos.size(), 1u);
  EXPECT_EQ(undos[0].inbox, club_.inbox);
  EXPECT_TRUE(Must(fed_->follows().List(ann_)).empty());
}

TEST_F(FollowsTest, RefusesNonGroupsAndBadHandles) {
  EXPECT_EQ(fed_->follows().Follow(ann_, "alice@peer.test").error().code, Code::kInvalid);
  EXPECT_EQ(fed_->follows().Follow(ann_, "not a handle").error().code, Code::kInvalid);
  EXPECT_EQ(fed_->follows().Follow(ann_, "nobody@peer.test").error().code, Code::kNotFound);
}

class AllowlistFollowsTest : public FederationHarness {
 protected:
  AllowlistFollowsTest() : FederationHarness(FederationMode::kAllowlist, {"friends.test"}) {}
};

TEST_F(AllowlistFollowsTest, RefusesDomainsTheNodeDoesNotFederateWith) {
  const Id ann = LocalMember("ann");
  Peer club = AddPeer("club", kPeer, "Group");
  webfinger_["acct:club@peer.test"] = club.id;
  EXPECT_EQ(fed_->follows().Follow(ann, "club@peer.test").error().code, Code::kForbidden);
  EXPECT_TRUE(Deliveries().empty());
}

}  // namespace
}  // namespace guildhall::federation::testing
