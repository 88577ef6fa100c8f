#include "storage/lmdb/txn_view.h"

#include <string>

namespace guildhall::storage::lmdb {
namespace {

Result<> ScanForward(Cursor& cursor, std::string_view begin, std::string_view end, ScanFn fn) {
  bool found = begin.empty() ? GH_TRY(cursor.Move(MDB_FIRST)) : GH_TRY(cursor.Seek(begin));
  while (found) {
    if (!end.empty() && cursor.key() >= end) break;
    if (!fn(cursor.key(), cursor.value())) break;
    found = GH_TRY(cursor.Move(MDB_NEXT));
  }
  return Ok();
}

Result<> ScanReverse(Cursor& cursor, std::string_view begin, std::string_view end, ScanFn fn) {
  bool found = false;
  if (end.empty()) {
    found = GH_TRY(cursor.Move(MDB_LAST));
  } else {
    // Start just below `end`: on the first key >= end step back one; with no
    // such key every key is below `end`, so start at the last.
    found = GH_TRY(cursor.Seek(end));
    found = GH_TRY(cursor.Move(found ? MDB_PREV : MDB_LAST));
  }
  while (found) {
    if (cursor.key() < begin) break;
    if (!fn(cursor.key(), cursor.value())) break;
    found = GH_TRY(cursor.Move(MDB_PREV));
  }
  return Ok();
}

// LMDB refuses empty keys and keys over its limit (511 bytes by default) with a
// bare MDB_BAD_VALSIZE; say which it was.
Result<> CheckKey(const Txn& txn, const TableDef& table, std::string_view key) {
  if (key.empty()) return Error::Invalid("empty key for table " + std::string(table.name));
  const auto max = static_cast<size_t>(mdb_env_get_maxkeysize(mdb_txn_env(txn.get())));
  if (key.size() > max) {
    return Error::TooLarge("key of " + std::to_string(key.size()) + " bytes for table " +
                           std::string(table.name) + " (max " + std::to_string(max) + ")");
  }
  return Ok();
}

}  // namespace

template <class Interface>
std::optional<std::string_view> TxnView<Interface>::Get(const TableDef& table,
                                                        std::string_view key) {
  auto dbi = tables_.Find(table);
  if (!dbi) return std::nullopt;
  return txn_.Get(*dbi, key);
}

template <class Interface>
Result<> TxnView<Interface>::Scan(const TableDef& table, std::string_view begin,
                                  std::string_view end, ScanOrder order, ScanFn fn) {
  auto dbi = tables_.Find(table);
  if (!dbi) return UnknownTable(table);
  if (!end.empty() && end <= begin) return Ok();
  auto cursor = GH_TRY(Cursor::Open(txn_, *dbi));
  return order == ScanOrder::kForward ? ScanForward(cursor, begin, end, fn)
                                      : ScanReverse(cursor, begin, end, fn);
}

template class TxnView<ReadTxn>;
template class TxnView<WriteTxn>;

Result<> LmdbWriteTxn::Put(const TableDef& table, std::string_view key, std::string_view value) {
  auto dbi = tables_.Find(table);
  if (!dbi) return UnknownTable(table);
  GH_CHECK(CheckKey(txn_, table, key));
  return txn_.Put(*dbi, key, value);
}

Result<> LmdbWriteTxn::Del(const TableDef& table, std::string_view key) {
  auto dbi = tables_.Find(table);
  if (!dbi) return UnknownTable(table);
  // LMDB cannot hold an empty or oversized key, so it is already absent.
  if (!CheckKey(txn_, table, key)) return Ok();
  return txn_.Del(*dbi, key);
}

void LmdbWriteTxn::AfterCommit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }

}  // namespace guildhall::storage::lmdb
