// The federation hook runs inside the change's own transaction: what it writes
// commits with the change, and its failure undoes the change.
#include "node/community/publisher.h"

#include <gtest/gtest.h>

#include "storage/model/records/thread.h"
#include "storage/model/table.h"
#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using testing::CodeOf;
using testing::Must;

// Records hooks in the meta table (standing in for federation's outbox) and
// can be told to fail.
class RecordingPublisher final : public Publisher {
 public:
  bool fail_threads = false;

  Result<> Record(WriteTxn& tx, const std::string& what) {
    return tx.Put(storage::tables::kMeta, "test-outbox:" + what, what);
  }
  Result<> GroupCreated(WriteTxn& tx, const storage::Group& g) override {
    return Record(tx, "group-created:" + g.slug);
  }
  Result<> GroupChanged(WriteTxn& tx, const storage::Group& g) override {
    return Record(tx, "group-changed:" + g.slug);
  }
  Result<> ThreadCreated(WriteTxn& tx, const storage::Group&, const storage::Thread& t) override {
    if (fail_threads) return Error::Unavailable("outbox full");
    return Record(tx, "thread-created:" + t.title);
  }
  Result<> ThreadUpdated(WriteTxn&, const storage::Group&, const storage::Thread&) override {
    return Ok();
  }
  Result<> ThreadDeleted(WriteTxn& tx, const storage::Group&, const storage::Thread& t) override {
    return Record(tx, "thread-deleted:" + t.title);
  }
  Result<> ReplyCreated(WriteTxn& tx, const storage::Group&, const storage::Thread&,
                        const storage::Reply& r) override {
    return Record(tx, "reply-created:" + r.body);
  }
  Result<> ReplyUpdated(WriteTxn&, const storage::Group&, const storage::Thread&,
                        const storage::Reply&) override {
    return Ok();
  }
  Result<> ReplyDeleted(WriteTxn&, const storage::Group&, const storage::Thread&,
                        const storage::Reply&) override {
    return Ok();
  }
  Result<> LikeAdded(WriteTxn& tx, const storage::Group&, const storage::Like&) override {
    return Record(tx, "like-added");
  }
  Result<> LikeRemoved(WriteTxn& tx, const storage::Group&, const storage::Like&) override {
    return Record(tx, "like-removed");
  }
  Result<> EventCreated(WriteTxn&, const storage::Group&, const storage::Event&) override {
    return Ok();
  }
  Result<> EventUpdated(WriteTxn&, const storage::Group&, const storage::Event&) override {
    return Ok();
  }
  Result<> EventCancelled(WriteTxn&, const storage::Group&, const storage::Event&) override {
    return Ok();
  }
  Result<> RsvpChanged(WriteTxn&, const storage::Group&, const storage::Event&,
                       const storage::Rsvp&) override {
    return Ok();
  }
  Result<> ResourceAdded(WriteTxn&, const storage::Group&, const storage::Resource&) override {
    return Ok();
  }
  Result<> ResourceRemoved(WriteTxn&, const storage::Group&, const storage::Resource&) override {
    return Ok();
  }
  Result<> MemberJoined(WriteTxn& tx, const storage::Group& g, const storage::Member& m,
                        const storage::Membership&) override {
    return Record(tx, "joined:" + g.slug + ":" + m.username);
  }
  Result<> MemberLeft(WriteTxn& tx, const storage::Group& g, const storage::Member& m) override {
    return Record(tx, "left:" + g.slug + ":" + m.username);
  }
  Result<> MemberBanned(WriteTxn& tx, const storage::Group& g, const storage::Member& m) override {
    return Record(tx, "banned:" + g.slug + ":" + m.username);
  }
  Result<> ProfileUpdated(WriteTxn&, const storage::Member&) override { return Ok(); }
  Result<> ReportFiled(WriteTxn&, const storage::Report&) override { return Ok(); }
};

class PublisherHooks : public testing::CommunityFixture {
 protected:
  PublisherHooks() : CommunityFixture(recorder_) {}
  bool Recorded(const std::string& what) {
    bool found = false;
    Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
      found = tx.Get(storage::tables::kMeta, "test-outbox:" + what).has_value();
      return Ok();
    }));
    return found;
  }
  // Declared before the fixture's Community uses it (base classes are built
  // first, so the recorder is a static-duration object here).
  static RecordingPublisher recorder_;
};
RecordingPublisher PublisherHooks::recorder_;

TEST_F(PublisherHooks, HooksCommitWithTheirChange) {
  recorder_.fail_threads = false;
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "fed");
  EXPECT_TRUE(Recorded("group-created:fed"));
  EXPECT_TRUE(Recorded("joined:fed:alice"));
  Must(c_.memberships.Join(bob, g));
  EXPECT_TRUE(Recorded("joined:fed:bob"));
  const Id t = NewThread(bob, g, "Federated");
  EXPECT_TRUE(Recorded("thread-created:Federated"));
  Must(c_.replies.Create(alice, t, {Id{}, "answer", ""}));
  EXPECT_TRUE(Recorded("reply-created:answer"));
  Must(c_.likes.Like(alice, t));
  EXPECT_TRUE(Recorded("like-added"));
  Must(c_.moderation.Ban(alice, g, bob, "spam"));
  EXPECT_TRUE(Recorded("banned:fed:bob"));
}

TEST_F(PublisherHooks, AFailingHookUndoesTheWholeChange) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "atomic");
  recorder_.fail_threads = true;
  auto r = c_.threads.Create(alice, g, {"Lost", "never stored", ""});
  recorder_.fail_threads = false;
  EXPECT_EQ(CodeOf(r), Code::kUnavailable);
  EXPECT_TRUE(Must(c_.threads.List(alice, g, {})).items.empty());
  EXPECT_EQ(Must(c_.groups.Get(alice, g)).group.thread_count, 0u);
}

}  // namespace
}  // namespace guildhall::community
