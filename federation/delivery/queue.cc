#include "federation/delivery/queue.h"

#include <set>

#include "federation/delivery/log.h"
#include "federation/protocol/url.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {
namespace {

using storage::Delivery;
using storage::DeliveryBody;
using storage::DeliveryBodyCodec;
using storage::DeliveryCodec;
using storage::Table;

struct Inbox {
  std::string url;
  std::string host;
};

// Normalised, distinct inbox URLs: "https://Peer.Example:443/inbox" and
// "https://peer.example/inbox" are one inbox and get one request.
std::vector<Inbox> DistinctInboxes(std::span<const std::string> urls, std::string_view activity) {
  std::vector<Inbox> out;
  std::set<std::string> seen;
  for (const auto& raw : urls) {
    auto parsed = ParseHttpUrl(raw);
    if (!parsed) {
      DeliveryLog().warn("event=skip_inbox activity={} inbox={} error={}", activity, LogField(raw),
                         LogField(parsed.error().message));
      continue;
    }
    std::string url = parsed->origin.ToString() + parsed->RequestTarget();
    if (seen.insert(url).second) out.push_back({std::move(url), parsed->origin.Authority()});
  }
  return out;
}

// Adds `added` new deliveries to the activity's body record, creating it.
Result<> AddToBody(storage::WriteTxn& txn, const OutboundActivity& activity, uint32_t added,
                   int64_t now) {
  auto existing = GH_TRY(Table<DeliveryBodyCodec>::Get(txn, DeliveryBodyCodec::KeyOf(activity.id)));
  DeliveryBody body = existing
                          ? std::move(*existing)
                          : DeliveryBody{activity.id, activity.actor_id, activity.json, now, 0};
  body.unfinished += added;
  return Table<DeliveryBodyCodec>::Put(txn, body);
}

}  // namespace

Result<> DeliveryQueue::Enqueue(storage::WriteTxn& txn, const OutboundActivity& activity,
                                std::span<const std::string> inbox_urls) {
  if (activity.id.empty() || activity.actor_id.empty() || activity.json.empty()) {
    return Error::Invalid("an outbound activity needs an id, an actor and a body");
  }
  const int64_t now = UnixMillis(clock_.Now());
  uint32_t added = 0;
  for (auto& inbox : DistinctInboxes(inbox_urls, activity.id)) {
    const std::string dedup_key = DeliveryCodec::ActivityInboxKey(activity.id, inbox.url);
    if (txn.Get(storage::tables::kDeliveriesByActivity, dedup_key)) continue;
    Delivery d;
    d.id = ids_.Next();
    d.activity_id = activity.id;
    d.inbox = std::move(inbox.url);
    d.host = std::move(inbox.host);
    d.group_id = activity.group_id;
    d.notice = activity.notice;
    d.next_attempt_at = now;
    d.created = now;
    GH_CHECK(Table<DeliveryCodec>::Insert(txn, d));
    ++added;
  }
  if (added == 0) return Ok();
  GH_CHECK(AddToBody(txn, activity, added, now));
  std::lock_guard lock(mu_);
  if (wake_) txn.AfterCommit(wake_);
  return Ok();
}

void DeliveryQueue::SetWakeHook(std::function<void()> hook) {
  std::lock_guard lock(mu_);
  wake_ = std::move(hook);
}

Result<std::vector<Delivery>> ListDeliveries(storage::ReadTxn& txn, std::string_view activity_id) {
  std::vector<Delivery> out;
  GH_CHECK(Table<DeliveryCodec>::ScanIndexPrefix(
      txn, storage::tables::kDeliveriesByActivity, DeliveryCodec::ActivityPrefix(activity_id),
      storage::ScanOrder::kForward, [&](const Delivery& d) {
        out.push_back(d);
        return true;
      }));
  return out;
}

Result<std::vector<Delivery>> ListDeliveries(storage::Store& store, std::string_view activity_id) {
  std::vector<Delivery> out;
  GH_CHECK(store.Read([&](storage::ReadTxn& txn) -> Result<> {
    out = GH_TRY(ListDeliveries(txn, activity_id));
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::federation
