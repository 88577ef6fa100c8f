// Consistency check of every secondary index against its table: each record's
// expected index entries exist and point back at it, and every index entry
// points at a record that expects it. Engine-independent; runs in one read
// transaction, so it sees a consistent snapshot even while the node writes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "storage/model/catalog.h"

namespace guildhall::storage {

struct CheckReport {
  uint64_t records = 0;
  uint64_t index_entries = 0;
  std::vector<std::string> problems;  // empty when consistent; capped at kMaxProblems
  static constexpr size_t kMaxProblems = 100;
  bool ok() const { return problems.empty(); }
};

Result<CheckReport> CheckIndexes(ReadTxn& tx, std::span<const IndexedTable> tables);

}  // namespace guildhall::storage
