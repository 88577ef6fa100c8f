#include "storage/lmdb/env.h"

#include <cassert>
#include <system_error>
#include <utility>

#include "storage/model/storage_full.h"

namespace guildhall::storage::lmdb {
namespace {

MDB_val ToVal(std::string_view s) { return MDB_val{s.size(), const_cast<char*>(s.data())}; }

// Closes a half-opened environment on every early return of Env::Open.
struct EnvCloser {
  MDB_env* env;
  ~EnvCloser() {
    if (env) mdb_env_close(env);
  }
};

}  // namespace

Error LmdbError(int rc, std::string_view what) {
  std::string message = std::string(what) + ": " + mdb_strerror(rc);
  if (IsNoSpaceErrno(rc)) return StorageFullError(message);
  switch (rc) {
    case MDB_MAP_FULL:
    case MDB_MAP_RESIZED:
      return Error::Unavailable(std::move(message));
    case MDB_BAD_VALSIZE:
      return Error::Invalid(std::move(message));
    default:
      return Error::Internal(std::move(message));
  }
}

// ---- Env ----

Result<Env> Env::Open(const std::filesystem::path& dir, const EnvOptions& options) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::Internal("create " + dir.string() + ": " + ec.message());
  EnvCloser guard{nullptr};
  if (int rc = mdb_env_create(&guard.env)) return LmdbError(rc, "mdb_env_create");
  if (int rc = mdb_env_set_maxdbs(guard.env, options.max_dbs)) return LmdbError(rc, "set_maxdbs");
  if (int rc = mdb_env_set_maxreaders(guard.env, options.max_readers)) {
    return LmdbError(rc, "set_maxreaders");
  }
  // A new environment starts at the configured size. An existing one is
  // opened without a size so that LMDB adopts the one its last commit
  // recorded: a map grown in an earlier run stays grown.
  const bool exists = std::filesystem::exists(dir / "data.mdb");
  if (!exists) {
    if (int rc = mdb_env_set_mapsize(guard.env, options.map_bytes))
      return LmdbError(rc, "set_mapsize");
  }
  const unsigned flags = MDB_NOTLS | (options.no_sync ? MDB_NOSYNC : 0);
  if (int rc = mdb_env_open(guard.env, dir.c_str(), flags, 0644)) {
    return LmdbError(rc, "open " + dir.string());
  }
  // Reader slots left by a process that died (kill -9) would pin old pages.
  int dead = 0;
  mdb_reader_check(guard.env, &dead);
  Env env(std::exchange(guard.env, nullptr), dir);
  if (env.MapSize() < options.map_bytes) GH_CHECK(env.SetMapSize(options.map_bytes));
  return env;
}

Env::Env(Env&& other) noexcept
    : env_(std::exchange(other.env_, nullptr)), dir_(std::move(other.dir_)) {}

Env& Env::operator=(Env&& other) noexcept {
  if (this != &other) {
    if (env_) mdb_env_close(env_);
    env_ = std::exchange(other.env_, nullptr);
    dir_ = std::move(other.dir_);
  }
  return *this;
}

Env::~Env() {
  if (env_) mdb_env_close(env_);
}

uint64_t Env::MapSize() const {
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  return info.me_mapsize;
}

uint64_t Env::UsedBytes() const {
  MDB_envinfo info;
  MDB_stat stat;
  mdb_env_info(env_, &info);
  mdb_env_stat(env_, &stat);
  return (static_cast<uint64_t>(info.me_last_pgno) + 1) * stat.ms_psize;
}

uint64_t Env::FileBytes() const {
  std::error_code ec;
  const auto size = std::filesystem::file_size(dir_ / "data.mdb", ec);
  return ec ? 0 : size;
}

Result<> Env::SetMapSize(uint64_t bytes) {
  if (int rc = mdb_env_set_mapsize(env_, bytes)) return LmdbError(rc, "mdb_env_set_mapsize");
  return Ok();
}

Result<> Env::CopyCompact(const std::filesystem::path& dest_dir) const {
  if (int rc = mdb_env_copy2(env_, dest_dir.c_str(), MDB_CP_COMPACT)) {
    return LmdbError(rc, "copy to " + dest_dir.string());
  }
  return Ok();
}

// ---- Txn ----

Result<Txn> Txn::BeginRead(const Env& env) {
  MDB_txn* txn = nullptr;
  if (int rc = mdb_txn_begin(env.get(), nullptr, MDB_RDONLY, &txn)) {
    return LmdbError(rc, "begin read txn");
  }
  return Txn(txn);
}

