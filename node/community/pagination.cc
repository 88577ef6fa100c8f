#include "node/community/pagination.h"

#include <optional>

#include "node/community/crypto.h"
#include "storage/model/encoding.h"

namespace guildhall::community {
namespace {

// Skipped entries a single page may walk past before it returns early with a
// cursor, so a viewer who may see little of a big table cannot cause a long
// scan (they page on instead).
constexpr size_t kMaxSkipsPerPage = 2000;

}  // namespace

std::string EncodeCursor(std::string_view key) { return HexEncode(key); }

std::optional<std::string> DecodeCursor(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
  return out;
}

size_t ClampLimit(size_t limit) {
  if (limit == 0) return 1;
  return limit > kMaxPageSize ? kMaxPageSize : limit;
}

Result<std::string> ScanPage(
    storage::ReadTxn& tx, const storage::TableDef& table, KeyRange range, const PageRequest& req,
    storage::ScanOrder order,
    FunctionRef<Result<Visit>(std::string_view key, std::string_view value)> visit) {
  const std::string_view prefix = range.prefix;
  std::string begin(prefix), end = storage::PrefixEnd(prefix);
  if (req.cursor.empty() && !range.from.empty()) {
    (order == storage::ScanOrder::kForward ? begin : end) = std::string(range.from);
  }
  if (!req.cursor.empty()) {
    auto after = DecodeCursor(req.cursor);
    if (!after || after->size() <= prefix.size() || after->compare(0, prefix.size(), prefix) != 0) {
      return Error::Invalid("cursor: not a cursor of this list");
    }
    // The smallest key above `after` is `after` + 0x00.
    if (order == storage::ScanOrder::kForward) {
      begin = *after + '\0';
    } else {
      end = *after;
    }
  }
  const size_t limit = ClampLimit(req.limit);
  size_t taken = 0, skipped = 0;
  std::string last_key, next;
  Result<> status;
  GH_CHECK(tx.Scan(table, begin, end, order, [&](std::string_view key, std::string_view value) {
    if (taken == limit || skipped == kMaxSkipsPerPage) {
      next = EncodeCursor(last_key);  // more entries remain past the last one read
      return false;
    }
    auto did = visit(key, value);
    if (!did) {
      status = std::move(did).error();
      return false;
    }
    if (*did == Visit::kStop) return false;
    *did == Visit::kTake ? ++taken : ++skipped;
    last_key.assign(key);
    return true;
  }));
  GH_CHECK(status);
  return next;
}

}  // namespace guildhall::community
