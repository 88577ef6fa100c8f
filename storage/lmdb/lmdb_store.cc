#include "storage/lmdb/lmdb_store.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "storage/lmdb/env.h"
#include "storage/lmdb/log.h"
#include "storage/lmdb/resize_gate.h"
#include "storage/lmdb/table_map.h"
#include "storage/lmdb/txn_view.h"
#include "storage/lmdb/writer.h"
#include "storage/model/tables.h"

namespace guildhall::storage::lmdb {
namespace {

std::vector<const TableDef*> WithMeta(std::span<const TableDef* const> tables) {
  std::vector<const TableDef*> defs(tables.begin(), tables.end());
  const bool has_meta = std::any_of(
      defs.begin(), defs.end(), [](const TableDef* t) { return t->name == tables::kMeta.name; });
  if (!has_meta) defs.push_back(&tables::kMeta);
  return defs;
}

Result<TableMap> OpenTables(const Env& env, std::span<const TableDef* const> defs) {
  auto txn = GH_TRY(Txn::BeginWrite(env));
  auto map = GH_TRY(TableMap::Open(txn, defs));
  GH_CHECK(txn.Commit());
  return map;
}

// What a blocking Write waits on: one per call, on the caller's stack, so the
// writer wakes exactly this caller (no thundering herd on a shared condition).
struct Completion {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  Result<> result;
};

}  // namespace

Result<std::unique_ptr<LmdbStore>> LmdbStore::Open(const LmdbOptions& options,
                                                   std::span<const TableDef* const> tables) {
  const auto defs = WithMeta(tables);
  EnvOptions env_options;
  env_options.map_bytes = std::min(options.initial_map_bytes, options.max_map_bytes);
  env_options.max_dbs = static_cast<unsigned>(defs.size());
  env_options.no_sync = options.no_sync;
  auto env = GH_TRY(Env::Open(options.dir, env_options));
  auto map = GH_TRY(OpenTables(env, defs));
  Log().info("store opened dir={} tables={} map={} used={}", options.dir.string(), defs.size(),
             env.MapSize(), env.UsedBytes());
  return std::unique_ptr<LmdbStore>(new LmdbStore(
      std::make_unique<Env>(std::move(env)), std::make_unique<TableMap>(std::move(map)), options));
}

LmdbStore::LmdbStore(std::unique_ptr<Env> env, std::unique_ptr<TableMap> tables,
                     const LmdbOptions& options)
    : env_(std::move(env)), tables_(std::move(tables)), gate_(std::make_unique<ResizeGate>()) {
  writer_ = std::make_unique<Writer>(*env_, *tables_, *gate_,
                                     WriterOptions{options.max_batch, options.max_map_bytes});
}

LmdbStore::~LmdbStore() {
  writer_.reset();  // drains the queue while the environment is still open
  Log().info("store closed dir={}", env_->dir().string());
}

Result<> LmdbStore::Read(FunctionRef<Result<>(ReadTxn&)> fn) {
  ReaderScope scope(*gate_);
  auto txn = GH_TRY(Txn::BeginRead(*env_));
  LmdbReadTxn view(txn, *tables_);
  return fn(view);
}

Result<> LmdbStore::Write(std::function<Result<>(WriteTxn&)> fn) {
  if (writer_->OnWriterThread()) {
    return Error::Internal("Store::Write called on the writer thread; use WriteAsync");
  }
  Completion completion;
  writer_->Submit(std::move(fn), [&completion](Result<> result) {
    // Notify under the lock: once it is released the caller may return and
    // destroy `completion`.
    std::lock_guard lock(completion.mu);
    completion.result = std::move(result);
    completion.done = true;
    completion.cv.notify_one();
  });
  std::unique_lock lock(completion.mu);
  completion.cv.wait(lock, [&] { return completion.done; });
  return std::move(completion.result);
}

void LmdbStore::WriteAsync(std::function<Result<>(WriteTxn&)> fn,
                           std::function<void(Result<>)> done) {
  writer_->Submit(std::move(fn), std::move(done));
}

StoreStats LmdbStore::Stats() {
  ReaderScope scope(*gate_);  // LMDB reads the sizes from the map, which a resize replaces
  StoreStats stats;
  stats.map_size_bytes = env_->MapSize();
  stats.used_bytes = env_->UsedBytes();
  stats.batches_committed = writer_->batches_committed();
  stats.writes_committed = writer_->writes_committed();
  return stats;
}

bool LmdbStore::storage_full() const { return writer_->storage_full(); }

Result<> LmdbStore::Backup(const std::filesystem::path& dest_dir) {
  std::error_code ec;
  std::filesystem::create_directories(dest_dir, ec);
  if (ec) return Error::Internal("create " + dest_dir.string() + ": " + ec.message());
  if (std::filesystem::exists(dest_dir / "data.mdb")) {
    return Error::Conflict(dest_dir.string() + " already holds a store");
  }
  ReaderScope scope(*gate_);  // the copy's read transaction must not see the map move
  GH_CHECK(env_->CopyCompact(dest_dir));
  Log().info("backup written dest={}", dest_dir.string());
  return Ok();
}

Result<CheckReport> LmdbStore::Check() { return Check(IndexedTables()); }

Result<CheckReport> LmdbStore::Check(std::span<const IndexedTable> tables) {
  CheckReport report;
  GH_CHECK(Read([&](ReadTxn& tx) -> Result<> {
    report = GH_TRY(CheckIndexes(tx, tables));
    return Ok();
  }));
  return report;
}

Result<> LmdbStore::Migrate(std::span<const Migration> migrations) {
  return RunMigrations(*this, migrations);
}

Result<uint32_t> LmdbStore::SchemaVersion() {
  uint32_t version = 0;
  GH_CHECK(Read([&](ReadTxn& tx) -> Result<> {
    version = GH_TRY(ReadSchemaVersion(tx));
    return Ok();
  }));
  return version;
}

}  // namespace guildhall::storage::lmdb
