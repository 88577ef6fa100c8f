// FEP-1b12 through the real inbox pipeline and community services, with the
// network faked: remote members follow a local group, post, edit, delete,
// like, report and get banned; the group answers and announces, and what it
// sends is read back from the delivery queue.
#include <gtest/gtest.h>

#include "federation/protocol/json.h"
#include "node/community/likes.h"
#include "node/community/memberships.h"
#include "node/community/moderation.h"
#include "node/community/threads.h"
#include "storage/model/records/outbox_activity.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/report.h"
#include "storage/model/records/thread.h"
#include "storage/model/records/tombstone.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

using storage::MembershipState;

std::string Field(const std::string& doc, const std::string& name) {
  auto v = json::Parse(doc);
  if (!v) return "";
  const json::Value* f = v->Find(name);
  return f == nullptr ? "" : (f->is_string() ? f->text() : json::Serialize(*f));
}

class Fep1b12Test : public FederationHarness {
 protected:
  Fep1b12Test() {
    owner_ = LocalMember("owner");
    group_ = LocalGroup(owner_, "news");
    group_uri_ = std::string(kBase) + "/g/news";
    alice_ = AddPeer("alice");
    bob_ = AddPeer("bob");  // same node: same shared inbox as alice
    carol_ = AddPeer("carol", "https://other.test");
  }

  // Announces of activities: without the second Announce of a created
  // Page or Note that public groups send for Mastodon (groups/announce.cc).
  std::vector<storage::Delivery> ActivityAnnounces() {
    std::vector<storage::Delivery> out;
    for (auto& d : DeliveriesOfType("Announce")) {
      const std::string inner = Field(Field(BodyOf(d), "object"), "type");
      if (inner != "Page" && inner != "Note") out.push_back(std::move(d));
    }
    return out;
  }

  std::string NewPost(const Peer& who, const std::string& object_id,
                      const std::string& title = "Hello") {
    return CreatePage(NewActivityId(who), who, object_id, group_uri_, title, "<p>Body</p>");
  }

  Id owner_, group_;
  std::string group_uri_;
  Peer alice_, bob_, carol_;
};

TEST_F(Fep1b12Test, FollowOfOpenGroupJoinsAndAnswersAccept) {
  const std::string follow_id = NewActivityId();
  EXPECT_EQ(Post("/g/news/inbox", Simple("Follow", follow_id, alice_, group_uri_), alice_), 202u);
  auto m = MembershipOf(group_, MemberIdOf(alice_.id));
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->state, MembershipState::kActive);
  auto accepts = DeliveriesOfType("Accept");
  ASSERT_EQ(accepts.size(), 1u);
  EXPECT_EQ(accepts[0].inbox, alice_.shared_inbox);
  const std::string body = BodyOf(accepts[0]);
  EXPECT_EQ(Field(body, "actor"), group_uri_);
  EXPECT_EQ(Field(Field(body, "object"), "id"), follow_id);
}

TEST_F(Fep1b12Test, FollowOfApprovalGroupWaitsForTheModerator) {
  const Id club =
      LocalGroup(owner_, "club", storage::GroupScope::kPublic, storage::JoinMode::kApproval);
  EXPECT_EQ(Post("/g/club/inbox",
                 Simple("Follow", NewActivityId(), alice_, std::string(kBase) + "/g/club"), alice_),
            202u);
  const Id alice = MemberIdOf(alice_.id);
  EXPECT_EQ(MembershipOf(club, alice)->state, MembershipState::kPending);
  EXPECT_TRUE(DeliveriesOfType("Accept").empty());
  Must(c_->memberships.Approve(owner_, club, alice));
  EXPECT_EQ(MembershipOf(club, alice)->state, MembershipState::kActive);
  EXPECT_EQ(DeliveriesOfType("Accept").size(), 1u);
}

TEST_F(Fep1b12Test, FollowOfInviteOnlyGroupIsRejected) {
  LocalGroup(owner_, "secret", storage::GroupScope::kPublic, storage::JoinMode::kInvite);
  EXPECT_EQ(
      Post("/g/secret/inbox",
           Simple("Follow", NewActivityId(), alice_, std::string(kBase) + "/g/secret"), alice_),
      202u);
  EXPECT_EQ(DeliveriesOfType("Reject").size(), 1u);
  EXPECT_TRUE(DeliveriesOfType("Accept").empty());
}

