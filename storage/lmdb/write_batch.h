// One group commit: every queued write function runs in its own nested
// transaction inside one batch transaction, which commits once (one fsync for
// the whole batch). A failed write's nested transaction is aborted; the others
// still commit. Runs on the writer thread only; holds no state between batches.
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "storage/lmdb/env.h"
#include "storage/lmdb/table_map.h"
#include "storage/lmdb/txn_view.h"
#include "storage/model/kv.h"

namespace guildhall::storage::lmdb {

struct WriteRequest {
  std::function<Result<>(WriteTxn&)> fn;
  std::function<void(Result<>)> done;
  // Filled by RunBatch:
  Result<> result;
  uint32_t callbacks_begin = 0;  // this write's slice of the AfterCommitList
  uint32_t callbacks_end = 0;
};

enum class BatchOutcome {
  kCommitted,  // durable; each request's result says whether its write is in
  kNothing,    // every write failed; nothing was committed
  kMapFull,    // aborted: grow the map and run the whole batch again
  kFailed,     // aborted (begin or commit failed): every result is the error
};

struct BatchResult {
  BatchOutcome outcome;
  uint32_t writes_committed = 0;
};

// Runs `batch`, filling each request's result and `callbacks` (cleared first).
BatchResult RunBatch(const Env& env, const TableMap& tables, std::span<WriteRequest> batch,
                     AfterCommitList& callbacks);

}  // namespace guildhall::storage::lmdb
