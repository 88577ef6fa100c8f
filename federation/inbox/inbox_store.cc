#include "federation/inbox/inbox_store.h"

#include <memory>

#include "storage/model/table.h"

namespace guildhall::federation {

using storage::InboxActivity;
using storage::InboxActivityCodec;
using storage::InboxState;
using storage::Table;

Result<Persisted> PersistInbound(storage::WriteTxn& tx, const InboxActivity& row) {
  if (tx.Get(storage::tables::kInboxSeen, InboxActivityCodec::SeenKey(row.activity_id))) {
    return Persisted::kDuplicate;
  }
  GH_CHECK(Table<InboxActivityCodec>::Insert(tx, row));
  return Persisted::kNew;
}

void PersistInboundAsync(storage::Store& store, InboxActivity row,
                         std::function<void(Result<Persisted>)> done) {
  auto outcome = std::make_shared<Persisted>(Persisted::kNew);
  store.WriteAsync(
      [row = std::move(row), outcome](storage::WriteTxn& tx) -> Result<> {
        *outcome = GH_TRY(PersistInbound(tx, row));
        return Ok();
      },
      [outcome, done = std::move(done)](Result<> written) {
        if (!written) return done(std::move(written).error());
        done(*outcome);
      });
}

Result<std::vector<Id>> PendingInbound(storage::Store& store, size_t limit) {
  std::vector<Id> out;
  GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
    return tx.Scan(storage::tables::kInboxPending, "", "", storage::ScanOrder::kForward,
                   [&](std::string_view key, std::string_view) {
                     storage::KeyReader r(key);
                     if (auto id = r.Id()) out.push_back(*id);
                     return out.size() < limit;
                   });
  }));
  return out;
}

Result<std::optional<InboxActivity>> LoadInbound(storage::Store& store, Id id) {
  std::optional<InboxActivity> row;
  GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
    row = GH_TRY(Table<InboxActivityCodec>::Get(tx, InboxActivityCodec::KeyOf(id)));
    return Ok();
  }));
  return row;
}

Result<> FinishInbound(storage::Store& store, Id id, InboxState state, std::string result,
                       int64_t now_ms) {
  return store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto row = GH_TRY(Table<InboxActivityCodec>::Get(tx, InboxActivityCodec::KeyOf(id)));
    if (!row) return Ok();
    ++row->attempts;
    row->state = state;
    row->result = result;
    if (state != InboxState::kPending) row->finished = now_ms;
    return Table<InboxActivityCodec>::Put(tx, *row);
  });
}

}  // namespace guildhall::federation
