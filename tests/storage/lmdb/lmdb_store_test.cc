// Tests storage/lmdb/lmdb_store.{h,cc}: opening and reopening, the meta table,
// refusal of unknown tables and bad keys, raw scans, backup (online, compact,
// reopenable), Check over the engine, and Stats.
#include "storage/lmdb/lmdb_store.h"

#include <gtest/gtest.h>

#include <thread>

#include "storage/model/tables.h"
#include "tests/storage/lmdb/store_helpers.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::storage::lmdb {
namespace {

using testing::kNotes;

constexpr TableDef kNotOpened{9, "not_opened"};

TEST(LmdbStore, DataSurvivesReopen) {
  testutil::TempDir dir;
  const auto options = TestOptions(dir / "db");
  {
    auto store = OpenOrDie(options);
    ASSERT_TRUE(store->Write(PutNote(NoteNumber(7))));
  }
  auto store = OpenOrDie(options);
  EXPECT_TRUE(HasNote(*store, 7));
}

TEST(LmdbStore, AddsMetaTableWhenMissing) {
  testutil::TempDir dir;
  const std::array<const TableDef*, 1> only_notes{&kNotes};
  auto store = LmdbStore::Open(TestOptions(dir / "db"), only_notes);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_TRUE((*store)->Write([](WriteTxn& tx) { return tx.Put(tables::kMeta, "k", "v"); }));
}

TEST(LmdbStore, RefusesCatalogueWithDuplicateIndexOrName) {
  testutil::TempDir dir;
  constexpr TableDef kSameIndex{1, "other"};
  constexpr TableDef kSameName{5, "test_notes"};
  const std::array<const TableDef*, 2> clash_index{&kNotes, &kSameIndex};
  const std::array<const TableDef*, 2> clash_name{&kNotes, &kSameName};
  auto a = LmdbStore::Open(TestOptions(dir / "a"), clash_index);
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, Code::kInvalid);
  auto b = LmdbStore::Open(TestOptions(dir / "b"), clash_name);
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, Code::kInvalid);
}

TEST(LmdbStore, UnknownTableAndBadKeysAreRefused) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  auto unknown = store->Write([](WriteTxn& tx) { return tx.Put(kNotOpened, "k", "v"); });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Code::kInvalid);
  auto empty = store->Write([](WriteTxn& tx) { return tx.Put(kNotes, "", "v"); });
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, Code::kInvalid);
  auto huge = store->Write([](WriteTxn& tx) { return tx.Put(kNotes, std::string(600, 'k'), "v"); });
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, Code::kTooLarge);
  EXPECT_TRUE(store->Write([](WriteTxn& tx) { return tx.Del(kNotes, std::string(600, 'k')); }));
  EXPECT_TRUE(store->Read([](ReadTxn& tx) -> Result<> {
    EXPECT_FALSE(tx.Get(kNotOpened, "k"));
    EXPECT_FALSE(tx.Get(kNotes, ""));
    auto scan = tx.Scan(kNotOpened, "", "", ScanOrder::kForward, [](auto, auto) { return true; });
    EXPECT_FALSE(scan);
    return Ok();
  }));
}

TEST(LmdbStore, RawScanHonoursBoundsAndOrder) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  ASSERT_TRUE(store->Write([](WriteTxn& tx) -> Result<> {
    for (auto k : {"a", "b", "c", "d"}) GH_CHECK(tx.Put(tables::kMeta, k, k));
    return Ok();
  }));
  auto scan = [&](std::string_view b, std::string_view e, ScanOrder order) {
    std::string seen;
    EXPECT_TRUE(store->Read([&](ReadTxn& tx) {
      return tx.Scan(tables::kMeta, b, e, order, [&](std::string_view k, auto) {
        seen += k;
        return true;
      });
    }));
    return seen;
  };
  EXPECT_EQ(scan("", "", ScanOrder::kForward), "abcd");
  EXPECT_EQ(scan("b", "d", ScanOrder::kForward), "bc");
  EXPECT_EQ(scan("b", "d", ScanOrder::kReverse), "cb");
  EXPECT_EQ(scan("bb", "zz", ScanOrder::kReverse), "dc");
  EXPECT_EQ(scan("", "c", ScanOrder::kReverse), "ba");
  EXPECT_EQ(scan("", "", ScanOrder::kReverse), "dcba");
  EXPECT_EQ(scan("d", "b", ScanOrder::kForward), "") << "empty range";
  EXPECT_EQ(scan("e", "", ScanOrder::kForward), "");
}

