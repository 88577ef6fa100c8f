// Per-host delivery health, kept in delivery_hosts: consecutive failures,
// and the "unavailable" mark a host gets after failing continuously for
// DeliveryOptions::unavailable_after. Deliveries to an unavailable host are
// deferred to one probe every probe_interval; any success, or any valid
// inbound request from the host (MarkHostAlive), clears the mark and makes
// its deferred deliveries due at once. Functions over a caller's transaction;
// thread-compatible (the transaction serialises them).
#pragma once

#include <optional>
#include <string_view>

#include "federation/delivery/retry_policy.h"
#include "storage/model/kv.h"
#include "storage/model/records/host_state.h"

namespace guildhall::federation {

Result<std::optional<storage::HostState>> ReadHostState(storage::ReadTxn& txn,
                                                        std::string_view host);

// Records that an attempt to `host` failed at `now` (a network error or a
// 5xx). Returns true when this failure made the host unavailable.
Result<bool> RecordHostFailure(storage::WriteTxn& txn, std::string_view host, int64_t now,
                               const DeliveryOptions& options);

// Records that `host` answered at `now`. Clears any failure run; if the host
// was unavailable, its pending deliveries become due at `now`. Writes only
// when something changes, so it is cheap to call on every inbound request.
// Returns true if the host had been marked unavailable.
Result<bool> RecordHostAlive(storage::WriteTxn& txn, std::string_view host, int64_t now);

// True if `state` is worth a write in RecordHostAlive (so callers on the hot
// inbound path can check in a read transaction first).
bool HostNeedsClearing(const storage::HostState& state);

}  // namespace guildhall::federation
