// The schema as data: which tables exist and how each indexed table derives
// its index entries. Used by the engine to open tables and by `guildhall
// check` to verify every index against its table, without either knowing the
// record types.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "storage/model/table.h"

namespace guildhall::storage {

struct IndexedTable {
  const TableDef* table;
  std::vector<const TableDef*> indexes;
  // Decodes a stored value and lists the index entries it must have.
  std::function<Result<IndexEntries>(std::string_view value)> entries_of;
};

// Describes Codec as an IndexedTable; `indexes` lists every index table the
// codec may write to (also those a given record leaves empty).
template <class Codec>
IndexedTable DescribeTable(std::vector<const TableDef*> indexes) {
  return IndexedTable{&Codec::kTable, std::move(indexes),
                      [](std::string_view value) -> Result<IndexEntries> {
                        auto rec = Codec::Decode(value);
                        if (!rec) return std::move(rec).error();
                        IndexEntries out;
                        Codec::Indexes(*rec, out);
                        return out;
                      }};
}

// Every table the node opens, in catalogue order.
std::span<const TableDef* const> AllTables();

// Every table that has secondary indexes.
const std::vector<IndexedTable>& IndexedTables();

}  // namespace guildhall::storage
