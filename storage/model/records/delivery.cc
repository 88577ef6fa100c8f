#include "storage/model/records/delivery.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 2;  // 2: notice
}  // namespace

const char* DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kFailed:
      return "failed";
    case DeliveryState::kDropped:
      return "dropped";
  }
  return "unknown";
}

std::string DeliveryCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string DeliveryCodec::Encode(const Delivery& d) {
  ValueWriter w(kVersion);
  w.Id(d.id).Str(d.activity_id).Str(d.inbox).Str(d.host).Id(d.group_id);
  records::WriteEnum(w, d.state);
  w.U64(d.attempts).I64(d.next_attempt_at).I64(d.created).I64(d.last_attempt_at);
  w.I64(d.finished_at).U64(d.last_status).Str(d.last_error);
  w.Bool(d.notice);
  return w.Take();
}

Result<Delivery> DeliveryCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Delivery d;
  bool ok = true;
  d.id = r.Id();
  d.activity_id = r.Str();
  d.inbox = r.Str();
  d.host = r.Str();
  d.group_id = r.Id();
  d.state = records::ReadEnum(r, DeliveryState::kDropped, ok);
  d.attempts = static_cast<uint32_t>(r.U64());
  d.next_attempt_at = r.I64();
  d.created = r.I64();
  d.last_attempt_at = r.I64();
  d.finished_at = r.I64();
  d.last_status = static_cast<uint32_t>(r.U64());
  d.last_error = r.Str();
  if (r.version() >= 2) d.notice = r.Bool();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "delivery"));
  return d;
}

void DeliveryCodec::Indexes(const Delivery& d, IndexEntries& out) {
  out.push_back({&tables::kDeliveriesByActivity, ActivityInboxKey(d.activity_id, d.inbox), true});
  if (d.state != DeliveryState::kPending) return;
  out.push_back({&tables::kDeliveriesDue, DueKey(d.next_attempt_at, d.id)});
  out.push_back({&tables::kDeliveriesByHost, KeyBuilder().Str(d.host).Id(d.id).Take()});
}

std::string DeliveryCodec::DueKey(int64_t next_attempt_at, Id id) {
  return KeyBuilder().I64(next_attempt_at).Id(id).Take();
}
std::string DeliveryCodec::ActivityPrefix(std::string_view activity_id) {
  return KeyBuilder().Str(activity_id).Take();
}
std::string DeliveryCodec::ActivityInboxKey(std::string_view activity_id, std::string_view inbox) {
  return KeyBuilder().Str(activity_id).Str(inbox).Take();
}
std::string DeliveryCodec::HostPrefix(std::string_view host) {
  return KeyBuilder().Str(host).Take();
}

std::string DeliveryBodyCodec::KeyOf(std::string_view activity_id) {
  return KeyBuilder().Str(activity_id).Take();
}

std::string DeliveryBodyCodec::Encode(const DeliveryBody& b) {
  ValueWriter w(kVersion);
  w.Str(b.activity_id).Str(b.actor_id).Str(b.json).I64(b.created).U64(b.unfinished);
  return w.Take();
}

Result<DeliveryBody> DeliveryBodyCodec::Decode(std::string_view value) {
  ValueReader r(value);
  DeliveryBody b;
  b.activity_id = r.Str();
  b.actor_id = r.Str();
  b.json = r.Str();
  b.created = r.I64();
  b.unfinished = static_cast<uint32_t>(r.U64());
  GH_CHECK(records::FinishDecode(r, true, kVersion, "delivery body"));
  return b;
}

}  // namespace guildhall::storage
