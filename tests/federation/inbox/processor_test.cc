// The "processed after" half: a row persisted before a crash is applied when
// the node starts again, exactly once.
#include "federation/inbox/processor.h"

#include <gtest/gtest.h>

#include "federation/inbox/inbox_store.h"
#include "storage/model/records/inbox_activity.h"
#include "storage/model/table.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

class ProcessorTest : public FederationHarness {};

TEST_F(ProcessorTest, ReplaysRowsLeftPendingAtStartup) {
  const Id owner = LocalMember("owner");
  const Id group = LocalGroup(owner, "news");
  Peer alice = AddPeer("alice");
  fed_->Stop();  // as if the node died after the 202
  storage::InboxActivity row;
  row.id = ids_.Next();
  row.activity_id = NewActivityId();
  row.actor = alice.id;
  row.type = "Follow";
  row.inbox = "/g/news/inbox";
  row.json = Simple("Follow", row.activity_id, alice, std::string(kBase) + "/g/news");
  Must(store_->Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(PersistInbound(tx, row));
    return Ok();
  }));
  EXPECT_FALSE(MembershipOf(group, MemberIdOf(alice.id)).has_value());
  Must(fed_->Start());
  fed_->processor().WaitIdle();
  EXPECT_TRUE(MembershipOf(group, MemberIdOf(alice.id)).has_value());
  auto stored = Must(LoadInbound(store_.store(), row.id));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->state, storage::InboxState::kDone);
  EXPECT_TRUE(Must(PendingInbound(store_.store(), 10)).empty());
  EXPECT_EQ(DeliveriesOfType("Accept").size(), 1u);
}

TEST_F(ProcessorTest, DuplicateIdIsRefusedInTheSameWrite) {
  storage::InboxActivity row;
  row.id = ids_.Next();
  row.activity_id = "https://peer.test/activities/1";
  row.json = "{}";
  storage::InboxActivity again = row;
  again.id = ids_.Next();
  Persisted first = Persisted::kDuplicate, second = Persisted::kNew;
  Must(store_->Write([&](storage::WriteTxn& tx) -> Result<> {
    first = GH_TRY(PersistInbound(tx, row));
    second = GH_TRY(PersistInbound(tx, again));
    return Ok();
  }));
  EXPECT_EQ(first, Persisted::kNew);
  EXPECT_EQ(second, Persisted::kDuplicate);
}

}  // namespace
}  // namespace guildhall::federation::testing
