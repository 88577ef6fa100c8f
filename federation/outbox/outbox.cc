#include "federation/outbox/outbox.h"

#include "federation/protocol/as2_writer.h"
#include "storage/model/records/outbox_activity.h"
#include "storage/model/table.h"

namespace guildhall::federation {

Outbox::Outbox(const LocalActors& actors, const Clock& clock, IdGenerator& ids,
               DeliveryQueue& queue)
    : actors_(actors), clock_(clock), ids_(ids), queue_(queue) {}

Result<std::string> Outbox::Send(storage::WriteTxn& tx, const Sender& from, as::Activity& activity,
                                 std::span<const std::string> inboxes) {
  return Send(tx, from, activity, inboxes, false);
}

Result<std::string> Outbox::SendNotice(storage::WriteTxn& tx, const Sender& from,
                                       as::Activity& activity,
                                       std::span<const std::string> inboxes) {
  return Send(tx, from, activity, inboxes, true);
}

Result<std::string> Outbox::Send(storage::WriteTxn& tx, const Sender& from, as::Activity& activity,
                                 std::span<const std::string> inboxes, bool notice) {
  Id id;
  if (activity.id.empty()) {
    id = NewId();
    activity.id = uris().Activity(id);
  } else if (activity.id.starts_with(from.uri + "#")) {
    id = NewId();  // the stored record's key; the JSON keeps the fragment id
  } else {
    auto ref = uris().Parse(activity.id);
    if (!ref || ref->kind != LocalRef::Kind::kActivity) {
      return Error::Internal("activity id not minted by Outbox: " + activity.id);
    }
    id = ref->id;
  }
  activity.actor = from.uri;
  if (!activity.published) activity.published = clock_.Now();
  GH_CHECK(Store(tx, from, id, activity.type, as::WriteActivity(activity), inboxes, activity.id,
                 notice));
  return activity.id;
}

Result<> Outbox::SendJson(storage::WriteTxn& tx, const Sender& from, Id id, std::string_view type,
                          const std::string& json, std::span<const std::string> inboxes) {
  return Store(tx, from, id, type, json, inboxes, uris().Activity(id));
}

Result<> Outbox::Store(storage::WriteTxn& tx, const Sender& from, Id id, std::string_view type,
                       const std::string& json, std::span<const std::string> inboxes,
                       std::string_view activity_uri, bool notice) {
  // DESIGN §4: internal groups never leave the node. Reaching this is a bug.
  if (from.group != nullptr && from.group->scope == storage::GroupScope::kInternal) {
    return Error::Internal("refusing to publish an activity of an internal group");
  }
  storage::OutboxActivity record;
  record.id = id;
  record.actor_kind = from.kind;
  record.actor = from.owner;
  record.type = std::string(type);
  record.group = from.group != nullptr ? from.group->id : Id{};
  record.listed = from.listed;
  record.json = json;
  record.published = UnixMillis(clock_.Now());
  // Our own activity ids are minted here, so a clash is a bug, not a replay.
  GH_CHECK(storage::Table<storage::OutboxActivityCodec>::Insert(tx, record));
  if (inboxes.empty()) return Ok();
  OutboundActivity out{std::string(activity_uri), from.uri, json, record.group, notice};
  return queue_.Enqueue(tx, out, inboxes);
}

Outbox::InboundScope::~InboundScope() {
  if (outbox_ == nullptr) return;
  std::lock_guard lock(outbox_->mu_);
  outbox_->inbound_.erase(key_);
}

Outbox::InboundScope Outbox::ExpectInbound(std::string key, std::string raw_json) {
  {
    std::lock_guard lock(mu_);
    inbound_[key] = std::move(raw_json);
  }
  return InboundScope(this, std::move(key));
}

std::optional<std::string> Outbox::Inbound(std::string_view key) const {
  std::lock_guard lock(mu_);
  auto it = inbound_.find(std::string(key));
  if (it == inbound_.end()) return std::nullopt;
  return it->second;
}

}  // namespace guildhall::federation
