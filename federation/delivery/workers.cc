#include "federation/delivery/workers.h"

#include "federation/delivery/host_health.h"
#include "federation/delivery/log.h"
#include "federation/protocol/url.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {
namespace {

using storage::Delivery;

const char* VerdictName(AttemptVerdict v) {
  switch (v) {
    case AttemptVerdict::kDelivered:
      return "delivered";
    case AttemptVerdict::kRetry:
      return "retry";
    case AttemptVerdict::kFailed:
      return "failed";
    case AttemptVerdict::kGone:
      return "gone";
    case AttemptVerdict::kDropped:
      return "dropped";
  }
  return "unknown";
}

// "host[:port]" from either form MarkHostAlive accepts.
std::string HostKey(std::string_view host_or_url) {
  if (host_or_url.find("://") == std::string_view::npos) return std::string(host_or_url);
  auto origin = OriginOf(host_or_url);
  return origin ? origin->Authority() : std::string();
}

}  // namespace

DeliveryWorkers::DeliveryWorkers(storage::Store& store, HttpClient& client, const Clock& clock,
                                 DeliveryQueue& queue, DeliveryOptions options,
                                 DeliveryCallbacks callbacks)
    : store_(store),
      client_(client),
      clock_(clock),
      queue_(queue),
      options_(std::move(options)),
      callbacks_(std::move(callbacks)),
      rng_(std::random_device{}()) {}

DeliveryWorkers::~DeliveryWorkers() { Stop(); }

void DeliveryWorkers::Start() {
  std::lock_guard lock(mu_);
  if (started_) return;
  started_ = true;
  stopping_ = false;
  workers_stopping_ = false;
  ++wake_seq_;  // the first pass picks up whatever a previous run left queued
  queue_.SetWakeHook([this] { Wake(); });
  dispatcher_ = std::thread([this] { DispatchLoop(); });
  for (int i = 0; i < std::max(1, options_.worker_threads); ++i) {
    workers_.emplace_back([this] { WorkerLoop(); });
  }
}

void DeliveryWorkers::Stop() {
  {
    std::lock_guard lock(mu_);
    if (!started_) return;
    stopping_ = true;
  }
  queue_.SetWakeHook(nullptr);
  cv_.notify_all();
  dispatcher_.join();
  // Workers go last: they finish whatever the dispatcher claimed before it
  // stopped (a few attempts at most), so no claim waits out its lease.
  {
    std::lock_guard lock(mu_);
    workers_stopping_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : workers_) t.join();
  workers_.clear();
  std::lock_guard lock(mu_);
  started_ = false;
}

void DeliveryWorkers::Wake() {
  std::lock_guard lock(mu_);
  ++wake_seq_;
  cv_.notify_all();
}

void DeliveryWorkers::WaitIdle() {
  std::unique_lock lock(mu_);
  const uint64_t target = ++wake_seq_;
  cv_.notify_all();
  cv_.wait(lock, [&] { return idle_seq_ >= target || stopping_ || !started_; });
}

void DeliveryWorkers::DispatchLoop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, options_.poll_interval,
                 [&] { return stopping_ || wake_seq_ != handled_seq_; });
    if (stopping_) break;
    const uint64_t serving = handled_seq_ = wake_seq_;
    lock.unlock();
    const bool claimed_nothing = RunPasses();
    lock.lock();
    if (claimed_nothing && ids_in_flight_.empty() && serving > idle_seq_) {
      idle_seq_ = serving;
      cv_.notify_all();
    }
  }
}

bool DeliveryWorkers::RunPasses() {
  bool claimed_any = false;
  for (;;) {
    size_t capacity = 0;
    {
      std::lock_guard lock(mu_);
      if (stopping_) return false;
      const size_t busy = ids_in_flight_.size();
      capacity = busy < size_t(options_.worker_threads) ? options_.worker_threads - busy : 0;
    }
    if (capacity == 0) return false;
    auto free_slots = [this](std::string_view host) {
      std::lock_guard lock(mu_);
      auto it = host_in_flight_.find(host);
      return options_.concurrency_per_host - (it == host_in_flight_.end() ? 0 : it->second);
    };
    auto in_flight = [this](Id id) {
      std::lock_guard lock(mu_);
      return ids_in_flight_.count(id) > 0;
    };
    auto claim = ClaimDue(store_, {clock_.Now(), capacity, free_slots, in_flight}, options_);
    if (!claim) {
      DeliveryLog().error("event=claim_failed error={}", LogField(claim.error().message));
      return false;  // the next scan tries again
    }
    if (!claim->claimed.empty()) {
      std::lock_guard lock(mu_);
      for (auto& d : claim->claimed) {
        ++host_in_flight_[d.host];
        ids_in_flight_.insert(d.id);
        work_.push_back(std::move(d));
      }
      work_cv_.notify_all();
      claimed_any = true;
    }
    const bool progressed = !claim->claimed.empty() || claim->deferred > 0;
    if (!claim->more_due || !progressed) return !claimed_any;
  }
}

