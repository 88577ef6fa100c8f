#include "storage/model/catalog.h"

#include "storage/model/tables.h"

namespace guildhall::storage {

std::span<const TableDef* const> AllTables() { return tables::kAllTables; }

const std::vector<IndexedTable>& IndexedTables() {
  static const std::vector<IndexedTable> all = {
      // One line per indexed record type: DescribeTable<XCodec>({&tables::kXByY, ...}),
  };
  return all;
}

}  // namespace guildhall::storage
