// Tests storage/model/table.h over the real LMDB engine: typed Put/Get/Insert/
// Erase, secondary index maintenance on update, unique index conflicts, and
// index scans in key order.
#include "storage/model/table.h"

#include <gtest/gtest.h>

#include <vector>

#include "tests/storage/test_notes.h"
#include "tests/testutil/temp_store.h"

namespace guildhall::storage {
namespace {

using namespace std::string_literals;
using testing::kNotesByHandle;
using testing::kNotesByTag;
using testing::Note;
using testing::Notes;

class TableTest : public ::testing::Test {
 protected:
  Result<> Put(const Note& n) {
    return store_->Write([n](WriteTxn& tx) { return Notes::Put(tx, n); });
  }
  std::optional<Note> Get(Id id) {
    std::optional<Note> out;
    EXPECT_TRUE(store_->Read([&](ReadTxn& tx) -> Result<> {
      out = GH_TRY(Notes::Get(tx, KeyBuilder().Id(id).Take()));
      return Ok();
    }));
    return out;
  }
  std::optional<Note> ByHandle(std::string_view handle) {
    std::optional<Note> out;
    EXPECT_TRUE(store_->Read([&](ReadTxn& tx) -> Result<> {
      out = GH_TRY(Notes::FindUnique(tx, kNotesByHandle, KeyBuilder().Str(handle).Take()));
      return Ok();
    }));
    return out;
  }
  std::vector<Id> ByTag(std::string_view tag, ScanOrder order = ScanOrder::kForward) {
    std::vector<Id> out;
    EXPECT_TRUE(store_->Read([&](ReadTxn& tx) {
      return Notes::ScanIndexPrefix(tx, kNotesByTag, testing::TagPrefix(tag), order,
                                    [&](const Note& n) {
                                      out.push_back(n.id);
                                      return true;
                                    });
    }));
    return out;
  }
  size_t CountEntries(const TableDef& table) {
    size_t n = 0;
    EXPECT_TRUE(store_->Read([&](ReadTxn& tx) {
      return tx.Scan(table, "", "", ScanOrder::kForward, [&](auto, auto) { return ++n, true; });
    }));
    return n;
  }

  testutil::TempStore store_{testing::kNoteTables};
};

TEST_F(TableTest, PutThenGetRoundTrips) {
  const Note n{Id{10}, "alice", 3, {"go", "c++"}};
  ASSERT_TRUE(Put(n));
  EXPECT_EQ(Get(Id{10}), n);
  EXPECT_EQ(Get(Id{11}), std::nullopt);
  EXPECT_EQ(ByHandle("alice"), n);
  EXPECT_EQ(ByTag("go"), std::vector<Id>{Id{10}});
}

TEST_F(TableTest, InsertRefusesAnExistingKey) {
  ASSERT_TRUE(Put({Id{1}, "a", 0, {}}));
  auto second = store_->Write([](WriteTxn& tx) { return Notes::Insert(tx, {Id{1}, "b", 0, {}}); });
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Code::kConflict);
  EXPECT_EQ(Get(Id{1})->handle, "a");
  EXPECT_FALSE(ByHandle("b"));
}

TEST_F(TableTest, EraseRemovesRecordAndIndexEntries) {
  ASSERT_TRUE(Put({Id{1}, "a", 0, {"x", "y"}}));
  ASSERT_TRUE(
      store_->Write([](WriteTxn& tx) { return Notes::Erase(tx, KeyBuilder().Id(Id{1}).Take()); }));
  EXPECT_FALSE(Get(Id{1}));
  EXPECT_EQ(CountEntries(kNotesByHandle), 0u);
  EXPECT_EQ(CountEntries(kNotesByTag), 0u);
  // Erasing what is absent is not an error.
  EXPECT_TRUE(
      store_->Write([](WriteTxn& tx) { return Notes::Erase(tx, KeyBuilder().Id(Id{1}).Take()); }));
}

TEST_F(TableTest, UpdateReplacesOldIndexEntries) {
  ASSERT_TRUE(Put({Id{1}, "old", 5, {"keep", "drop"}}));
  ASSERT_TRUE(Put({Id{1}, "new", 6, {"keep", "add"}}));
  EXPECT_FALSE(ByHandle("old"));
  EXPECT_EQ(ByHandle("new")->score, 6);
  EXPECT_TRUE(ByTag("drop").empty());
  EXPECT_EQ(ByTag("keep"), std::vector<Id>{Id{1}});
  EXPECT_EQ(ByTag("add"), std::vector<Id>{Id{1}});
  // The score is part of the tag key, so "keep" moved too: one entry each.
  EXPECT_EQ(CountEntries(kNotesByHandle), 1u);
  EXPECT_EQ(CountEntries(kNotesByTag), 2u);
}

TEST_F(TableTest, UniqueIndexConflictLeavesNothingBehind) {
  ASSERT_TRUE(Put({Id{1}, "taken", 0, {}}));
  auto clash = Put({Id{2}, "taken", 0, {"t"}});
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, Code::kConflict);
  EXPECT_FALSE(Get(Id{2}));
  EXPECT_TRUE(ByTag("t").empty()) << "the failed write's index entries were rolled back";
  EXPECT_EQ(ByHandle("taken")->id, Id{1});
  // Re-putting the holder with the same handle is not a conflict.
  EXPECT_TRUE(Put({Id{1}, "taken", 1, {}}));
}