TEST(LmdbStore, BackupIsAConsistentReopenableCopy) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  for (uint64_t n = 1; n <= 100; ++n) ASSERT_TRUE(store->Write(PutNote(NoteNumber(n, 500))));
  // Writes go on while the backup runs: it is online.
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (uint64_t n = 1000; !stop.load(); ++n) (void)store->Write(PutNote(NoteNumber(n)));
  });
  auto backup = store->Backup(dir / "backup");
  stop = true;
  writer.join();
  ASSERT_TRUE(backup) << backup.error().message;
  auto copy = OpenOrDie(TestOptions(dir / "backup"));
  for (uint64_t n = 1; n <= 100; ++n) EXPECT_TRUE(HasNote(*copy, n)) << n;
  auto report = copy->Check(testing::NoteIndexedTables());
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok());
  // A second backup into the same directory would overwrite it: refused.
  auto again = store->Backup(dir / "backup");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kConflict);
}

TEST(LmdbStore, CheckFindsPlantedProblem) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  ASSERT_TRUE(store->Write(PutNote(NoteNumber(1))));
  auto clean = store->Check(testing::NoteIndexedTables());
  ASSERT_TRUE(clean);
  EXPECT_TRUE(clean->ok());
  EXPECT_EQ(clean->records, 1u);
  ASSERT_TRUE(store->Write([](WriteTxn& tx) {
    return tx.Del(testing::kNotesByTag, KeyBuilder().Str("all").I64(1).Id(Id{1}).Take());
  }));
  auto broken = store->Check(testing::NoteIndexedTables());
  ASSERT_TRUE(broken);
  EXPECT_FALSE(broken->ok());
}

TEST(LmdbStore, CheckCoversTheNodeCatalogue) {
  testutil::TempDir dir;
  auto store = LmdbStore::Open(TestOptions(dir / "db"), AllTables());
  ASSERT_TRUE(store) << store.error().message;
  auto report = (*store)->Check();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_TRUE(report->ok());
  // A store opened without the catalogue's tables cannot be checked against it.
  auto partial = OpenOrDie(TestOptions(dir / "partial"));
  EXPECT_FALSE(partial->Check());
}

TEST(LmdbStore, StatsReportMapAndWrites) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  ASSERT_TRUE(store->Write(PutNote(NoteNumber(1))));
  const StoreStats stats = store->Stats();
  EXPECT_EQ(stats.map_size_bytes, 16ull << 20);
  EXPECT_GT(stats.used_bytes, 0u);
  EXPECT_LT(stats.used_bytes, stats.map_size_bytes);
  EXPECT_EQ(stats.writes_committed, 1u);
  EXPECT_EQ(stats.batches_committed, 1u);
}

TEST(LmdbStore, ReadViewsStayValidForTheWholeRead) {
  testutil::TempDir dir;
  auto store = OpenOrDie(TestOptions(dir / "db"));
  ASSERT_TRUE(store->Write(PutNote(NoteNumber(1))));
  ASSERT_TRUE(store->Read([&](ReadTxn& tx) -> Result<> {
    auto before = tx.Get(kNotes, KeyBuilder().Id(Id{1}).Take());
    EXPECT_TRUE(before);
    // A write committed meanwhile is not seen by this snapshot.
    EXPECT_TRUE(store->Write(
        [](WriteTxn& w) { return testing::Notes::Erase(w, KeyBuilder().Id(Id{1}).Take()); }));
    EXPECT_TRUE(tx.Get(kNotes, KeyBuilder().Id(Id{1}).Take()));
    return Ok();
  }));
  EXPECT_FALSE(HasNote(*store, 1));
}

}  // namespace
}  // namespace guildhall::storage::lmdb
