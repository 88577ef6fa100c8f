#include "federation/inbox/processor.h"

#include "federation/inbox/inbox_store.h"
#include "federation/log.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {

using storage::InboxActivity;
using storage::InboxState;

namespace {

// Replayed at startup in chunks; more than this many pending rows means the
// node was down under load, and the rest follow as the queue drains.
constexpr size_t kMaxReplay = 100000;

InboxState StateOf(Outcome::Kind kind) {
  switch (kind) {
    case Outcome::Kind::kDone:
      return InboxState::kDone;
    case Outcome::Kind::kIgnored:
      return InboxState::kIgnored;
    case Outcome::Kind::kFailed:
      return InboxState::kFailed;
    case Outcome::Kind::kRetry:
      return InboxState::kPending;
  }
  return InboxState::kFailed;
}

}  // namespace

const char* OutcomeName(Outcome::Kind kind) {
  switch (kind) {
    case Outcome::Kind::kDone:
      return "applied";
    case Outcome::Kind::kIgnored:
      return "ignored";
    case Outcome::Kind::kFailed:
      return "failed";
    case Outcome::Kind::kRetry:
      return "retry";
  }
  return "unknown";
}

InboxProcessor::InboxProcessor(storage::Store& store, const Clock& clock, Handler handler,
                               ProcessorOptions options)
    : store_(store), clock_(clock), handler_(std::move(handler)), options_(options) {}

InboxProcessor::~InboxProcessor() { Stop(); }

Result<> InboxProcessor::Start() {
  auto pending = GH_TRY(PendingInbound(store_, kMaxReplay));
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
    queue_.insert(queue_.end(), pending.begin(), pending.end());
  }
  const size_t n = options_.threads == 0 ? 1 : options_.threads;
  for (size_t i = 0; i < n; ++i) threads_.emplace_back([this] { WorkerLoop(); });
  if (!pending.empty()) Log().info("inbox replay pending={}", pending.size());
  return Ok();
}

void InboxProcessor::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void InboxProcessor::Enqueue(Id row) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(row);
  }
  cv_.notify_one();
}

void InboxProcessor::WaitIdle() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return stopping_ || (queue_.empty() && in_flight_ == 0); });
}

void InboxProcessor::WorkerLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
      queue_.push_back(delayed_.begin()->second);
      delayed_.erase(delayed_.begin());
    }
    if (stopping_) return;
    if (queue_.empty()) {
      if (delayed_.empty()) {
        cv_.wait(lock);
      } else {
        cv_.wait_until(lock, delayed_.begin()->first);
      }
      continue;
    }
    const Id row = queue_.front();
    queue_.pop_front();
    ++in_flight_;
    lock.unlock();
    Process(row);
    lock.lock();
    --in_flight_;
    cv_.notify_all();  // WaitIdle, and peers waiting on a delayed item
  }
}

void InboxProcessor::Process(Id id) {
  auto row = LoadInbound(store_, id);
  if (!row) {
    Log().error("inbox load failed row={} error={}", id.value, LogField(row.error().message));
    return;
  }
  if (!*row || (*row)->state != InboxState::kPending) return;  // already handled
  const auto started = std::chrono::steady_clock::now();
  Outcome outcome = handler_(**row, started + options_.budget);
  if (std::chrono::steady_clock::now() - started > options_.budget) {
    Log().warn("inbox over budget activity={} ms={}", LogField((*row)->activity_id),
               std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - started)
                   .count());
  }
  if (outcome.kind == Outcome::Kind::kRetry && (*row)->attempts + 1 >= options_.max_attempts) {
    outcome = Outcome::Failed(outcome.reason);
  }
  Record(**row, outcome);
  if (outcome.kind == Outcome::Kind::kRetry) {
    std::lock_guard lock(mu_);
    delayed_.emplace(
        std::chrono::steady_clock::now() + options_.retry_delay * ((*row)->attempts + 1), id);
  }
}

void InboxProcessor::Record(const InboxActivity& row, const Outcome& outcome) {
  Log().info("inbox processed activity={} actor={} type={} result={}{}{}",
             LogField(row.activity_id), LogField(row.actor), LogField(row.type),
             OutcomeName(outcome.kind), outcome.reason.empty() ? "" : " reason=",
             outcome.reason.empty() ? "" : LogField(outcome.reason));
  auto written = FinishInbound(store_, row.id, StateOf(outcome.kind), outcome.reason,
                               UnixMillis(clock_.Now()));
  if (!written) {
    Log().error("inbox finish failed activity={} error={}", LogField(row.activity_id),
                LogField(written.error().message));
  }
}

}  // namespace guildhall::federation