TEST_F(TableTest, ScanIndexPrefixFollowsIndexOrder) {
  ASSERT_TRUE(Put({Id{1}, "", 10, {"x"}}));
  ASSERT_TRUE(Put({Id{2}, "", -5, {"x"}}));
  ASSERT_TRUE(Put({Id{3}, "", 3, {"x", "xy"}}));
  ASSERT_TRUE(Put({Id{4}, "", 3, {"x\0"s}}));
  ASSERT_TRUE(Put({Id{5}, "", 0, {"x"}}));
  // Ordered by score (negative first), then id; "xy" and "x\0" are other tags.
  EXPECT_EQ(ByTag("x"), (std::vector<Id>{Id{2}, Id{5}, Id{3}, Id{1}}));
  EXPECT_EQ(ByTag("x", ScanOrder::kReverse), (std::vector<Id>{Id{1}, Id{3}, Id{5}, Id{2}}));
  EXPECT_EQ(ByTag("xy"), std::vector<Id>{Id{3}});
  EXPECT_EQ(ByTag("x\0"s), std::vector<Id>{Id{4}});
}

TEST_F(TableTest, ScanRangesAndStopsEarly) {
  for (uint64_t i = 1; i <= 9; ++i) ASSERT_TRUE(Put({Id{i}, "", 0, {}}));
  std::vector<Id> seen;
  auto collect = [&](size_t limit) {
    return [&seen, limit](const Note& n) {
      seen.push_back(n.id);
      return seen.size() < limit;
    };
  };
  const std::string b = KeyBuilder().Id(Id{3}).Take(), e = KeyBuilder().Id(Id{7}).Take();
  ASSERT_TRUE(store_->Read(
      [&](ReadTxn& tx) { return Notes::Scan(tx, b, e, ScanOrder::kForward, collect(100)); }));
  EXPECT_EQ(seen, (std::vector<Id>{Id{3}, Id{4}, Id{5}, Id{6}}));
  seen.clear();
  ASSERT_TRUE(store_->Read(
      [&](ReadTxn& tx) { return Notes::Scan(tx, b, e, ScanOrder::kReverse, collect(2)); }));
  EXPECT_EQ(seen, (std::vector<Id>{Id{6}, Id{5}}));
  seen.clear();
  ASSERT_TRUE(store_->Read(
      [&](ReadTxn& tx) { return Notes::Scan(tx, "", "", ScanOrder::kReverse, collect(100)); }));
  EXPECT_EQ(seen.size(), 9u);
  EXPECT_EQ(seen.front(), Id{9});
}

TEST_F(TableTest, FindFirstReturnsLowestIndexKey) {
  ASSERT_TRUE(Put({Id{1}, "", 7, {"t"}}));
  ASSERT_TRUE(Put({Id{2}, "", -7, {"t"}}));
  std::optional<Note> first;
  ASSERT_TRUE(store_->Read([&](ReadTxn& tx) -> Result<> {
    first = GH_TRY(Notes::FindFirst(tx, kNotesByTag, testing::TagPrefix("t")));
    return Ok();
  }));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, Id{2});
}

}  // namespace
}  // namespace guildhall::storage
