// Tests storage/lmdb/schema.{h,cc} through LmdbStore::Migrate: migrations run
// once, in order, each with its version bump; a failing step stops the run at
// the previous version; a store newer than the code is refused.
#include "storage/lmdb/schema.h"

#include <gtest/gtest.h>

#include <vector>

#include "storage/model/tables.h"
#include "tests/storage/lmdb/store_helpers.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::storage::lmdb {
namespace {

class SchemaTest : public ::testing::Test {
 protected:
  Migration Step(uint32_t version) {
    return {version, [this, version](WriteTxn& tx) {
              ran_.push_back(version);
              return tx.Put(tables::kMeta, "step" + std::to_string(version), "done");
            }};
  }
  uint32_t Version() { return store_->SchemaVersion().value(); }

  testutil::TempDir dir_;
  LmdbOptions options_ = TestOptions(dir_ / "db");
  std::unique_ptr<LmdbStore> store_ = OpenOrDie(options_);
  std::vector<uint32_t> ran_;
};

TEST_F(SchemaTest, NewStoreIsVersionZero) { EXPECT_EQ(Version(), 0u); }

TEST_F(SchemaTest, RunsPendingMigrationsOnceInOrder) {
  const std::vector<Migration> v3 = {Step(1), Step(2), Step(3)};
  ASSERT_TRUE(store_->Migrate(v3));
  EXPECT_EQ(ran_, (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_EQ(Version(), 3u);
  ASSERT_TRUE(store_->Migrate(v3));
  EXPECT_EQ(ran_.size(), 3u) << "nothing runs twice";
  store_.reset();
  store_ = OpenOrDie(options_);
  const std::vector<Migration> v5 = {Step(1), Step(2), Step(3), Step(5)};
  ASSERT_TRUE(store_->Migrate(v5));
  EXPECT_EQ(ran_, (std::vector<uint32_t>{1, 2, 3, 5}));
  EXPECT_EQ(Version(), 5u);
}

TEST_F(SchemaTest, FailingMigrationStopsAtThePreviousVersion) {
  std::vector<Migration> steps = {Step(1), Step(2), Step(3)};
  steps[1].run = [](WriteTxn& tx) -> Result<> {
    GH_CHECK(tx.Put(tables::kMeta, "half", "done"));
    return Error::Internal("cannot convert");
  };
  EXPECT_FALSE(store_->Migrate(steps));
  EXPECT_EQ(Version(), 1u);
  EXPECT_EQ(ran_, std::vector<uint32_t>{1});
  EXPECT_TRUE(store_->Read([](ReadTxn& tx) {
    EXPECT_FALSE(tx.Get(tables::kMeta, "half")) << "the failed step left nothing";
    return Ok();
  }));
}

TEST_F(SchemaTest, RefusesAStoreNewerThanTheCode) {
  const std::vector<Migration> v3 = {Step(1), Step(2), Step(3)};
  ASSERT_TRUE(store_->Migrate(v3));
  ran_.clear();
  const std::vector<Migration> v2 = {Step(1), Step(2)};
  auto refused = store_->Migrate(v2);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kConflict);
  EXPECT_TRUE(ran_.empty());
  EXPECT_FALSE(store_->Migrate({})) << "code without migrations knows version 0 only";
  EXPECT_EQ(Version(), 3u);
}

TEST_F(SchemaTest, RefusesOutOfOrderList) {
  const std::vector<Migration> bad = {Step(2), Step(1)};
  auto refused = store_->Migrate(bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kInvalid);
  EXPECT_TRUE(ran_.empty());
}

}  // namespace
}  // namespace guildhall::storage::lmdb
