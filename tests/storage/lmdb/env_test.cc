// Tests storage/lmdb/env.{h,cc}: RAII transactions abort on destruction,
// nested transactions commit into (or vanish from) their parent, cursors walk
// in key order, a grown map stays grown across reopen, and LMDB codes map to
// the right Error codes.
#include "storage/lmdb/env.h"

#include <gtest/gtest.h>

#include "tests/testutil/temp_dir.h"

namespace guildhall::storage::lmdb {
namespace {

class EnvTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env =
        Env::Open(dir_ / "db", EnvOptions{.map_bytes = 1 << 20, .max_dbs = 4, .no_sync = true});
    ASSERT_TRUE(env) << env.error().message;
    env_.emplace(std::move(*env));
    auto txn = Txn::BeginWrite(*env_);
    ASSERT_TRUE(txn);
    dbi_ = txn->OpenDbi("t").value();
    ASSERT_TRUE(txn->Commit());
  }
  std::optional<std::string> Read(std::string_view key) {
    auto txn = Txn::BeginRead(*env_).value();
    auto v = txn.Get(dbi_, key);
    return v ? std::optional<std::string>(*v) : std::nullopt;
  }

  testutil::TempDir dir_;
  std::optional<Env> env_;
  MDB_dbi dbi_ = 0;
};

TEST_F(EnvTest, DestructorAbortsUncommittedWrites) {
  {
    auto txn = Txn::BeginWrite(*env_).value();
    ASSERT_TRUE(txn.Put(dbi_, "k", "v"));
    EXPECT_EQ(txn.Get(dbi_, "k"), "v");
  }
  EXPECT_EQ(Read("k"), std::nullopt);
}

TEST_F(EnvTest, NestedTxnCommitsIntoParentOrVanishes) {
  auto parent = Txn::BeginWrite(*env_).value();
  ASSERT_TRUE(parent.Put(dbi_, "parent", "1"));
  {
    auto kept = parent.BeginChild().value();
    ASSERT_TRUE(kept.Put(dbi_, "kept", "1"));
    ASSERT_TRUE(kept.Commit());
  }
  {
    auto dropped = parent.BeginChild().value();
    ASSERT_TRUE(dropped.Put(dbi_, "dropped", "1"));
    ASSERT_TRUE(dropped.Del(dbi_, "parent"));
  }  // aborted
  EXPECT_EQ(parent.Get(dbi_, "parent"), "1");
  ASSERT_TRUE(parent.Commit());
  EXPECT_EQ(Read("parent"), "1");
  EXPECT_EQ(Read("kept"), "1");
  EXPECT_EQ(Read("dropped"), std::nullopt);
}

TEST_F(EnvTest, ChildCommitIsUndoneByParentAbort) {
  {
    auto parent = Txn::BeginWrite(*env_).value();
    auto child = parent.BeginChild().value();
    ASSERT_TRUE(child.Put(dbi_, "k", "v"));
    ASSERT_TRUE(child.Commit());
  }
  EXPECT_EQ(Read("k"), std::nullopt);
}

TEST_F(EnvTest, CursorWalksBothWaysAndSeeks) {
  {
    auto txn = Txn::BeginWrite(*env_).value();
    for (auto k : {"b", "d", "a", "c"}) ASSERT_TRUE(txn.Put(dbi_, k, k));
    ASSERT_TRUE(txn.Commit());
  }
  auto txn = Txn::BeginRead(*env_).value();
  auto cursor = Cursor::Open(txn, dbi_).value();
  std::string forward, backward;
  for (bool ok = cursor.Move(MDB_FIRST).value(); ok; ok = cursor.Move(MDB_NEXT).value()) {
    forward += cursor.key();
  }
  for (bool ok = cursor.Move(MDB_LAST).value(); ok; ok = cursor.Move(MDB_PREV).value()) {
    backward += cursor.value();
  }
  EXPECT_EQ(forward, "abcd");
  EXPECT_EQ(backward, "dcba");
  ASSERT_TRUE(cursor.Seek("bb").value());
  EXPECT_EQ(cursor.key(), "c");
  EXPECT_FALSE(cursor.Seek("e").value());
}

TEST_F(EnvTest, DeletingAbsentKeyIsNotAnError) {
  auto txn = Txn::BeginWrite(*env_).value();
  EXPECT_TRUE(txn.Del(dbi_, "nothing"));
}

TEST_F(EnvTest, GrownMapSurvivesReopen) {
  ASSERT_TRUE(env_->SetMapSize(8 << 20));
  {
    auto txn = Txn::BeginWrite(*env_).value();  // a commit records the size
    ASSERT_TRUE(txn.Put(dbi_, "k", "v"));
    ASSERT_TRUE(txn.Commit());
  }
  env_.reset();
  auto reopened = Env::Open(dir_ / "db", EnvOptions{.map_bytes = 1 << 20, .max_dbs = 4});
  ASSERT_TRUE(reopened);
  EXPECT_EQ(reopened->MapSize(), 8u << 20);
  EXPECT_GT(reopened->UsedBytes(), 0u);
  EXPECT_GT(reopened->FileBytes(), 0u);
}

TEST(LmdbError, MapsCodes) {
  EXPECT_EQ(LmdbError(MDB_MAP_FULL, "put").code, Code::kUnavailable);
  EXPECT_EQ(LmdbError(MDB_BAD_VALSIZE, "put").code, Code::kInvalid);
  EXPECT_EQ(LmdbError(MDB_CORRUPTED, "get").code, Code::kInternal);
  EXPECT_NE(LmdbError(MDB_MAP_FULL, "put").message.find("put"), std::string::npos);
}

}  // namespace
}  // namespace guildhall::storage::lmdb
