#include "storage/lmdb/table_map.h"

#include <string>

namespace guildhall::storage::lmdb {

Result<TableMap> TableMap::Open(Txn& txn, std::span<const TableDef* const> tables) {
  TableMap map;
  for (const TableDef* def : tables) {
    if (def->index >= map.defs_.size()) {
      map.defs_.resize(def->index + 1, nullptr);
      map.dbis_.resize(def->index + 1, 0);
    }
    if (map.defs_[def->index] != nullptr) {
      return Error::Invalid("tables " + std::string(map.defs_[def->index]->name) + " and " +
                            std::string(def->name) + " share index " + std::to_string(def->index));
    }
    for (const TableDef* other : map.defs_) {
      if (other != nullptr && other->name == def->name) {
        return Error::Invalid("two tables are named " + std::string(def->name));
      }
    }
    map.defs_[def->index] = def;
    map.dbis_[def->index] = GH_TRY(txn.OpenDbi(std::string(def->name)));
  }
  return map;
}

Error UnknownTable(const TableDef& table) {
  return Error::Invalid("table " + std::string(table.name) + " is not in the store's catalogue");
}

}  // namespace guildhall::storage::lmdb
