// The queue's state transitions, each one write transaction over the store:
// claiming due deliveries for attempts (with a lease, so a crash mid-send
// means a retry, never a loss), deferring deliveries to unavailable hosts to
// the next probe, and recording an attempt's outcome (delivered, retried with
// backoff, failed, gone, dropped). Stateless: all state is in the store, so
// several processes may share one queue. Thread-safe (the store serialises).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/delivery/retry_policy.h"
#include "storage/model/clock.h"
#include "storage/model/function_ref.h"
#include "storage/model/kv.h"
#include "storage/model/records/delivery.h"

namespace guildhall::federation {

struct ClaimRequest {
  TimePoint now;
  size_t max_claims = 0;
  // Free attempt slots for `host` in this process right now.
  FunctionRef<int(std::string_view host)> free_slots;
  // True for deliveries this process is already attempting.
  FunctionRef<bool(Id id)> in_flight;
};

struct ClaimResult {
  std::vector<storage::Delivery> claimed;  // as stored after the claim
  size_t deferred = 0;    // pushed to their host's next probe, or failed as too old
  bool more_due = false;  // the scan stopped early; due deliveries remain
};

// Claims up to max_claims due deliveries: attempts + 1, last_attempt_at = now,
// next_attempt_at = now + lease. Deliveries to an unavailable host are
// deferred to its next probe (one claim per host becomes the probe) or failed
// once older than give_up_after.
Result<ClaimResult> ClaimDue(storage::Store& store, const ClaimRequest& request,
                             const DeliveryOptions& options);

struct Recorded {
  storage::Delivery delivery;  // as stored afterwards
  bool host_became_unavailable = false;
  bool host_recovered = false;
  bool stale = false;  // another claimer owns the delivery now; nothing written
};

// Records the result of the attempt that claimed `claimed`; `jitter` in
// [0, 1) stretches a retry's delay.
Result<Recorded> RecordOutcome(storage::Store& store, const storage::Delivery& claimed,
                               const AttemptResult& result, double jitter, TimePoint now,
                               const DeliveryOptions& options);

// Drops a pending delivery inside the caller's write (a policy change took
// its recipient out of scope): state dropped, `reason` as last_error, its
// share of the body released. No-op for a delivery that is not pending.
Result<> DropPending(storage::WriteTxn& txn, storage::Delivery& d, std::string_view reason,
                     int64_t now);

}  // namespace guildhall::federation
