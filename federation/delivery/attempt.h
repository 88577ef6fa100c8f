// One delivery attempt, start to finish minus the bookkeeping: read the
// activity body, re-check policy at the moment of sending (a peer removed
// from a group's scope since the activity was queued gets nothing), sign the
// POST as the activity's actor (Digest + Signature), send it, classify the
// answer. Stateless; thread-safe if the callbacks are.
#pragma once

#include <functional>
#include <string>

#include "federation/delivery/retry_policy.h"
#include "federation/http/client.h"
#include "federation/http/signer.h"
#include "storage/model/clock.h"
#include "storage/model/kv.h"
#include "storage/model/records/delivery.h"

namespace guildhall::federation {

struct DeliveryCallbacks {
  // Policy at send time; null means always allowed. False drops the delivery
  // (state dropped) without sending.
  std::function<bool(const storage::Delivery&)> still_allowed;
  // The key to sign as `actor_id`. kNotFound fails the delivery for good
  // (the actor is gone); other errors retry. Required.
  std::function<Result<Signer>(const std::string& actor_id)> signer;
  // Called after a 404/410 was recorded: the recipient is gone (remove the
  // follower or member). Optional. Runs on a worker thread.
  std::function<void(const storage::Delivery&)> on_gone;
};

AttemptResult Attempt(storage::Store& store, HttpClient& client, const Clock& clock,
                      const DeliveryCallbacks& callbacks, const storage::Delivery& delivery);

}  // namespace guildhall::federation
