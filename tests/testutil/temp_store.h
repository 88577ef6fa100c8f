// TempStore: a real LMDB store (storage/lmdb) in a fresh TempDir, for tests of
// anything that talks to storage::Store. Opened with no_sync (tests do not
// need fsync) and a small map that grows. Throws if the store cannot open,
// which gtest reports as a test failure. The store is thread-safe; the
// TempStore object itself has one owner.
#pragma once

#include <filesystem>
#include <memory>
#include <span>

#include "storage/model/catalog.h"
#include "storage/model/kv.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::testutil {

class TempStore {
 public:
  explicit TempStore(std::span<const storage::TableDef* const> tables = storage::AllTables());
  ~TempStore();
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  storage::Store& store() { return *store_; }
  storage::Store* operator->() { return store_.get(); }
  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  TempDir dir_;  // declared first: outlives the store
  std::unique_ptr<storage::Store> store_;
};

}  // namespace guildhall::testutil
