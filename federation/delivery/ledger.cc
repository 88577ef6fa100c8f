#include "federation/delivery/ledger.h"

#include <map>

#include "federation/delivery/host_health.h"

namespace guildhall::federation {
namespace {

using storage::Delivery;
using storage::DeliveryCodec;
using storage::DeliveryState;
using storage::HostState;
using storage::Table;

int64_t Millis(std::chrono::milliseconds d) { return d.count(); }

// Marks `d` final and releases its share of the activity body, which goes
// once no delivery needs it.
Result<> Finish(storage::WriteTxn& txn, Delivery& d, DeliveryState state, int64_t now) {
  d.state = state;
  d.finished_at = now;
  const std::string body_key = storage::DeliveryBodyCodec::KeyOf(d.activity_id);
  auto body = GH_TRY(Table<storage::DeliveryBodyCodec>::Get(txn, body_key));
  if (!body) return Ok();
  if (body->unfinished <= 1) return Table<storage::DeliveryBodyCodec>::Erase(txn, body_key);
  --body->unfinished;
  return Table<storage::DeliveryBodyCodec>::Put(txn, *body);
}

// Due deliveries (next_attempt_at <= now) not already in flight here, in due
// order, at most `limit`; sets `more` if the scan was cut short.
Result<std::vector<Delivery>> ScanDue(storage::WriteTxn& txn, int64_t now,
                                      const ClaimRequest& request, size_t limit, bool& more) {
  std::vector<Delivery> due;
  const std::string end = DeliveryCodec::DueKey(now + 1, Id{0});
  GH_CHECK(Table<DeliveryCodec>::ScanIndex(txn, storage::tables::kDeliveriesDue, "", end,
                                           storage::ScanOrder::kForward, [&](const Delivery& d) {
                                             if (request.in_flight(d.id)) return true;
                                             if (due.size() >= limit) {
                                               more = true;
                                               return false;
                                             }
                                             due.push_back(d);
                                             return true;
                                           }));
  return due;
}

// One claim pass's view of the hosts it touches.
struct HostPlan {
  std::optional<HostState> state;
  int claimed = 0;
  bool probe_taken = false;
};

class Claimer {
 public:
  Claimer(storage::WriteTxn& txn, const ClaimRequest& request, const DeliveryOptions& options,
          ClaimResult& result)
      : txn_(txn), request_(request), options_(options), result_(result),
        now_(UnixMillis(request.now)) {}

  Result<> Consider(Delivery d) {
    HostPlan& host = *GH_TRY(Plan(d.host));
    const bool slot_free = request_.free_slots(d.host) - host.claimed > 0;
    if (host.state && host.state->unavailable) {
      const bool probe_due = now_ >= host.state->next_probe_at && !host.probe_taken;
      if (!probe_due) return Defer(d, *host.state);
      if (!slot_free) return Ok();
      // This attempt is the host's probe; the rest wait for the next one.
      host.probe_taken = true;
      host.state->next_probe_at = now_ + Millis(options_.probe_interval);
      GH_CHECK(Table<storage::HostStateCodec>::Put(txn_, *host.state));
    } else if (!slot_free) {
      return Ok();  // stays due; picked up when a slot frees
    }
    ++host.claimed;
    ++d.attempts;
    d.last_attempt_at = now_;
    d.next_attempt_at = now_ + Millis(options_.lease);
    GH_CHECK(Table<DeliveryCodec>::Put(txn_, d));
    result_.claimed.push_back(std::move(d));
    return Ok();
  }

 private:
  Result<HostPlan*> Plan(const std::string& host) {
    auto [it, inserted] = hosts_.try_emplace(host);
    if (inserted) it->second.state = GH_TRY(ReadHostState(txn_, host));
    return &it->second;
  }

