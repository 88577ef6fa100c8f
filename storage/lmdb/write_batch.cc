#include "storage/lmdb/write_batch.h"

#include <exception>
#include <string>

namespace guildhall::storage::lmdb {
namespace {

// The writer thread is a boundary: a throwing write function fails only its
// own write instead of taking the thread (and every waiting caller) down.
Result<> Invoke(WriteRequest& req, Txn& txn, const TableMap& tables, AfterCommitList& callbacks) {
  LmdbWriteTxn view(txn, tables, callbacks);
  try {
    return req.fn(view);
  } catch (const std::exception& e) {
    return Error::Internal(std::string("write function threw: ") + e.what());
  } catch (...) {
    return Error::Internal("write function threw");
  }
}

// Runs one write in a transaction nested in `batch`, so that a failure undoes
// only this write's changes and AfterCommit callbacks.
Result<> RunNested(Txn& batch, const TableMap& tables, WriteRequest& req,
                   AfterCommitList& callbacks, bool& map_full) {
  const size_t mark = callbacks.size();
  auto child = batch.BeginChild();
  if (!child) {
    map_full |= batch.map_full();
    return std::move(child).error();
  }
  Result<> result = Invoke(req, *child, tables, callbacks);
  if (result) result = child->Commit();
  map_full |= child->map_full();
  if (!result) {
    child->Abort();
    callbacks.erase(callbacks.begin() + mark, callbacks.end());
  }
  return result;
}

void FailAll(std::span<WriteRequest> batch, const Error& error) {
  for (auto& req : batch) req.result = error;
}

}  // namespace

BatchResult RunBatch(const Env& env, const TableMap& tables, std::span<WriteRequest> batch,
                     AfterCommitList& callbacks) {
  callbacks.clear();
  auto txn = Txn::BeginWrite(env);
  if (!txn) {
    FailAll(batch, txn.error());
    return {BatchOutcome::kFailed};
  }
  // A lone write needs no nested transaction: if it fails, aborting the batch
  // undoes exactly its changes. This keeps a single writer as fast as a plain
  // one-put transaction.
  const bool nest = batch.size() > 1;
  bool map_full = false;
  uint32_t ok = 0;
  for (auto& req : batch) {
    req.callbacks_begin = static_cast<uint32_t>(callbacks.size());
    req.result = nest ? RunNested(*txn, tables, req, callbacks, map_full)
                      : Invoke(req, *txn, tables, callbacks);
    req.callbacks_end = static_cast<uint32_t>(callbacks.size());
    map_full |= txn->map_full();
    if (map_full) return {BatchOutcome::kMapFull};  // ~Txn aborts
    if (req.result) ++ok;
  }
  if (ok == 0) return {BatchOutcome::kNothing};  // skip the fsync
  if (auto committed = txn->Commit(); !committed) {
    if (txn->map_full()) return {BatchOutcome::kMapFull};
    FailAll(batch, committed.error());
    return {BatchOutcome::kFailed};
  }
  return {BatchOutcome::kCommitted, ok};
}

}  // namespace guildhall::storage::lmdb
