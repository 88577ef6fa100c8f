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

// One claim pass's view of a host it touches.
struct HostPlan {
  std::optional<HostState> state;
  int claimed = 0;
  bool probe_taken = false;
};

enum class Plan { kSkip, kClaim, kProbe, kDefer };

// Decides, delivery by delivery in due order, what one pass does (reading
// only, so it can run during the scan), then writes the decisions.
class Claimer {
 public:
  Claimer(storage::WriteTxn& txn, const ClaimRequest& request, const DeliveryOptions& options,
          ClaimResult& result)
      : txn_(txn),
        request_(request),
        options_(options),
        result_(result),
        now_(UnixMillis(request.now)) {}

  // Reserves a host slot (or the host's probe) for `d`, or says to defer or
  // skip it. `can_claim` is false once the pass has claimed all it may.
  Result<Plan> Decide(const Delivery& d, bool can_claim) {
    HostPlan& host = *GH_TRY(Host(d.host));
    const bool unavailable = host.state && host.state->unavailable;
    if (unavailable && (now_ < host.state->next_probe_at || host.probe_taken)) return Plan::kDefer;
    if (!can_claim || request_.free_slots(d.host) - host.claimed <= 0) return Plan::kSkip;
    ++host.claimed;
    if (!unavailable) return Plan::kClaim;
    host.probe_taken = true;  // this attempt is the host's probe; the rest wait
    return Plan::kProbe;
  }

  Result<> Apply(Delivery d, Plan plan) {
    if (plan == Plan::kDefer) return Defer(d);
    if (plan == Plan::kProbe) {
      HostState& state = *GH_TRY(Host(d.host))->state;
      state.next_probe_at = now_ + Millis(options_.probe_interval);
      GH_CHECK(Table<storage::HostStateCodec>::Put(txn_, state));
    }
    ++d.attempts;
    d.last_attempt_at = now_;
    d.next_attempt_at = now_ + Millis(options_.lease);
    GH_CHECK(Table<DeliveryCodec>::Put(txn_, d));
    result_.claimed.push_back(std::move(d));
    return Ok();
  }

 private:
  Result<HostPlan*> Host(const std::string& host) {
    auto [it, inserted] = hosts_.try_emplace(host);
    if (inserted) it->second.state = GH_TRY(ReadHostState(txn_, host));
    return &it->second;
  }

  Result<> Defer(Delivery& d) {
    const HostState& host = *GH_TRY(Host(d.host))->state;
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

// Walks the due index (next_attempt_at <= now) and plans the pass. Hosts at
// their limit are stepped over, not waited on, so one slow host with a long
// backlog does not hold up the others; the walk is still bounded per pass.
Result<std::vector<std::pair<Delivery, Plan>>> PlanPass(storage::WriteTxn& txn, Claimer& claimer,
                                                        const ClaimRequest& request,
                                                        const DeliveryOptions& options,
                                                        ClaimResult& result) {
  std::vector<std::pair<Delivery, Plan>> picked;
  size_t visited = 0, claims = 0, deferrals = 0;
  Result<> status;
  const std::string end = DeliveryCodec::DueKey(UnixMillis(request.now) + 1, Id{0});
  GH_CHECK(Table<DeliveryCodec>::ScanIndex(txn, storage::tables::kDeliveriesDue, "", end,
                                           storage::ScanOrder::kForward, [&](const Delivery& d) {
                                             if (++visited > options.scan_batch * 8 ||
                                                 deferrals >= options.scan_batch) {
                                               result.more_due = true;
                                               return false;
                                             }
                                             if (request.in_flight(d.id)) return true;
                                             const bool can_claim = claims < request.max_claims;
                                             auto plan = claimer.Decide(d, can_claim);
                                             if (!plan) {
                                               status = plan.error();
                                               return false;
                                             }
                                             if (*plan == Plan::kSkip) {
                                               if (!can_claim) result.more_due = true;
                                               return true;
                                             }
                                             ++(*plan == Plan::kDefer ? deferrals : claims);
                                             picked.emplace_back(d, *plan);
                                             return true;
                                           }));
  GH_CHECK(status);
  return picked;
}

// Applies `result` to `d` (the stored delivery, still ours).
Result<> Apply(storage::WriteTxn& txn, Delivery& d, const AttemptResult& result, double jitter,
               int64_t now, const DeliveryOptions& options) {
  d.last_status = result.status;
  d.last_error = result.error;
  switch (result.verdict) {
    case AttemptVerdict::kDelivered:
      return Finish(txn, d, DeliveryState::kDelivered, now);
    case AttemptVerdict::kFailed:
    case AttemptVerdict::kGone:
      return Finish(txn, d, DeliveryState::kFailed, now);
    case AttemptVerdict::kDropped:
      return Finish(txn, d, DeliveryState::kDropped, now);
    case AttemptVerdict::kRetry:
      break;
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
    Claimer claimer(txn, request, options, result);
    auto picked = GH_TRY(PlanPass(txn, claimer, request, options, result));
    for (auto& [d, plan] : picked) GH_CHECK(claimer.Apply(std::move(d), plan));
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
    const bool success_wins =
        d.state == DeliveryState::kPending && result.verdict == AttemptVerdict::kDelivered;
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

Result<> DropPending(storage::WriteTxn& txn, Delivery& d, std::string_view reason, int64_t now) {
  if (d.state != DeliveryState::kPending) return Ok();
  d.last_error = std::string(reason);
  GH_CHECK(Finish(txn, d, DeliveryState::kDropped, now));
  return Table<storage::DeliveryCodec>::Put(txn, d);
}

}  // namespace guildhall::federation
