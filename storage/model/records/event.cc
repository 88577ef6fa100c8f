#include "storage/model/records/event.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string EventCodec::Key(const Event& e) { return KeyOf(e.id); }
std::string EventCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string EventCodec::Encode(const Event& e) {
  ValueWriter w(kVersion);
  w.Id(e.id).Id(e.group).Id(e.organizer).Str(e.title).Str(e.description);
  w.I64(e.start).I64(e.end).Str(e.time_zone).Str(e.place).Str(e.online_url).U64(e.capacity);
  w.I64(e.created).I64(e.updated).Bool(e.cancelled);
  w.U64(e.going_count).U64(e.maybe_count).U64(e.waitlist_count).Str(e.ap_id).U64(e.version);
  return w.Take();
}

Result<Event> EventCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Event e;
  e.id = r.Id();
  e.group = r.Id();
  e.organizer = r.Id();
  e.title = r.Str();
  e.description = r.Str();
  e.start = r.I64();
  e.end = r.I64();
  e.time_zone = r.Str();
  e.place = r.Str();
  e.online_url = r.Str();
  e.capacity = r.U64();
  e.created = r.I64();
  e.updated = r.I64();
  e.cancelled = r.Bool();
  e.going_count = r.U64();
  e.maybe_count = r.U64();
  e.waitlist_count = r.U64();
  e.ap_id = r.Str();
  e.version = r.U64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "event"));
  return e;
}

void EventCodec::Indexes(const Event& e, IndexEntries& out) {
  out.push_back({&tables::kEventsByGroup, ByGroupKey(e.group, e.start, e.id)});
  out.push_back({&tables::kEventsByStart, ByStartKey(e.start, e.id)});
  if (!e.ap_id.empty()) out.push_back({&tables::kEventsByApId, ApIdKey(e.ap_id), true});
}

std::string EventCodec::ByGroupPrefix(Id group) { return records::IdKey(group); }
std::string EventCodec::ByGroupKey(Id group, int64_t start, Id id) {
  return KeyBuilder().Id(group).I64(start).Id(id).Take();
}
std::string EventCodec::ByStartKey(int64_t start, Id id) {
  return KeyBuilder().I64(start).Id(id).Take();
}
std::string EventCodec::ApIdKey(std::string_view ap_id) { return KeyBuilder().Str(ap_id).Take(); }

}  // namespace guildhall::storage
