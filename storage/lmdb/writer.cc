#include "storage/lmdb/writer.h"

#include <pthread.h>

#include <algorithm>
#include <exception>

#include "storage/lmdb/log.h"
#include "storage/lmdb/map_growth.h"
#include "storage/model/log_field.h"
#include "storage/model/storage_full.h"

namespace guildhall::storage::lmdb {

Writer::Writer(Env& env, const TableMap& tables, ResizeGate& gate, WriterOptions options)
    : env_(env), tables_(tables), gate_(gate), options_(options), thread_([this] { Run(); }) {}

Writer::~Writer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Writer::Submit(std::function<Result<>(WriteTxn&)> fn, std::function<void(Result<>)> done) {
  bool wake = false;
  {
    std::unique_lock lock(mu_);
    if (stopping_) {
      lock.unlock();
      done(Error::Unavailable("store is closing"));
      return;
    }
    WriteRequest& req = queue_.emplace_back();
    req.fn = std::move(fn);
    req.done = std::move(done);
    // Only a writer asleep on the condition variable needs the syscall; a busy
    // one takes the queue when its current batch is done.
    wake = std::exchange(idle_, false);
  }
  if (wake) wake_.notify_one();
}

void Writer::Run() {
  pthread_setname_np(pthread_self(), "storage-writer");  // for top -H, perf, gdb
  while (TakeQueue()) {
    const size_t max_batch = std::max<size_t>(options_.max_batch, 1);
    std::span<WriteRequest> all(taken_);
    for (size_t i = 0; i < all.size(); i += max_batch) {
      Commit(all.subspan(i, std::min(max_batch, all.size() - i)));
    }
    taken_.clear();
  }
}

bool Writer::TakeQueue() {
  std::unique_lock lock(mu_);
  while (queue_.empty() && !stopping_) {
    idle_ = true;
    wake_.wait(lock);
  }
  idle_ = false;
  if (queue_.empty()) return false;  // stopping, and everything queued is done
  taken_.swap(queue_);               // the whole queue at once
  return true;
}

void Writer::Commit(std::span<WriteRequest> batch) {
  bool adopted_size = false;
  for (;;) {
    const BatchResult result = RunBatch(env_, tables_, batch, callbacks_);
    if (result.outcome == BatchOutcome::kCommitted) {
      batches_committed_.fetch_add(1, std::memory_order_relaxed);
      writes_committed_.fetch_add(result.writes_committed, std::memory_order_relaxed);
      NoteSpaceBack();
    } else if (result.outcome == BatchOutcome::kMapFull) {
      auto grown = GrowMap(env_, gate_, options_.max_map_bytes);
      if (grown) continue;
      for (auto& req : batch) req.result = grown.error();
      NoteStorageFull(batch);
    } else if (result.outcome == BatchOutcome::kFailed && OutOfSpace(batch[0].result.error())) {
      NoteStorageFull(batch);
    } else if (result.outcome == BatchOutcome::kFailed && !adopted_size) {
      // A write txn cannot begin after another process grew the map
      // (MDB_MAP_RESIZED) until we adopt its size; do so once and retry.
      adopted_size = true;
      gate_.Exclusive([&] { (void)env_.SetMapSize(0); });
      continue;
    } else if (result.outcome == BatchOutcome::kFailed) {
      Log().error("batch failed writes={} error={}", batch.size(),
                  LogField(batch[0].result.error().message));
    }
    break;
  }
  Report(batch, callbacks_);
}

bool Writer::OutOfSpace(const Error& error) const {
  if (IsStorageFull(error)) return true;
  // LMDB turns a short write (the disk filled in the middle of its pwrite)
  // into EIO, not ENOSPC: a commit that fails while the disk has less than
  // kLowDiskBytes left is taken for what it most likely is.
  return error.code == Code::kInternal && FreeDiskBytes(env_.dir()) < kLowDiskBytes;
}

void Writer::NoteStorageFull(std::span<WriteRequest> batch) {
  const Error cause = batch[0].result.error();
  const Error full = IsStorageFull(cause) ? cause : StorageFullError(cause.message);
  for (auto& req : batch) req.result = full;
  storage_full_.store(true, std::memory_order_relaxed);
  refused_since_log_ += batch.size();
  // Every write fails the same way until space returns; one line a minute
  // says so without flooding the disk that is already full.
  const auto now = std::chrono::steady_clock::now();
  if (logged_full_ && now - last_full_log_ < kStorageFullLogEvery) return;
  Log().error("storage full: writes refused writes={} free_disk={} error={}", refused_since_log_,
              FreeDiskBytes(env_.dir()), LogField(full.message));
  logged_full_ = true;
  last_full_log_ = now;
  refused_since_log_ = 0;
}

void Writer::NoteSpaceBack() {
  if (!storage_full_.exchange(false, std::memory_order_relaxed)) return;
  Log().info("storage space is back: writes resume free_disk={} refused_since_last_log={}",
             FreeDiskBytes(env_.dir()), refused_since_log_);
  logged_full_ = false;
  refused_since_log_ = 0;
}

void Writer::Report(std::span<WriteRequest> batch, AfterCommitList& callbacks) {
  for (auto& req : batch) {
    if (req.result) {
      for (uint32_t i = req.callbacks_begin; i < req.callbacks_end; ++i) {
        try {
          callbacks[i]();
        } catch (const std::exception& e) {
          Log().error("after-commit callback threw error={}", e.what());
        }
      }
    }
    if (req.done) req.done(std::move(req.result));  // WriteAsync may pass none
    req.fn = nullptr;  // release what the write captured now, not at the next batch
  }
  callbacks.clear();
}

}  // namespace guildhall::storage::lmdb
