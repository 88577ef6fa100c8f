#include "storage/model/records/thread.h"

#include "storage/model/records/codec_util.h"
#include "storage/model/records/content_extras.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string ThreadCodec::Key(const Thread& t) { return KeyOf(t.id); }
std::string ThreadCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string ThreadCodec::Encode(const Thread& t) {
  ValueWriter w(kVersion);
  w.Id(t.id).Id(t.group).Id(t.author).Str(t.title).Str(t.body);
  w.I64(t.created).I64(t.edited_at).I64(t.last_activity);
  w.Bool(t.pinned).Bool(t.locked).Bool(t.removed).Str(t.removal_reason).Id(t.removed_by);
  w.U64(t.reply_count).U64(t.like_count).Str(t.ap_id).U64(t.version);
  // Appended later (spec/STORAGE.md): absent from older values.
  w.U64(t.dislike_count);
  WriteExtras(w, t.extras);
  return w.Take();
}

Result<Thread> ThreadCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Thread t;
  t.id = r.Id();
  t.group = r.Id();
  t.author = r.Id();
  t.title = r.Str();
  t.body = r.Str();
  t.created = r.I64();
  t.edited_at = r.I64();
  t.last_activity = r.I64();
  t.pinned = r.Bool();
  t.locked = r.Bool();
  t.removed = r.Bool();
  t.removal_reason = r.Str();
  t.removed_by = r.Id();
  t.reply_count = r.U64();
  t.like_count = r.U64();
  t.ap_id = r.Str();
  t.version = r.U64();
  if (r.HasMore()) t.dislike_count = r.U64();
  bool extras_ok = true;
  t.extras = ReadExtras(r, extras_ok);
  GH_CHECK(records::FinishDecode(r, extras_ok, kVersion, "thread"));
  return t;
}

void ThreadCodec::Indexes(const Thread& t, IndexEntries& out) {
  out.push_back({&tables::kThreadsByGroup, ByGroupKey(t)});
  if (!t.ap_id.empty()) out.push_back({&tables::kThreadsByApId, ApIdKey(t.ap_id), true});
}

std::string ThreadCodec::ByGroupPrefix(Id group) { return records::IdKey(group); }
std::string ThreadCodec::ByGroupKey(const Thread& t) {
  return KeyBuilder().Id(t.group).U8(t.pinned ? 1 : 0).I64(t.last_activity).Id(t.id).Take();
}
std::string ThreadCodec::ApIdKey(std::string_view ap_id) { return KeyBuilder().Str(ap_id).Take(); }

}  // namespace guildhall::storage