TEST_F(Fep1b12Test, CreateIsStoredAndAnnouncedOncePerSharedInbox) {
  Join(alice_, "news");
  Join(bob_, "news");
  Join(carol_, "news");
  const std::string post = std::string(kPeer) + "/post/1";
  EXPECT_EQ(Post("/inbox", NewPost(alice_, post), alice_), 202u);
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post);
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->author, MemberIdOf(alice_.id));
  auto announces = ActivityAnnounces();
  ASSERT_EQ(announces.size(), 2u);  // peer.test's shared inbox once, other.test's once
  std::set<std::string> inboxes = {announces[0].inbox, announces[1].inbox};
  EXPECT_EQ(inboxes, (std::set<std::string>{alice_.shared_inbox, carol_.shared_inbox}));
  const std::string body = BodyOf(announces[0]);
  EXPECT_EQ(Field(body, "actor"), group_uri_);
  EXPECT_EQ(Field(Field(body, "object"), "type"), "Create");
  EXPECT_EQ(Field(Field(Field(body, "object"), "object"), "id"), post);
}

TEST_F(Fep1b12Test, CreateByNonMemberIsIgnored) {
  const std::string post = std::string(kPeer) + "/post/1";
  EXPECT_EQ(Post("/inbox", NewPost(alice_, post), alice_), 202u);
  EXPECT_FALSE(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post).has_value());
  EXPECT_TRUE(DeliveriesOfType("Announce").empty());
}

TEST_F(Fep1b12Test, ReplyToAStoredThreadIsStored) {
  Join(alice_, "news");
  Join(bob_, "news");
  const std::string post = std::string(kPeer) + "/post/1";
  Post("/inbox", NewPost(alice_, post), alice_);
  const std::string note = std::string(kPeer) + "/note/1";
  EXPECT_EQ(
      Post("/inbox",
           CreateNote(NewActivityId(), bob_, note, group_uri_, post, "<p>Agreed &amp; more</p>"),
           bob_),
      202u);
  auto reply = FindByApId<storage::ReplyCodec>(storage::tables::kRepliesByApId, note);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->body, "Agreed & more");
  EXPECT_EQ(reply->author, MemberIdOf(bob_.id));
}

TEST_F(Fep1b12Test, UpdateByTheAuthorEditsAndByOthersIsIgnored) {
  Join(alice_, "news");
  Join(bob_, "news");
  const std::string post = std::string(kPeer) + "/post/1";
  Post("/inbox", NewPost(alice_, post), alice_);
  std::string update = NewPost(alice_, post, "Edited");
  update.replace(update.find("\"Create\""), 8, "\"Update\"");
  EXPECT_EQ(Post("/inbox", update, alice_), 202u);
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post);
  EXPECT_EQ(thread->title, "Edited");
  EXPECT_NE(thread->edited_at, 0);
  // bob claims alice's post: attributedTo is not bob, so Verify drops it.
  std::string forged = NewPost(bob_, post, "Forged");
  forged.replace(forged.find("\"Create\""), 8, "\"Update\"");
  EXPECT_EQ(Post("/inbox", forged, bob_), 202u);
  EXPECT_EQ(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post)->title,
            "Edited");
}

TEST_F(Fep1b12Test, DeleteByOwnerRemovesAndByOthersIsIgnored) {
  Join(alice_, "news");
  Join(carol_, "news");
  const std::string post = std::string(kPeer) + "/post/1";
  Post("/inbox", NewPost(alice_, post), alice_);
  EXPECT_EQ(
      Post("/inbox", Simple("Delete", "https://other.test/activities/9", carol_, post), carol_),
      202u);
  EXPECT_FALSE(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post)->removed);
  EXPECT_EQ(Post("/inbox", Simple("Delete", NewActivityId(), alice_, post), alice_), 202u);
  EXPECT_TRUE(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post)->removed);
  EXPECT_GE(DeliveriesOfType("Announce").size(), 2u);  // the Create, then the Delete
}

TEST_F(Fep1b12Test, DeleteBeforeCreateDropsTheLateCreate) {
  Join(alice_, "news");
  const std::string post = std::string(kPeer) + "/post/7";
  EXPECT_EQ(Post("/inbox", Simple("Delete", NewActivityId(), alice_, post), alice_), 202u);
  EXPECT_EQ(Post("/inbox", NewPost(alice_, post), alice_), 202u);
  EXPECT_FALSE(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post).has_value());
}

