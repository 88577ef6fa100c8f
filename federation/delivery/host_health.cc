#include "federation/delivery/host_health.h"

#include <vector>

#include "storage/model/records/delivery.h"

namespace guildhall::federation {
namespace {

using storage::HostState;
using storage::HostStateCodec;
using storage::Table;

// Makes every pending delivery of `host` due at `now`.
Result<> RescheduleHost(storage::WriteTxn& txn, std::string_view host, int64_t now) {
  std::vector<storage::Delivery> pending;
  GH_CHECK(Table<storage::DeliveryCodec>::ScanIndexPrefix(
      txn, storage::tables::kDeliveriesByHost, storage::DeliveryCodec::HostPrefix(host),
      storage::ScanOrder::kForward, [&](const storage::Delivery& d) {
        if (d.next_attempt_at > now) pending.push_back(d);
        return true;
      }));
  for (auto& d : pending) {
    d.next_attempt_at = now;
    GH_CHECK(Table<storage::DeliveryCodec>::Put(txn, d));
  }
  return Ok();
}

}  // namespace

Result<std::optional<HostState>> ReadHostState(storage::ReadTxn& txn, std::string_view host) {
  return Table<HostStateCodec>::Get(txn, HostStateCodec::KeyOf(host));
}

Result<bool> RecordHostFailure(storage::WriteTxn& txn, std::string_view host, int64_t now,
                               const DeliveryOptions& options) {
  auto existing = GH_TRY(ReadHostState(txn, host));
  HostState state = existing ? std::move(*existing) : HostState{.host = std::string(host)};
  if (state.consecutive_failures == 0) state.first_failure_at = now;
  ++state.consecutive_failures;
  state.last_failure_at = now;
  const int64_t unavailable_after_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(options.unavailable_after).count();
  bool became_unavailable = false;
  if (!state.unavailable && now - state.first_failure_at >= unavailable_after_ms) {
    state.unavailable = true;
    became_unavailable = true;
    state.next_probe_at =
        now + std::chrono::duration_cast<std::chrono::milliseconds>(options.probe_interval).count();
  }
  GH_CHECK(Table<HostStateCodec>::Put(txn, state));
  return became_unavailable;
}

bool HostNeedsClearing(const HostState& state) {
  return state.unavailable || state.consecutive_failures > 0;
}

Result<bool> RecordHostAlive(storage::WriteTxn& txn, std::string_view host, int64_t now) {
  auto existing = GH_TRY(ReadHostState(txn, host));
  if (!existing || !HostNeedsClearing(*existing)) return false;
  HostState state = std::move(*existing);
  const bool was_unavailable = state.unavailable;
  state.consecutive_failures = 0;
  state.first_failure_at = 0;
  state.unavailable = false;
  state.next_probe_at = 0;
  state.last_success_at = now;
  GH_CHECK(Table<HostStateCodec>::Put(txn, state));
  if (was_unavailable) GH_CHECK(RescheduleHost(txn, host, now));
  return was_unavailable;
}

}  // namespace guildhall::federation
