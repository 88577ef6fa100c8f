// Keyset pagination: a page ends with an opaque cursor (the hex of the last
// key read), and the next page starts just past that key. Unlike offsets,
// inserts before the cursor never shift or repeat items on later pages, and
// every page is one index range scan however deep the reader goes.
// Stateless; thread-compatible.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/function_ref.h"
#include "storage/model/kv.h"
#include "storage/model/table.h"

namespace guildhall::community {

inline constexpr size_t kDefaultPageSize = 50;
inline constexpr size_t kMaxPageSize = 200;

struct PageRequest {
  std::string cursor;               // empty: first page; else a next_cursor from an earlier page
  size_t limit = kDefaultPageSize;  // clamped to [1, kMaxPageSize]
};

template <class T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty: this was the last page
};

// What a page visitor did with one entry.
enum class Visit : uint8_t {
  kTake,  // added an item to the page
  kSkip,  // passed over it (e.g. the viewer may not see it)
  kStop,  // the list ends here (e.g. entries past a "since" bound)
};

// Visits the entries of `table` under `prefix` after req.cursor in `order`.
// Stops after req.limit taken items, or after a bounded number of skipped
// ones, and returns the cursor for the next page (empty at the end).
// kInvalid for a cursor that was not made under `prefix`.
// `from` (optional, under `prefix`) is where the first page starts: the
// smallest key read going forward, the bound below which reading starts in
// reverse.
struct KeyRange {
  KeyRange(const char* p) : prefix(p) {}         // NOLINT: a bare prefix reads naturally
  KeyRange(const std::string& p) : prefix(p) {}  // NOLINT
  KeyRange(std::string_view p, std::string_view f = {}) : prefix(p), from(f) {}  // NOLINT
  std::string_view prefix;
  std::string_view from;
};
Result<std::string> ScanPage(
    storage::ReadTxn& tx, const storage::TableDef& table, KeyRange range, const PageRequest& req,
    storage::ScanOrder order,
    FunctionRef<Result<Visit>(std::string_view key, std::string_view value)> visit);

size_t ClampLimit(size_t limit);

// The opaque cursor form of a key, and back (nullopt if malformed).
std::string EncodeCursor(std::string_view key);
std::optional<std::string> DecodeCursor(std::string_view cursor);

// ScanPage over an index of Codec's table: each entry is resolved to its
// record and `visit(const Record&)` returns a Visit (or Result<Visit>).
template <class Codec, class Fn>
Result<std::string> ScanIndexPage(storage::ReadTxn& tx, const storage::TableDef& index,
                                  KeyRange range, const PageRequest& req, storage::ScanOrder order,
                                  Fn&& visit) {
  return ScanPage(tx, index, range, req, order,
                  [&](std::string_view, std::string_view primary) -> Result<Visit> {
                    auto rec = GH_TRY(storage::Table<Codec>::Get(tx, primary));
                    if (!rec)
                      return Error::Internal(std::string(index.name) + " points at nothing");
                    return visit(*rec);
                  });
}

// ScanPage over Codec's own table (its values are the records).
template <class Codec, class Fn>
Result<std::string> ScanTablePage(storage::ReadTxn& tx, KeyRange range, const PageRequest& req,
                                  storage::ScanOrder order, Fn&& visit) {
  return ScanPage(tx, Codec::kTable, range, req, order,
                  [&](std::string_view, std::string_view value) -> Result<Visit> {
                    auto rec = GH_TRY(Codec::Decode(value));
                    return visit(rec);
                  });
}

}  // namespace guildhall::community
