// The inbox table's operations (storage/model/records/inbox_activity.h): the
// persist-and-dedupe write that happens before an inbox answers 202, the
// reads of the work queue, and recording how processing ended.
// Stateless functions over the store; thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/model/kv.h"
#include "storage/model/records/inbox_activity.h"

namespace guildhall::federation {

enum class Persisted {
  kNew,        // stored; process it
  kDuplicate,  // this activity id was seen before: a replay, nothing to do
};

// Stores `row` (state pending) unless its activity id is known, in one write
// transaction, so two copies racing in cannot both be stored.
Result<Persisted> PersistInbound(storage::WriteTxn& tx, const storage::InboxActivity& row);

// The async form for I/O threads: `done` runs on the store's writer thread
// once the write is durable (or failed).
void PersistInboundAsync(storage::Store& store, storage::InboxActivity row,
                         std::function<void(Result<Persisted>)> done);

// Up to `limit` pending rows' ids, oldest first (startup replay).
Result<std::vector<Id>> PendingInbound(storage::Store& store, size_t limit);

Result<std::optional<storage::InboxActivity>> LoadInbound(storage::Store& store, Id id);

// Marks a row done / ignored / failed (or, with kPending, counts an attempt).
Result<> FinishInbound(storage::Store& store, Id id, storage::InboxState state, std::string result,
                       int64_t now_ms);

}  // namespace guildhall::federation
