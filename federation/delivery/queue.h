// DeliveryQueue: the write side of the durable outbound queue. Enqueue runs
// INSIDE the caller's write transaction, so a change and the deliveries that
// announce it commit together or not at all (STYLE 12); the activity body is
// stored once and each distinct inbox gets one Delivery row (one request per
// shared inbox, PERFORMANCE "delivery fan-out"). After the commit the
// workers are woken. Layouts: spec/STORAGE.md, storage/model/records/delivery.h.
// Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/kv.h"
#include "storage/model/records/delivery.h"

namespace guildhall::federation {

struct OutboundActivity {
  std::string id;        // the activity's AP id (receivers dedupe by it)
  std::string actor_id;  // the actor whose key signs the POSTs
  std::string json;      // the body, sent verbatim
  Id group_id;           // the group it concerns, for policy re-checks; 0 if none
  bool notice = false;   // a policy notice (storage::Delivery::notice)
};

class DeliveryQueue {
 public:
  DeliveryQueue(const Clock& clock, IdGenerator& ids) : clock_(clock), ids_(ids) {}
  DeliveryQueue(const DeliveryQueue&) = delete;
  DeliveryQueue& operator=(const DeliveryQueue&) = delete;

  // Queues `activity` to every distinct inbox in `inbox_urls` (URLs are
  // compared after normalisation; malformed ones are skipped and logged).
  // Idempotent per (activity, inbox): enqueuing the same pair again adds
  // nothing. kInvalid if the activity has no id, actor or body.
  Result<> Enqueue(storage::WriteTxn& txn, const OutboundActivity& activity,
                   std::span<const std::string> inbox_urls);

  // Called after each commit that queued something (DeliveryWorkers::Wake).
  void SetWakeHook(std::function<void()> hook);

 private:
  const Clock& clock_;
  IdGenerator& ids_;
  std::mutex mu_;
  std::function<void()> wake_;  // GUARDED_BY(mu_)
};

// The delivery log of one activity, for the admin UI and API: every inbox it
// went to with state, attempts, last status/error and timestamps.
Result<std::vector<storage::Delivery>> ListDeliveries(storage::ReadTxn& txn,
                                                      std::string_view activity_id);
Result<std::vector<storage::Delivery>> ListDeliveries(storage::Store& store,
                                                      std::string_view activity_id);

}  // namespace guildhall::federation
