// The kv.h transaction interfaces (ReadTxn, WriteTxn) over an lmdb::Txn: what
// a Store::Read or Store::Write callback receives. A view borrows its Txn and
// TableMap and lives on the stack of the function that began the Txn; it is
// used by one thread only.
#pragma once

#include <functional>
#include <vector>

#include "storage/lmdb/env.h"
#include "storage/lmdb/table_map.h"
#include "storage/model/kv.h"

namespace guildhall::storage::lmdb {

// The AfterCommit callbacks a batch collects, in registration order.
using AfterCommitList = std::vector<std::function<void()>>;

// Get and Scan, shared by the read and the write view.
template <class Interface>
class TxnView : public Interface {
 public:
  TxnView(Txn& txn, const TableMap& tables) : txn_(txn), tables_(tables) {}
  TxnView(const TxnView&) = delete;
  TxnView& operator=(const TxnView&) = delete;

  std::optional<std::string_view> Get(const TableDef& table, std::string_view key) override;
  Result<> Scan(const TableDef& table, std::string_view begin, std::string_view end,
                ScanOrder order, ScanFn fn) override;

 protected:
  Txn& txn_;
  const TableMap& tables_;
};

using LmdbReadTxn = TxnView<ReadTxn>;

class LmdbWriteTxn final : public TxnView<WriteTxn> {
 public:
  LmdbWriteTxn(Txn& txn, const TableMap& tables, AfterCommitList& after_commit)
      : TxnView(txn, tables), after_commit_(after_commit) {}

  Result<> Put(const TableDef& table, std::string_view key, std::string_view value) override;
  Result<> Del(const TableDef& table, std::string_view key) override;
  void AfterCommit(std::function<void()> fn) override;

 private:
  AfterCommitList& after_commit_;
};

extern template class TxnView<ReadTxn>;
extern template class TxnView<WriteTxn>;

}  // namespace guildhall::storage::lmdb
