// Durability of the index as an event consumer: its position is persisted
// with the feed's (event_cursors), a restart resumes there, a crash between
// the index commit and the position save re-applies the batch without
// duplicating a document, a lost or deleted index is rebuilt from LMDB, and
// Drift compares the index with the records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "node/community/event_cursor.h"
#include "node/community/event_log.h"
#include "tests/search/fixture.h"

namespace guildhall::search {
namespace {

using community::testing::Must;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class CatchUpTest : public testing::SearchFixture {
 protected:
  uint64_t Position() {
    std::optional<uint64_t> out;
    Must(store_.store().Read([&](storage::ReadTxn& tx) -> Result<> {
      out = GH_TRY(community::ConsumerPosition(tx, "search"));
      return Ok();
    }));
    return out.value_or(0);
  }
  uint64_t Head() {
    uint64_t out = 0;
    Must(store_.store().Read([&](storage::ReadTxn& tx) -> Result<> {
      out = GH_TRY(community::LastEventSeq(tx));
      return Ok();
    }));
    return out;
  }
  std::vector<storage::LoggedEvent> EventsAfter(uint64_t seq) {
    std::vector<storage::LoggedEvent> out;
    Must(store_.store().Read([&](storage::ReadTxn& tx) -> Result<> {
      out = GH_TRY(community::EventsAfter(tx, seq, 10'000));
      return Ok();
    }));
    return out;
  }
  uint64_t Documents() { return Must(index_->Reader()).get_doccount(); }
};

TEST_F(CatchUpTest, ThePositionIsSavedAndARestartResumesThere) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  const Id first = NewThread(alice, g, "Beans", "Runner beans");
  CatchUp();
  EXPECT_EQ(Position(), Head());

  Reopen();  // a restarted node
  const Id second = NewThread(alice, g, "Peas", "Runner peas");
  EXPECT_LT(Position(), Head());
  EXPECT_THAT(Ids(alice, "runner", {.kind = DocKind::kThread}),
              UnorderedElementsAre(first, second));
  EXPECT_EQ(Position(), Head());
}

TEST_F(CatchUpTest, ACrashBetweenIndexCommitAndPositionSaveReappliesWithoutDuplicates) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  CatchUp();
  const uint64_t saved = Position();
  const Id t = NewThread(alice, g, "Beans", "Runner beans");
  Must(c_.replies.Create(alice, t, {Id{}, "Climbing runner beans", ""}));
  Must(c_.threads.Edit(alice, t, {"Beans", "Runner beans, edited", 0}));
  // The consumer applied and committed the batch; the process died before
  // the feed saved its position.
  Must(index_->Consume(EventsAfter(saved)));
  const uint64_t documents = Documents();
  index_.reset();
  feed_.reset();
  ASSERT_EQ(Position(), saved);

  Reopen();
  CatchUp();  // hands the same events over again
  EXPECT_EQ(Position(), Head());
  EXPECT_EQ(Documents(), documents);
  EXPECT_EQ(Find(alice, "runner").total, 2u);
  const IndexDrift drift = Must(index_->Drift());
  EXPECT_TRUE(drift.ok()) << "missing " << drift.missing << " extra " << drift.extra;
  EXPECT_EQ(drift.indexed, drift.expected);
}

TEST_F(CatchUpTest, AForgottenPositionRebuildsTheIndexInPlace) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  const Id t = NewThread(alice, g, "Beans", "Runner beans");
  CatchUp();
  const uint64_t documents = Documents();
  // `guildhall reindex` beside a running node: the feed rebuilds the index
  // it holds open.
  Must(store_.store().Write([&](storage::WriteTxn& tx) -> Result<> {
    return community::ForgetConsumerPosition(tx, SearchIndex::kConsumerName);
  }));
  CatchUp();
  EXPECT_EQ(Position(), Head());
  EXPECT_THAT(Ids(alice, "beans"), ElementsAre(t));
  EXPECT_EQ(Documents(), documents);
}

// A store restored from a backup keeps the position but not the index (or
// the directory was deleted): the index must not trust the position.
TEST_F(CatchUpTest, AnIndexLostBehindASavedPositionIsRebuilt) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  const Id t = NewThread(alice, g, "Beans", "Runner beans");
  CatchUp();
  feed_.reset();
  index_.reset();
  std::filesystem::remove_all(index_dir_.path());
  ASSERT_EQ(Position(), Head());

  Reopen();
  EXPECT_THAT(Ids(alice, "beans"), ElementsAre(t));
  EXPECT_TRUE(Must(index_->Drift()).ok());
}

TEST_F(CatchUpTest, DriftCountsMissingAndExtraDocuments) {
  const Id alice = Member("alice");
  const Id g = Group(alice, "garden");
  const Id t = NewThread(alice, g, "Beans", "Runner beans");
  CatchUp();
  EXPECT_TRUE(Must(index_->Drift()).ok());
  // A change the index never heard of (its events lost with a wiped log).
  Must(c_.moderation.RemoveThread(alice, t, "spam"));
  NewThread(alice, g, "Peas", "Runner peas");
  IndexDrift drift = Must(index_->Drift());
  EXPECT_EQ(drift.missing, 1u);
  EXPECT_EQ(drift.extra, 1u);
  Must(index_->Rebuild());
  drift = Must(index_->Drift());
  EXPECT_TRUE(drift.ok()) << "missing " << drift.missing << " extra " << drift.extra;
}

}  // namespace
}  // namespace guildhall::search
