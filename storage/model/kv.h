// The storage seam: an ordered key-value store with transactions.
//
// Everything above storage/ talks to this interface (through the typed tables
// of table.h); storage/lmdb implements it. It is deliberately at the level of
// an ordered KV engine (DESIGN §8) so that FoundationDB or TiKV could take
// LMDB's place. Keys and values are bytes; tables are named and declared in
// tables.h.
//
// Threading: Store is thread-safe. A transaction object is confined to the
// callback that receives it and must not escape it, nor cross a co_await.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "storage/model/function_ref.h"
#include "storage/model/result.h"

namespace guildhall::storage {

// A named table. `index` is its position in tables.h's catalogue.
struct TableDef {
  uint16_t index;
  std::string_view name;
};

enum class ScanOrder { kForward, kReverse };

using ScanFn = FunctionRef<bool(std::string_view key, std::string_view value)>;

class ReadTxn {
 public:
  virtual ~ReadTxn() = default;
  // The value under `key`, valid until the transaction ends; nullopt if absent.
  virtual std::optional<std::string_view> Get(const TableDef& table, std::string_view key) = 0;
  // Visits every entry with begin <= key < end (an empty `end` means "to the
  // table's end") in key order or reverse; stops early when fn returns false.
  virtual Result<> Scan(const TableDef& table, std::string_view begin, std::string_view end,
                        ScanOrder order, ScanFn fn) = 0;
};

class WriteTxn : public ReadTxn {
 public:
  virtual Result<> Put(const TableDef& table, std::string_view key, std::string_view value) = 0;
  // Removing an absent key is not an error.
  virtual Result<> Del(const TableDef& table, std::string_view key) = 0;
  // Runs `fn` on the writer thread once the batch holding this write is durable
  // (to wake a delivery worker, say). Not run if the write fails.
  virtual void AfterCommit(std::function<void()> fn) = 0;
};

struct StoreStats {
  uint64_t map_size_bytes = 0;
  uint64_t used_bytes = 0;
  uint64_t batches_committed = 0;
  uint64_t writes_committed = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `fn` over a consistent snapshot. Keep it short: readers pin pages.
  virtual Result<> Read(FunctionRef<Result<>(ReadTxn&)> fn) = 0;

  // Queues `fn` to the single writer, which runs it inside a batch transaction
  // shared with other queued writes (group commit), each in a nested
  // transaction so that an error undoes only that write's changes. Returns
  // once the batch is durable on disk, with fn's own result.
  // `fn` may run more than once (when the map grows and the batch is retried),
  // so it must not have effects outside the transaction.
  virtual Result<> Write(std::function<Result<>(WriteTxn&)> fn) = 0;

  // The same, without waiting: `done` is called on the writer thread once the
  // batch is durable (or failed). For callers on an event loop.
  virtual void WriteAsync(std::function<Result<>(WriteTxn&)> fn,
                          std::function<void(Result<>)> done) = 0;

  virtual StoreStats Stats() = 0;
};

}  // namespace guildhall::storage