  Result<> Defer(Delivery& d, const HostState& host) {
    ++result_.deferred;
    if (now_ - d.created >= Millis(options_.give_up_after)) {
      d.last_error = "host unavailable; gave up after " + std::to_string(d.attempts) + " attempts";
      GH_CHECK(Finish(txn_, d, DeliveryState::kFailed, now_));
    } else {
      d.next_attempt_at = std::max(host.next_probe_at, now_ + 1);
    }
    return Table<DeliveryCodec>::Put(txn_, d);
  }

  storage::WriteTxn& txn_;
  const ClaimRequest& request_;
  const DeliveryOptions& options_;
  ClaimResult& result_;
  const int64_t now_;
  std::map<std::string, HostPlan, std::less<>> hosts_;
};

// Applies `result` to `d` (the stored delivery, still ours).
Result<> Apply(storage::WriteTxn& txn, Delivery& d, const AttemptResult& result, double jitter,
               int64_t now, const DeliveryOptions& options) {
  d.last_status = result.status;
  d.last_error = result.error;
  switch (result.verdict) {
    case AttemptVerdict::kDelivered: return Finish(txn, d, DeliveryState::kDelivered, now);
    case AttemptVerdict::kFailed:
    case AttemptVerdict::kGone: return Finish(txn, d, DeliveryState::kFailed, now);
    case AttemptVerdict::kDropped: return Finish(txn, d, DeliveryState::kDropped, now);
    case AttemptVerdict::kRetry: break;
  }
  if (now - d.created >= Millis(options.give_up_after)) {
    d.last_error = "gave up after " + std::to_string(d.attempts) + " attempts: " + result.error;
    return Finish(txn, d, DeliveryState::kFailed, now);
  }
  d.next_attempt_at = now + RetryDelay(d.attempts, jitter, result.retry_after, options).count();
  return Ok();
}

}  // namespace

Result<ClaimResult> ClaimDue(storage::Store& store, const ClaimRequest& request,
                             const DeliveryOptions& options) {
  ClaimResult result;
  GH_CHECK(store.Write([&](storage::WriteTxn& txn) -> Result<> {
    result = ClaimResult{};  // the write may be retried from scratch
    auto due = GH_TRY(ScanDue(txn, UnixMillis(request.now), request, options.scan_batch,
                              result.more_due));
    Claimer claimer(txn, request, options, result);
    for (auto& d : due) {
      if (result.claimed.size() >= request.max_claims) {
        result.more_due = true;
        break;
      }
      GH_CHECK(claimer.Consider(std::move(d)));
    }
    return Ok();
  }));
  return result;
}

Result<Recorded> RecordOutcome(storage::Store& store, const Delivery& claimed,
                               const AttemptResult& result, double jitter, TimePoint when,
                               const DeliveryOptions& options) {
  const int64_t now = UnixMillis(when);
  Recorded rec;
  GH_CHECK(store.Write([&](storage::WriteTxn& txn) -> Result<> {
    rec = Recorded{};
    auto stored = GH_TRY(Table<DeliveryCodec>::Get(txn, DeliveryCodec::Key(claimed)));
    if (!stored) return Error::Internal("delivery vanished: " + claimed.id.ToString());
    Delivery d = std::move(*stored);
    const bool ours = d.state == DeliveryState::kPending && d.attempts == claimed.attempts;
    // Our lease ran out and someone else claimed it: their attempt decides,
    // unless ours succeeded (success is final; receivers dedupe by id).
    const bool success_wins = d.state == DeliveryState::kPending &&
                              result.verdict == AttemptVerdict::kDelivered;
    if (!ours && !success_wins) {
      rec.stale = true;
      rec.delivery = std::move(d);
      return Ok();
    }
    GH_CHECK(Apply(txn, d, result, jitter, now, options));
    GH_CHECK(Table<DeliveryCodec>::Put(txn, d));
    if (result.host_failed) {
      rec.host_became_unavailable = GH_TRY(RecordHostFailure(txn, d.host, now, options));
    } else if (result.host_alive) {
      rec.host_recovered = GH_TRY(RecordHostAlive(txn, d.host, now));
    }
    rec.delivery = std::move(d);
    return Ok();
  }));
  return rec;
}

}  // namespace guildhall::federation
