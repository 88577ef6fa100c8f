// LmdbStore: the LMDB engine behind storage::Store (storage/model/kv.h). One
// environment, one named database per table, reads in short MDB_NOTLS read
// transactions, writes through a single writer thread with group commit and
// nested transactions (spec/STORAGE.md, "Engine"). Owns the environment and
// the writer; the destructor finishes queued writes and joins the writer.
// Thread-safe. Only node/app (and tests) use this header; it does not expose
// lmdb.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

#include "storage/lmdb/schema.h"
#include "storage/model/catalog.h"
#include "storage/model/check.h"
#include "storage/model/kv.h"

namespace guildhall::storage::lmdb {

struct LmdbOptions {
  std::filesystem::path dir;
  uint64_t initial_map_bytes = 1ull << 30;  // a map grown in an earlier run stays grown
  uint64_t max_map_bytes = 1ull << 40;
  size_t max_batch = 256;  // writes per group commit
  bool no_sync = false;    // MDB_NOSYNC: tests and benchmarks only, never in production
};

class Env;
class ResizeGate;
class TableMap;
class Writer;

class LmdbStore final : public Store {
 public:
  // Opens or creates the store in options.dir with one table per TableDef
  // (the `meta` table is added if missing).
  static Result<std::unique_ptr<LmdbStore>> Open(const LmdbOptions& options,
                                                 std::span<const TableDef* const> tables);
  ~LmdbStore() override;
  LmdbStore(const LmdbStore&) = delete;
  LmdbStore& operator=(const LmdbStore&) = delete;

  Result<> Read(FunctionRef<Result<>(ReadTxn&)> fn) override;
  // REQUIRES: not called from a write function, an AfterCommit callback or a
  // WriteAsync `done` (they run on the writer thread): kInternal if so.
  Result<> Write(std::function<Result<>(WriteTxn&)> fn) override;
  void WriteAsync(std::function<Result<>(WriteTxn&)> fn,
                  std::function<void(Result<>)> done) override;
  StoreStats Stats() override;
  // True while writes are refused for lack of space (Writer::storage_full):
  // from the first refused batch until a batch commits again.
  bool storage_full() const;

  // An online, consistent, compacted copy into `dest_dir` (created if needed;
  // kConflict if it already holds a store). Writes go on meanwhile.
  Result<> Backup(const std::filesystem::path& dest_dir);

  // Verifies every index of storage::IndexedTables() (or of `tables`) against
  // its table in one read transaction.
  Result<CheckReport> Check();
  Result<CheckReport> Check(std::span<const IndexedTable> tables);

  // Runs the migrations above the stored schema version, in order. Call once
  // after Open, before any worker starts. kConflict if the store's schema is
  // newer than the last migration: refuse to run on it.
  Result<> Migrate(std::span<const Migration> migrations);
  Result<uint32_t> SchemaVersion();

 private:
  LmdbStore(std::unique_ptr<Env> env, std::unique_ptr<TableMap> tables, const LmdbOptions& options);

  // Destroyed in reverse order: the writer stops before the environment closes.
  std::unique_ptr<Env> env_;
  std::unique_ptr<TableMap> tables_;
  std::unique_ptr<ResizeGate> gate_;
  std::unique_ptr<Writer> writer_;
};

}  // namespace guildhall::storage::lmdb
