// TableMap: which LMDB named database (DBI) holds each table of the catalogue.
// Built once at open inside a write transaction, then read-only: safe to share
// between threads. Lookups are an array index by TableDef::index plus a name
// check, so a TableDef the store was not opened with is refused, not misused.
#pragma once

#include <lmdb.h>

#include <optional>
#include <span>
#include <vector>

#include "storage/lmdb/env.h"
#include "storage/model/kv.h"

namespace guildhall::storage::lmdb {

class TableMap {
 public:
  // Opens (creating if needed) one DBI per table, named by TableDef::name.
  // kInvalid if two tables share an index or a name.
  static Result<TableMap> Open(Txn& txn, std::span<const TableDef* const> tables);

  std::optional<MDB_dbi> Find(const TableDef& table) const {
    if (table.index >= defs_.size() || defs_[table.index] == nullptr) return std::nullopt;
    if (defs_[table.index]->name != table.name) return std::nullopt;
    return dbis_[table.index];
  }

 private:
  std::vector<const TableDef*> defs_;  // by TableDef::index; null where unused
  std::vector<MDB_dbi> dbis_;
};

// kInvalid naming a table the store was not opened with.
Error UnknownTable(const TableDef& table);

}  // namespace guildhall::storage::lmdb
