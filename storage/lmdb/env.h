// Move-only RAII wrappers over the LMDB C API: Env (one environment), Txn (a
// read, write or nested write transaction; the destructor aborts) and Cursor
// (closed before its transaction commits). LMDB return codes become Errors here.
// Env is thread-safe (opened with MDB_NOTLS, so read transactions are not tied
// to threads); a Txn and its Cursors are used by one thread at a time and never
// outlive the function that began them. Only storage/lmdb includes this header.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::storage::lmdb {

// The Error for an LMDB (or errno) return code: MDB_MAP_FULL and
// MDB_MAP_RESIZED are kUnavailable, a bad key or value size kInvalid,
// anything else kInternal. `what` names the failed operation for the log.
Error LmdbError(int rc, std::string_view what);

struct EnvOptions {
  uint64_t map_bytes = 1ull << 30;  // raised to the size already stored, if larger
  unsigned max_dbs = 64;
  unsigned max_readers = 512;  // concurrent read transactions, all processes
  bool no_sync = false;        // MDB_NOSYNC: tests and benchmarks only
};

class Env {
 public:
  // Creates `dir` if needed and opens (or creates) the environment in it.
  static Result<Env> Open(const std::filesystem::path& dir, const EnvOptions& options);

  Env(Env&& other) noexcept;
  Env& operator=(Env&& other) noexcept;
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  ~Env();

  MDB_env* get() const { return env_; }
  uint64_t MapSize() const;
  uint64_t UsedBytes() const;  // pages in use up to the last committed page
  uint64_t FileBytes() const;  // size of data.mdb on disk
  const std::filesystem::path& dir() const { return dir_; }

  // REQUIRES: no transaction of this process is active (see ResizeGate).
  // 0 adopts the size another process set.
  Result<> SetMapSize(uint64_t bytes);

  // Online, consistent, compacting copy into `dest_dir` (which must exist and
  // hold no data.mdb). Takes its own read transaction.
  Result<> CopyCompact(const std::filesystem::path& dest_dir) const;

 private:
  Env(MDB_env* env, std::filesystem::path dir) : env_(env), dir_(std::move(dir)) {}
  MDB_env* env_ = nullptr;
  std::filesystem::path dir_;
};

class Txn {
 public:
  static Result<Txn> BeginRead(const Env& env);
  static Result<Txn> BeginWrite(const Env& env);
  // A nested write transaction. The parent must not be used until the child
  // ends; committing the child merges its changes into the parent only.
  Result<Txn> BeginChild();

  Txn(Txn&& other) noexcept;
  Txn& operator=(Txn&& other) noexcept;
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  ~Txn() { Abort(); }

  // REQUIRES: every Cursor of this transaction is closed.
  Result<> Commit();
  void Abort();  // no-op once ended

  // nullopt when absent. The view is valid until the transaction ends or the
  // key is next written.
  std::optional<std::string_view> Get(MDB_dbi dbi, std::string_view key);
  Result<> Put(MDB_dbi dbi, std::string_view key, std::string_view value);
  Result<> Del(MDB_dbi dbi, std::string_view key);   // absent is not an error
  Result<MDB_dbi> OpenDbi(const std::string& name);  // creates it (write txn)

  MDB_txn* get() const { return txn_; }
  // Some call on this transaction hit MDB_MAP_FULL: the caller must abort and
  // grow the map, whatever the write function made of the error.
  bool map_full() const { return map_full_; }

 private:
  friend class Cursor;
  explicit Txn(MDB_txn* txn) : txn_(txn) {}
  Error Fail(int rc, std::string_view what);

  MDB_txn* txn_ = nullptr;
  int open_cursors_ = 0;
  bool map_full_ = false;
};

class Cursor {
 public:
  static Result<Cursor> Open(Txn& txn, MDB_dbi dbi);

  Cursor(Cursor&& other) noexcept;
  Cursor& operator=(Cursor&&) = delete;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor();

  // Moves (MDB_FIRST, MDB_LAST, MDB_NEXT, MDB_PREV); false past either end.
  Result<bool> Move(MDB_cursor_op op);
  // Positions at the first key >= `key` (which must not be empty).
  Result<bool> Seek(std::string_view key);

  std::string_view key() const { return {static_cast<const char*>(key_.mv_data), key_.mv_size}; }
  std::string_view value() const { return {static_cast<const char*>(val_.mv_data), val_.mv_size}; }

 private:
  Cursor(MDB_cursor* cursor, Txn* txn) : cursor_(cursor), txn_(txn) {}
  Result<bool> Get(MDB_cursor_op op);

  MDB_cursor* cursor_ = nullptr;
  Txn* txn_ = nullptr;
  MDB_val key_{0, nullptr};
  MDB_val val_{0, nullptr};
};

}  // namespace guildhall::storage::lmdb
