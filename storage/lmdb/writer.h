// The single writer: one thread drains a queue of write functions and commits
// each batch of them in one transaction (group commit, as strfry's runWriter
// and leveldb's writer queue do), so one fsync serves every write in the batch.
// On MDB_MAP_FULL it grows the map and runs the whole batch again; when neither
// the map nor the disk has room, every write of the batch fails with a
// storage-full error (storage/model/storage_full.h), storage_full() turns true
// (logged once a minute at most) until a batch commits again. Each caller's
// `done` runs on the writer thread after its write is durable (or failed), right
// after that write's AfterCommit callbacks.
// Thread-safe: Submit may be called from any thread. The destructor drains the
// queue and joins the thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "storage/lmdb/env.h"
#include "storage/lmdb/resize_gate.h"
#include "storage/lmdb/table_map.h"
#include "storage/lmdb/write_batch.h"

namespace guildhall::storage::lmdb {

struct WriterOptions {
  size_t max_batch = 256;
  uint64_t max_map_bytes = 1ull << 40;
};

class Writer {
 public:
  // Borrows env, tables and gate, which must outlive the Writer.
  Writer(Env& env, const TableMap& tables, ResizeGate& gate, WriterOptions options);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Queues a write. After shutdown has begun, `done` gets kUnavailable at once.
  void Submit(std::function<Result<>(WriteTxn&)> fn, std::function<void(Result<>)> done);

  // True on the writer thread, where a blocking Write would wait on itself.
  bool OnWriterThread() const { return std::this_thread::get_id() == thread_.get_id(); }

  uint64_t batches_committed() const { return batches_committed_.load(std::memory_order_relaxed); }
  uint64_t writes_committed() const { return writes_committed_.load(std::memory_order_relaxed); }
  // True from a batch refused for lack of space until the next commit.
  bool storage_full() const { return storage_full_.load(std::memory_order_relaxed); }

 private:
  void Run();
  bool TakeQueue();  // false once stopping with nothing left
  void Commit(std::span<WriteRequest> batch);
  static void Report(std::span<WriteRequest> batch, AfterCommitList& callbacks);
  bool OutOfSpace(const Error& error) const;
  void NoteStorageFull(std::span<WriteRequest> batch);  // rewrites the batch's results
  void NoteSpaceBack();

  static constexpr uint64_t kLowDiskBytes = 1 << 20;
  static constexpr std::chrono::seconds kStorageFullLogEvery{60};

  Env& env_;
  const TableMap& tables_;
  ResizeGate& gate_;
  const WriterOptions options_;

  std::mutex mu_;
  std::condition_variable wake_;
  std::vector<WriteRequest> queue_;  // GUARDED_BY(mu_)
  bool idle_ = false;                // GUARDED_BY(mu_): the writer waits on wake_
  bool stopping_ = false;            // GUARDED_BY(mu_)

  // Writer thread only. Swapped with queue_, so both keep their capacity and
  // a steady stream of writes allocates nothing here.
  std::vector<WriteRequest> taken_;
  AfterCommitList callbacks_;

  std::atomic<uint64_t> batches_committed_{0};
  std::atomic<uint64_t> writes_committed_{0};
  std::atomic<bool> storage_full_{false};
  // Writer thread only: the once-a-minute storage-full log line.
  bool logged_full_ = false;
  std::chrono::steady_clock::time_point last_full_log_;
  uint64_t refused_since_log_ = 0;
  std::thread thread_;  // last: starts after every member above exists
};

}  // namespace guildhall::storage::lmdb
