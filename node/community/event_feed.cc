#include "node/community/event_feed.h"

#include <algorithm>
#include <limits>

#include "node/community/log.h"
#include "storage/model/log_field.h"

namespace guildhall::community {

namespace {

// Trimming removes at most this many events per write transaction, so that
// one trim never holds the writer long.
constexpr size_t kTrimChunk = 10'000;
constexpr auto kTrimEvery = std::chrono::minutes(1);
constexpr std::chrono::milliseconds kFirstBackoff{1000};

}  // namespace

EventFeed::EventFeed(storage::Store& store, EventSignal& signal, const Clock& clock,
                     EventFeedOptions options)
    : store_(store), signal_(signal), clock_(clock), options_(options) {}

EventFeed::~EventFeed() { Stop(); }

void EventFeed::Add(EventConsumer& consumer) {
  std::lock_guard lock(mu_);
  slots_.push_back(Slot{&consumer, EventConsumerStats{std::string(consumer.name())}});
}

void EventFeed::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void EventFeed::Stop() {
  stop_ = true;
  signal_.Notify();
  if (thread_.joinable()) thread_.join();
}

Result<size_t> EventFeed::Step(Slot& slot) {
  EventConsumer& consumer = *slot.consumer;
  uint64_t head = 0, first = 0;
  std::optional<uint64_t> position;
  std::vector<storage::LoggedEvent> batch;
  GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    head = GH_TRY(LastEventSeq(tx));
    first = GH_TRY(FirstEventSeq(tx));
    position = GH_TRY(ConsumerPosition(tx, consumer.name()));
    if (position) batch = GH_TRY(EventsAfter(tx, *position, options_.batch));
    return Ok();
  }));
  // Never ran, or the events after its position are gone (trimmed while it
  // was failing or switched off): what it derives must come from the source.
  const bool lost = position && *position < head && (first == 0 || *position + 1 < first);
  if (!position || lost) {
    Log().info("event_feed rebuild consumer={} position={} head={}", consumer.name(),
               position.value_or(0), head);
    GH_CHECK(consumer.Rebuild());
    GH_CHECK(store_.Write(
        [&](storage::WriteTxn& tx) { return SetConsumerPosition(tx, consumer.name(), head); }));
    std::lock_guard lock(mu_);
    slot.stats.position = head;
    ++slot.stats.rebuilds;
    return size_t{1};
  }
  if (batch.empty()) {
    std::lock_guard lock(mu_);
    slot.stats.position = *position;
    slot.stats.backlog = head - *position;
    return size_t{0};
  }
  GH_CHECK(consumer.Consume(batch));
  const uint64_t reached = batch.back().seq;
  GH_CHECK(store_.Write(
      [&](storage::WriteTxn& tx) { return SetConsumerPosition(tx, consumer.name(), reached); }));
  std::lock_guard lock(mu_);
  slot.stats.position = reached;
  slot.stats.backlog = head > reached ? head - reached : 0;
  return batch.size();
}

Result<> EventFeed::Trim() {
  uint64_t through = 0, head = 0, first = 0;
  GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    head = GH_TRY(LastEventSeq(tx));
    first = GH_TRY(FirstEventSeq(tx));
    through = head;
    for (const Slot& slot : slots_) {
      through = std::min(through, GH_TRY(ConsumerPosition(tx, slot.consumer->name())).value_or(0));
    }
    return Ok();
  }));
  if (first == 0) return Ok();
  const int64_t now = UnixMillis(clock_.Now());
  const int64_t before = now - options_.retain.count();
  // Past the cap the oldest go whatever their age; a consumer left behind
  // rebuilds (Step).
  const uint64_t kept = head - first + 1;
  const uint64_t over_cap_through =
      kept > options_.max_events ? head - options_.max_events : uint64_t{0};
  auto trim = [&](uint64_t upto, int64_t older_than) -> Result<> {
    for (size_t removed = kTrimChunk; removed == kTrimChunk;) {
      GH_CHECK(store_.Write([&](storage::WriteTxn& tx) -> Result<> {
        removed = GH_TRY(TrimEvents(tx, upto, older_than, kTrimChunk));
        return Ok();
      }));
    }
    return Ok();
  };
  if (over_cap_through > 0) GH_CHECK(trim(over_cap_through, std::numeric_limits<int64_t>::max()));
  if (through > 0) GH_CHECK(trim(through, before));
  return Ok();
}

Result<> EventFeed::CatchUp() {
  for (Slot& slot : slots_) {
    while (GH_TRY(Step(slot)) > 0) {
    }
  }
  return Trim();
}

std::vector<EventConsumerStats> EventFeed::Stats() const {
  std::lock_guard lock(mu_);
  std::vector<EventConsumerStats> out;
  for (const Slot& slot : slots_) out.push_back(slot.stats);
  return out;
}

void EventFeed::Run() {
  uint64_t seen = signal_.generation();
  auto next_trim = std::chrono::steady_clock::now();
  while (!stop_) {
    bool more = false;
    const auto now = std::chrono::steady_clock::now();
    for (Slot& slot : slots_) {
      if (stop_) break;
      if (now < slot.retry_at) continue;
      auto applied = Step(slot);
      if (!applied) {
        slot.backoff = std::min(std::max(slot.backoff * 2, kFirstBackoff), options_.max_backoff);
        slot.retry_at = now + slot.backoff;
        {
          std::lock_guard lock(mu_);
          ++slot.stats.failures;
        }
        Log().warn("event_feed consumer={} failed retry_in_ms={} error={}", slot.consumer->name(),
                   slot.backoff.count(), LogField(applied.error().message));
        continue;
      }
      slot.backoff = {};
      more = more || *applied >= options_.batch;
    }
    if (now >= next_trim) {
      if (auto trimmed = Trim(); !trimmed) {
        Log().warn("event_feed trim failed error={}", LogField(trimmed.error().message));
      }
      next_trim = now + kTrimEvery;
    }
    if (!more) seen = signal_.WaitFor(seen, options_.idle_wait);
  }
}

}  // namespace guildhall::community
