// The catalogue of every table and index the node stores (spec/STORAGE.md
// mirrors this list, with key and value layouts). A table's `index` is its
// slot in kAllTables; append new tables at the end and bump kSchemaVersion
// only when existing data needs a migration.
#pragma once

#include <array>

#include "storage/model/kv.h"

namespace guildhall::storage::tables {

// Node-wide settings and bookkeeping: schema version, node keys, counters.
inline constexpr TableDef kMeta{0, "meta"};

inline constexpr std::array<const TableDef*, 1> kAllTables{&kMeta};

}  // namespace guildhall::storage::tables
