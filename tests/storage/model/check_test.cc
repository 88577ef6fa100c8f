// Tests storage/model/check.{h,cc}: a consistent store passes; a planted stale
// index entry, a missing one, a dangling one and an undecodable record are
// each reported.
#include "storage/model/check.h"

#include <gtest/gtest.h>

#include "tests/storage/test_notes.h"
#include "tests/testutil/temp_store.h"

namespace guildhall::storage {
namespace {

using testing::kNotes;
using testing::kNotesByHandle;
using testing::kNotesByTag;
using testing::Notes;

class CheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_->Write([](WriteTxn& tx) -> Result<> {
      GH_CHECK(Notes::Put(tx, {Id{1}, "one", 1, {"a", "b"}}));
      return Notes::Put(tx, {Id{2}, "two", 2, {"a"}});
    }));
  }
  CheckReport Check() {
    CheckReport report;
    const auto tables = testing::NoteIndexedTables();
    EXPECT_TRUE(store_->Read([&](ReadTxn& tx) -> Result<> {
      report = GH_TRY(CheckIndexes(tx, tables));
      return Ok();
    }));
    return report;
  }
  void Raw(std::function<Result<>(WriteTxn&)> fn) { ASSERT_TRUE(store_->Write(std::move(fn))); }
  static std::string Primary(uint64_t id) { return KeyBuilder().Id(Id{id}).Take(); }
  static bool Mentions(const CheckReport& r, std::string_view word) {
    for (const auto& p : r.problems) {
      if (p.find(word) != std::string::npos) return true;
    }
    return false;
  }

  testutil::TempStore store_{testing::kNoteTables};
};

TEST_F(CheckTest, ConsistentStorePasses) {
  const CheckReport report = Check();
  EXPECT_TRUE(report.ok()) << report.problems.front();
  EXPECT_EQ(report.records, 2u);
  EXPECT_EQ(report.index_entries, 2u + 3u);
}

TEST_F(CheckTest, DetectsStaleEntry) {
  Raw([](WriteTxn& tx) {
    return tx.Put(kNotesByTag, KeyBuilder().Str("zzz").I64(1).Id(Id{1}).Take(), Primary(1));
  });
  const CheckReport report = Check();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_TRUE(Mentions(report, "stale"));
}

TEST_F(CheckTest, DetectsMissingEntry) {
  Raw([](WriteTxn& tx) { return tx.Del(kNotesByHandle, KeyBuilder().Str("two").Take()); });
  const CheckReport report = Check();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_TRUE(Mentions(report, "lacks"));
}

TEST_F(CheckTest, DetectsEntryPointingElsewhereOrNowhere) {
  Raw([](WriteTxn& tx) -> Result<> {
    GH_CHECK(tx.Put(kNotesByHandle, KeyBuilder().Str("one").Take(), Primary(2)));
    return tx.Put(kNotesByTag, KeyBuilder().Str("a").I64(9).Id(Id{9}).Take(), Primary(9));
  });
  const CheckReport report = Check();
  EXPECT_TRUE(Mentions(report, "points at")) << report.problems.size();
  EXPECT_TRUE(Mentions(report, "missing"));
  EXPECT_FALSE(report.ok());
}

TEST_F(CheckTest, ReportsUndecodableRecord) {
  Raw([](WriteTxn& tx) { return tx.Put(kNotes, Primary(3), "\x01\xFF"); });
  EXPECT_TRUE(Mentions(Check(), "corrupt"));
}

}  // namespace
}  // namespace guildhall::storage
