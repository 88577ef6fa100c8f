// Posts from a limited peer wait for a moderator (spec/POLICY.md §1 and §4
// row 11): held, not stored, not announced, invisible to members; approving
// stores and announces it like any post; rejecting erases it; only the
// group's moderators (and admins) see and act on the queue; both audited.
#include "federation/policy/held_posts.h"

#include <gtest/gtest.h>

#include "federation/policy/policy_admin.h"
#include "node/community/threads.h"
#include "storage/model/records/member.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

using storage::GroupScope;
using storage::PeerState;

class HeldPostsTest : public FederationHarness {
 protected:
  HeldPostsTest() {
    admin_ = LocalMember("root");
    Must(store_->Write([&](storage::WriteTxn& tx) -> Result<> {
      auto m = GH_TRY(
          storage::Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(admin_)));
      m->role = storage::NodeRole::kAdmin;
      return storage::Table<storage::MemberCodec>::Put(tx, *m);
    }));
    owner_ = LocalMember("ann");
    reader_ = LocalMember("bob");
    group_ = LocalGroup(owner_, "news", GroupScope::kPublic);
    alice_ = AddPeer("alice");
    Join(alice_, "news");
    Must(c_->memberships.Join(reader_, group_));
    Must(admin().SetPeer(admin_, "peer.test", PeerState::kLimited));
  }

  PolicyAdmin& admin() { return fed_->policy_admin(); }

  // alice posts a thread into news; the id of the object.
  std::string PostThread(const std::string& title) {
    const std::string post = std::string(kPeer) + "/post/" + std::to_string(++n_);
    EXPECT_EQ(Post("/inbox",
                   CreatePage(NewActivityId(alice_), alice_, post, std::string(kBase) + "/g/news",
                              title, "<p>Body of " + title + "</p>"),
                   alice_),
              202u);
    return post;
  }

  std::optional<storage::Thread> Stored(const std::string& post) {
    return FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post);
  }

  Id admin_, owner_, reader_, group_;
  Peer alice_;
  int n_ = 0;
};

TEST_F(HeldPostsTest, ALimitedPeersPostIsHeldUnseenAndUnannounced) {
  const std::string post = PostThread("Pending");
  EXPECT_FALSE(Stored(post));
  EXPECT_TRUE(DeliveriesOfType("Announce").empty());
  auto threads = Must(c_->threads.List(reader_, group_, {}));
  EXPECT_TRUE(threads.items.empty());
  auto held = Must(admin().HeldPosts(owner_, "news"));
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].post.object_id, post);
  EXPECT_EQ(held[0].kind, "thread");
  EXPECT_EQ(held[0].title, "Pending");
  EXPECT_NE(held[0].body.find("Body of Pending"), std::string::npos);
  EXPECT_EQ(held[0].author, "alice@peer.test");
}

TEST_F(HeldPostsTest, ApprovingStoresAndAnnouncesIt) {
  const std::string post = PostThread("Approve me");
  auto held = Must(admin().HeldPosts(owner_, "news"));
  ASSERT_EQ(held.size(), 1u);
  Must(admin().ApproveHeld(owner_, "news", held[0].post.id));
  auto thread = Stored(post);
  ASSERT_TRUE(thread);
  EXPECT_EQ(thread->author, MemberIdOf(alice_.id));
  // The Create, and the Page itself for Mastodon-family followers (groups/announce.cc).
  EXPECT_EQ(DeliveriesOfType("Announce").size(), 2u);
  EXPECT_TRUE(Must(admin().HeldPosts(owner_, "news")).empty());
  EXPECT_EQ(admin().ApproveHeld(owner_, "news", held[0].post.id).error().code, Code::kNotFound);
  auto audit =
      Must(admin().Audit(admin_, community::AuditFilter{.action = "moderation.held.approve"}, {}));
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].actor, owner_);
}

TEST_F(HeldPostsTest, RejectingErasesItAndARepliesWaitToo) {
  const std::string post = PostThread("Spam");
  auto held = Must(admin().HeldPosts(owner_, "news"));
  ASSERT_EQ(held.size(), 1u);
  Must(admin().RejectHeld(owner_, "news", held[0].post.id, "off topic"));
  EXPECT_FALSE(Stored(post));
  EXPECT_TRUE(Must(admin().HeldPosts(owner_, "news")).empty());
  EXPECT_TRUE(DeliveriesOfType("Announce").empty());
  // A reply to a local thread is held the same way.
  auto thread = Must(
      c_->threads.Create(owner_, group_, community::ThreadDraft{.title = "Local", .body = "x"}));
  const std::string note = std::string(kPeer) + "/note/1";
  const std::string thread_uri = std::string(kBase) + "/t/" + thread.id.ToString();
  EXPECT_EQ(Post("/inbox",
                 CreateNote(NewActivityId(alice_), alice_, note, std::string(kBase) + "/g/news",
                            thread_uri, "<p>a reply</p>"),
                 alice_),
            202u);
  held = Must(admin().HeldPosts(owner_, "news"));
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].kind, "reply");
  EXPECT_FALSE(FindByApId<storage::ReplyCodec>(storage::tables::kRepliesByApId, note));
}

TEST_F(HeldPostsTest, OnlyModeratorsAndAdminsSeeTheQueue) {
  PostThread("Queued");
  EXPECT_EQ(admin().HeldPosts(reader_, "news").error().code, Code::kForbidden);
  auto held = Must(admin().HeldPosts(admin_, "news"));
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(admin().ApproveHeld(reader_, "news", held[0].post.id).error().code, Code::kForbidden);
  EXPECT_EQ(admin().RejectHeld(reader_, "news", held[0].post.id).error().code, Code::kForbidden);
}

TEST_F(HeldPostsTest, AnAllowedPeersPostIsNotHeld) {
  Must(admin().SetPeer(admin_, "peer.test", PeerState::kAllowed));
  const std::string post = PostThread("Direct");
  EXPECT_TRUE(Stored(post));
  EXPECT_TRUE(Must(admin().HeldPosts(owner_, "news")).empty());
}

// Approval goes through the group's rules as any remote post would: an
// author who left meanwhile is refused, and the post stays in the queue.
TEST_F(HeldPostsTest, ApprovingAPostWhoseAuthorLeftIsRefusedAndKept) {
  const std::string post = PostThread("Late");
  auto held = Must(admin().HeldPosts(owner_, "news"));
  ASSERT_EQ(held.size(), 1u);
  Must(c_->memberships.Leave(MemberIdOf(alice_.id), group_));
  auto approved = admin().ApproveHeld(owner_, "news", held[0].post.id);
  ASSERT_FALSE(approved);
  EXPECT_EQ(approved.error().code, Code::kConflict) << approved.error().message;
  EXPECT_FALSE(Stored(post));
  EXPECT_EQ(Must(admin().HeldPosts(owner_, "news")).size(), 1u);
}

// A post that is not from a member is not held: nobody can fill the queue.
TEST_F(HeldPostsTest, ANonMembersPostIsNotHeld) {
  Must(c_->memberships.Leave(MemberIdOf(alice_.id), group_));
  const std::string post = PostThread("Drive-by");
  EXPECT_FALSE(Stored(post));
  EXPECT_TRUE(Must(admin().HeldPosts(owner_, "news")).empty());
}

}  // namespace
}  // namespace guildhall::federation::testing