Result<Txn> Txn::BeginWrite(const Env& env) {
  MDB_txn* txn = nullptr;
  if (int rc = mdb_txn_begin(env.get(), nullptr, 0, &txn)) return LmdbError(rc, "begin write txn");
  return Txn(txn);
}

Result<Txn> Txn::BeginChild() {
  assert(open_cursors_ == 0);
  MDB_txn* child = nullptr;
  if (int rc = mdb_txn_begin(mdb_txn_env(txn_), txn_, 0, &child)) {
    return Fail(rc, "begin nested txn");
  }
  return Txn(child);
}

Txn::Txn(Txn&& other) noexcept
    : txn_(std::exchange(other.txn_, nullptr)),
      open_cursors_(std::exchange(other.open_cursors_, 0)),
      map_full_(other.map_full_) {
  assert(open_cursors_ == 0);
}

Txn& Txn::operator=(Txn&& other) noexcept {
  if (this != &other) {
    Abort();
    txn_ = std::exchange(other.txn_, nullptr);
    open_cursors_ = std::exchange(other.open_cursors_, 0);
    map_full_ = other.map_full_;
  }
  return *this;
}

Result<> Txn::Commit() {
  assert(open_cursors_ == 0 && "close cursors before commit");
  // mdb_txn_commit frees the transaction even when it fails.
  if (int rc = mdb_txn_commit(std::exchange(txn_, nullptr))) return Fail(rc, "commit");
  return Ok();
}

void Txn::Abort() {
  assert(open_cursors_ == 0 && "close cursors before abort");
  if (txn_) mdb_txn_abort(std::exchange(txn_, nullptr));
}

Error Txn::Fail(int rc, std::string_view what) {
  if (rc == MDB_MAP_FULL) map_full_ = true;
  return LmdbError(rc, what);
}

std::optional<std::string_view> Txn::Get(MDB_dbi dbi, std::string_view key) {
  MDB_val k = ToVal(key);
  MDB_val v{0, nullptr};
  // Anything but success (absent, an empty or oversized key) reads as absent.
  if (mdb_get(txn_, dbi, &k, &v) != MDB_SUCCESS) return std::nullopt;
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

Result<> Txn::Put(MDB_dbi dbi, std::string_view key, std::string_view value) {
  MDB_val k = ToVal(key);
  MDB_val v = ToVal(value);
  if (int rc = mdb_put(txn_, dbi, &k, &v, 0)) return Fail(rc, "put");
  return Ok();
}

Result<> Txn::Del(MDB_dbi dbi, std::string_view key) {
  MDB_val k = ToVal(key);
  const int rc = mdb_del(txn_, dbi, &k, nullptr);
  if (rc != MDB_SUCCESS && rc != MDB_NOTFOUND) return Fail(rc, "del");
  return Ok();
}

Result<MDB_dbi> Txn::OpenDbi(const std::string& name) {
  MDB_dbi dbi = 0;
  if (int rc = mdb_dbi_open(txn_, name.c_str(), MDB_CREATE, &dbi)) {
    return Fail(rc, "open table " + name);
  }
  return dbi;
}

// ---- Cursor ----

Result<Cursor> Cursor::Open(Txn& txn, MDB_dbi dbi) {
  MDB_cursor* cursor = nullptr;
  if (int rc = mdb_cursor_open(txn.get(), dbi, &cursor)) return txn.Fail(rc, "cursor open");
  ++txn.open_cursors_;
  return Cursor(cursor, &txn);
}

Cursor::Cursor(Cursor&& other) noexcept
    : cursor_(std::exchange(other.cursor_, nullptr)),
      txn_(std::exchange(other.txn_, nullptr)),
      key_(other.key_),
      val_(other.val_) {}

Cursor::~Cursor() {
  if (!cursor_) return;
  mdb_cursor_close(cursor_);
  --txn_->open_cursors_;
}

Result<bool> Cursor::Get(MDB_cursor_op op) {
  const int rc = mdb_cursor_get(cursor_, &key_, &val_, op);
  if (rc == MDB_SUCCESS) return true;
  if (rc == MDB_NOTFOUND) return false;
  return txn_->Fail(rc, "cursor get");
}

Result<bool> Cursor::Move(MDB_cursor_op op) { return Get(op); }

Result<bool> Cursor::Seek(std::string_view key) {
  key_ = ToVal(key);
  return Get(MDB_SET_RANGE);
}

}  // namespace guildhall::storage::lmdb
