// The federation hook runs inside the change's own transaction: what it writes
// commits with the change, and its failure undoes the change (and logs no
// event: the event log holds committed changes only).
#include "node/community/publisher.h"

#include <gtest/gtest.h>

#include "storage/model/records/thread.h"
#include "storage/model/table.h"
#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using testing::CodeOf;
using testing::Must;

// Records events in the meta table (standing in for federation's outbox) and
// can be told to fail.
class RecordingPublisher final : public Publisher {
 public:
  bool fail_threads = false;

  Result<> Publish(WriteTxn& tx, const DomainEvent& event) override {
    if (fail_threads && std::holds_alternative<events::ThreadCreated>(event)) {
      return Error::Unavailable("outbox full");
    }
    const std::string what = std::visit(Describe{}, event);
    if (what.empty()) return Ok();
    return tx.Put(storage::tables::kMeta, "test-outbox:" + what, what);
  }

 private:
  struct Describe {
    std::string operator()(const events::GroupCreated& e) {
      return "group-created:" + e.group.slug;
    }
    std::string operator()(const events::GroupChanged& e) {
      return "group-changed:" + e.group.slug;
    }
    std::string operator()(const events::ThreadCreated& e) {
      return "thread-created:" + e.thread.title;
    }
    std::string operator()(const events::ThreadDeleted& e) {
      return "thread-deleted:" + e.thread.title;
    }
    std::string operator()(const events::ReplyCreated& e) {
      return "reply-created:" + e.reply.body;
    }
    std::string operator()(const events::LikeAdded&) { return "like-added"; }
    std::string operator()(const events::LikeRemoved&) { return "like-removed"; }
    std::string operator()(const events::MemberJoined& e) {
      return "joined:" + e.group.slug + ":" + e.member.username;
    }
    std::string operator()(const events::MemberLeft& e) {
      return "left:" + e.group.slug + ":" + e.member.username;
    }
    std::string operator()(const events::MemberBanned& e) {
      return "banned:" + e.group.slug + ":" + e.member.username;
    }
    std::string operator()(const auto&) { return ""; }
  };
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