TEST_F(Fep1b12Test, LikeIsCountedAndAnnounced) {
  Join(alice_, "news");
  Join(carol_, "news");
  const std::string post = std::string(kPeer) + "/post/1";
  Post("/inbox", NewPost(alice_, post), alice_);
  const size_t before = DeliveriesOfType("Announce").size();
  EXPECT_EQ(Post("/inbox", Simple("Like", "https://other.test/likes/1", carol_, post), carol_),
            202u);
  EXPECT_EQ(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post)->like_count,
            1u);
  EXPECT_GT(DeliveriesOfType("Announce").size(), before);
}

TEST_F(Fep1b12Test, FlagBecomesAReportForTheGroupModerators) {
  Join(alice_, "news");
  const Id thread = Must(c_->threads.Create(owner_, group_, {"Local", "text", ""})).id;
  std::string flag =
      Simple("Flag", NewActivityId(), alice_, std::string(kBase) + "/t/" + thread.ToString());
  flag.insert(flag.size() - 1, ",\"content\":\"spam\"");
  EXPECT_EQ(Post("/inbox", flag, alice_), 202u);
  auto queue =
      Must(c_->moderation.Queue(owner_, group_, storage::ReportState::kOpen, {.limit = 10}));
  ASSERT_EQ(queue.items.size(), 1u);
  EXPECT_EQ(queue.items[0].target, thread);
  EXPECT_EQ(queue.items[0].reason, "spam");
}

TEST_F(Fep1b12Test, LocalPostIsAnnouncedToRemoteFollowersAndStored) {
  Join(alice_, "news");
  const Id thread = Must(c_->threads.Create(owner_, group_, {"Local", "**bold**", ""})).id;
  auto announces = ActivityAnnounces();
  ASSERT_EQ(announces.size(), 1u);
  const std::string body = BodyOf(announces[0]);
  const std::string create = Field(body, "object");
  EXPECT_EQ(Field(create, "actor"), std::string(kBase) + "/u/owner");
  EXPECT_EQ(Field(Field(create, "object"), "id"), std::string(kBase) + "/t/" + thread.ToString());
  EXPECT_EQ(Field(Field(create, "object"), "audience"), group_uri_);
}

TEST_F(Fep1b12Test, BanOfRemoteMemberSendsBlock) {
  const Id alice = Join(alice_, "news");
  Must(c_->moderation.Ban(owner_, group_, alice, "spam"));
  auto blocks = DeliveriesOfType("Block");
  ASSERT_EQ(blocks.size(), 1u);
  EXPECT_EQ(Field(BodyOf(blocks[0]), "object"), alice_.id);
  EXPECT_EQ(Field(BodyOf(blocks[0]), "target"), group_uri_);
}

TEST_F(Fep1b12Test, UndoFollowLeaves) {
  const std::string follow_id = NewActivityId();
  Post("/g/news/inbox", Simple("Follow", follow_id, alice_, group_uri_), alice_);
  std::string undo = Simple("Undo", NewActivityId(), alice_, follow_id);
  EXPECT_EQ(Post("/inbox", undo, alice_), 202u);
  EXPECT_FALSE(MembershipOf(group_, MemberIdOf(alice_.id)).has_value());
}

TEST_F(Fep1b12Test, InternalGroupsPublishNothing) {
  const Id staff = LocalGroup(owner_, "staff", storage::GroupScope::kInternal);
  const Id member = LocalMember("dana");
  Must(c_->memberships.Join(member, staff));
  const Id thread = Must(c_->threads.Create(owner_, staff, {"Secret", "plans", ""})).id;
  Must(c_->likes.Like(member, thread));
  size_t outbox_rows = 0;
  Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
    return storage::Table<storage::OutboxActivityCodec>::Scan(
        tx, "", "", storage::ScanOrder::kForward, [&](const storage::OutboxActivity&) {
          ++outbox_rows;
          return true;
        });
  }));
  EXPECT_EQ(outbox_rows, 0u);
  EXPECT_TRUE(Deliveries().empty());
}

}  // namespace
}  // namespace guildhall::federation::testing
