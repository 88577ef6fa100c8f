#include "storage/model/check.h"

#include <algorithm>
#include <set>
#include <utility>

namespace guildhall::storage {
namespace {

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes.substr(0, 40)) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

class Checker {
 public:
  Checker(ReadTxn& tx, CheckReport& report) : tx_(tx), report_(report) {}

  void Problem(std::string text) {
    if (report_.problems.size() < CheckReport::kMaxProblems)
      report_.problems.push_back(std::move(text));
  }

  // Forward direction: each record's entries exist and point back at it.
  Result<> CheckRecords(const IndexedTable& t) {
    Result<> status;
    GH_CHECK(tx_.Scan(
        *t.table, "", "", ScanOrder::kForward, [&](std::string_view key, std::string_view value) {
          ++report_.records;
          auto entries = t.entries_of(value);
          if (!entries) {
            Problem(std::string(t.table->name) + " " + Hex(key) + ": " + entries.error().message);
            return true;
          }
          for (const auto& e : *entries) {
            auto target = tx_.Get(*e.index, e.key);
            if (!target) {
              Problem(std::string(e.index->name) + " lacks entry " + Hex(e.key) + " for " +
                      std::string(t.table->name) + " " + Hex(key));
            } else if (*target != key) {
              Problem(std::string(e.index->name) + " entry " + Hex(e.key) + " points at " +
                      Hex(*target) + ", expected " + Hex(key));
            }
          }
          return true;
        }));
    return status;
  }

  // Reverse direction: every index entry belongs to a record that expects it.
  Result<> CheckIndex(const IndexedTable& t, const TableDef& index) {
    return tx_.Scan(
        index, "", "", ScanOrder::kForward, [&](std::string_view key, std::string_view primary) {
          ++report_.index_entries;
          auto value = tx_.Get(*t.table, primary);
          if (!value) {
            Problem(std::string(index.name) + " entry " + Hex(key) + " points at missing " +
                    std::string(t.table->name) + " " + Hex(primary));
            return true;
          }
          auto entries = t.entries_of(*value);
          if (!entries) return true;  // already reported by CheckRecords
          const bool expected =
              std::any_of(entries->begin(), entries->end(),
                          [&](const IndexEntry& e) { return e.index == &index && e.key == key; });
          if (!expected) {
            Problem(std::string(index.name) + " has stale entry " + Hex(key) + " for " +
                    std::string(t.table->name) + " " + Hex(primary));
          }
          return true;
        });
  }

 private:
  ReadTxn& tx_;
  CheckReport& report_;
};

}  // namespace

Result<CheckReport> CheckIndexes(ReadTxn& tx, std::span<const IndexedTable> tables) {
  CheckReport report;
  Checker checker(tx, report);
  for (const auto& t : tables) {
    GH_CHECK(checker.CheckRecords(t));
    for (const TableDef* index : t.indexes) GH_CHECK(checker.CheckIndex(t, *index));
  }
  return report;
}

}  // namespace guildhall::storage
