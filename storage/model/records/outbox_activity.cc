#include "storage/model/records/outbox_activity.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string OutboxActivityCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string OutboxActivityCodec::Encode(const OutboxActivity& a) {
  ValueWriter w(kVersion);
  w.Id(a.id);
  records::WriteEnum(w, a.actor_kind);
  w.Id(a.actor).Str(a.type).Id(a.group).Bool(a.listed).Str(a.json).I64(a.published);
  return w.Take();
}

Result<OutboxActivity> OutboxActivityCodec::Decode(std::string_view value) {
  ValueReader r(value);
  OutboxActivity a;
  bool ok = true;
  a.id = r.Id();
  a.actor_kind = records::ReadEnum(r, LocalActorKind::kGroup, ok);
  a.actor = r.Id();
  a.type = r.Str();
  a.group = r.Id();
  a.listed = r.Bool();
  a.json = r.Str();
  a.published = r.I64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "outbox activity"));
  return a;
}

void OutboxActivityCodec::Indexes(const OutboxActivity& a, IndexEntries& out) {
  if (a.listed) {
    out.push_back({&tables::kOutboxByActor, ByActorKey(a.actor_kind, a.actor, a.id)});
  }
}

std::string OutboxActivityCodec::ByActorPrefix(LocalActorKind kind, Id actor) {
  return KeyBuilder().U8(static_cast<uint8_t>(kind)).Id(actor).Take();
}

std::string OutboxActivityCodec::ByActorKey(LocalActorKind kind, Id actor, Id id) {
  return KeyBuilder().U8(static_cast<uint8_t>(kind)).Id(actor).Id(id).Take();
}

}  // namespace guildhall::storage