void DeliveryWorkers::WorkerLoop() {
  for (;;) {
    Delivery d;
    {
      std::unique_lock lock(mu_);
      work_cv_.wait(lock, [&] { return workers_stopping_ || !work_.empty(); });
      if (work_.empty()) return;  // stopping, and everything claimed is done
      d = std::move(work_.front());
      work_.pop_front();
    }
    Process(d);
    std::lock_guard lock(mu_);
    if (auto it = host_in_flight_.find(d.host); it != host_in_flight_.end() && --it->second <= 0) {
      host_in_flight_.erase(it);
    }
    ids_in_flight_.erase(d.id);
    ++wake_seq_;  // a slot is free: the dispatcher may claim more
    cv_.notify_all();
  }
}

void DeliveryWorkers::Process(const Delivery& delivery) {
  const AttemptResult result = Attempt(store_, client_, clock_, callbacks_, delivery);
  double jitter = 0;
  {
    std::lock_guard lock(mu_);
    jitter = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  }
  auto recorded = RecordOutcome(store_, delivery, result, jitter, clock_.Now(), options_);
  Count(result);
  LogOutcome(delivery, result, recorded);
  if (recorded && !recorded->stale && result.verdict == AttemptVerdict::kGone &&
      callbacks_.on_gone) {
    callbacks_.on_gone(recorded->delivery);
  }
}

void DeliveryWorkers::Count(const AttemptResult& result) {
  ++attempts_;
  switch (result.verdict) {
    case AttemptVerdict::kDelivered:
      ++delivered_;
      break;
    case AttemptVerdict::kRetry:
      ++retried_;
      break;
    case AttemptVerdict::kFailed:
    case AttemptVerdict::kGone:
      ++failed_;
      break;
    case AttemptVerdict::kDropped:
      ++dropped_;
      break;
  }
}

void DeliveryWorkers::LogOutcome(const Delivery& before, const AttemptResult& result,
                                 const Result<Recorded>& recorded) {
  auto& log = DeliveryLog();
  if (!recorded) {
    log.error("event=record_failed activity={} inbox={} host={} attempt={} error={}",
              before.activity_id, LogField(before.inbox), LogField(before.host), before.attempts,
              LogField(recorded.error().message));
    return;
  }
  const Delivery& d = recorded->delivery;
  const auto level =
      result.verdict == AttemptVerdict::kDelivered ? spdlog::level::info : spdlog::level::warn;
  log.log(level,
          "event=attempt activity={} inbox={} host={} attempt={} status={} outcome={} state={}"
          " next_attempt_at={} error={}{}",
          d.activity_id, LogField(d.inbox), LogField(d.host), before.attempts, result.status,
          VerdictName(result.verdict), storage::DeliveryStateName(d.state),
          d.state == storage::DeliveryState::kPending ? d.next_attempt_at : 0,
          LogField(result.error), recorded->stale ? " stale=true" : "");
  if (recorded->host_became_unavailable) {
    log.warn("event=host_unavailable host={} probe_every_s={}", LogField(d.host),
             options_.probe_interval.count());
  }
  if (recorded->host_recovered) log.info("event=host_recovered host={}", LogField(d.host));
}

Result<> DeliveryWorkers::MarkHostAlive(std::string_view host_or_url) {
  const std::string host = HostKey(host_or_url);
  if (host.empty()) return Error::Invalid("not a host or URL");
  bool needs_write = false;
  GH_CHECK(store_.Read([&](storage::ReadTxn& txn) -> Result<> {
    auto state = GH_TRY(ReadHostState(txn, host));
    needs_write = state && HostNeedsClearing(*state);
    return Ok();
  }));
  if (!needs_write) return Ok();
  bool recovered = false;
  const int64_t now = UnixMillis(clock_.Now());
  GH_CHECK(store_.Write([&](storage::WriteTxn& txn) -> Result<> {
    recovered = GH_TRY(RecordHostAlive(txn, host, now));
    return Ok();
  }));
  if (recovered) {
    DeliveryLog().info("event=host_recovered host={} via=inbound", LogField(host));
    Wake();
  }
  return Ok();
}

DeliveryStats DeliveryWorkers::Stats() const {
  return {attempts_.load(), delivered_.load(), retried_.load(), failed_.load(), dropped_.load()};
}

}  // namespace guildhall::federation
