// Helpers for the storage/lmdb tests: open an LmdbStore over the test note
// tables, put and read notes, count entries. Not thread-safe beyond what the
// store itself guarantees.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "storage/lmdb/lmdb_store.h"
#include "tests/storage/test_notes.h"

namespace guildhall::storage::lmdb {

inline LmdbOptions TestOptions(const std::filesystem::path& dir) {
  LmdbOptions options;
  options.dir = dir;
  options.initial_map_bytes = 16ull << 20;
  options.no_sync = true;
  return options;
}

inline std::unique_ptr<LmdbStore> OpenOrDie(const LmdbOptions& options) {
  auto store = LmdbStore::Open(options, testing::kNoteTables);
  if (!store) {
    ADD_FAILURE() << store.error().message;
    return nullptr;
  }
  return std::move(*store);
}

inline testing::Note NoteNumber(uint64_t n, size_t payload = 0) {
  return testing::Note{Id{n},
                       "h" + std::to_string(n),
                       static_cast<int64_t>(n % 7),
                       {"all"},
                       std::string(payload, 'p')};
}

inline std::function<Result<>(WriteTxn&)> PutNote(testing::Note note) {
  return [note = std::move(note)](WriteTxn& tx) { return testing::Notes::Put(tx, note); };
}

inline bool HasNote(Store& store, uint64_t n) {
  bool found = false;
  EXPECT_TRUE(store.Read([&](ReadTxn& tx) {
    found = tx.Get(testing::kNotes, KeyBuilder().Id(Id{n}).Take()).has_value();
    return Ok();
  }));
  return found;
}

inline size_t CountNotes(Store& store) {
  size_t count = 0;
  EXPECT_TRUE(store.Read([&](ReadTxn& tx) {
    return tx.Scan(testing::kNotes, "", "", ScanOrder::kForward, [&](auto, auto) {
      ++count;
      return true;
    });
  }));
  return count;
}

}  // namespace guildhall::storage::lmdb
