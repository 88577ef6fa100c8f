#include "storage/model/records/reply.h"

#include "storage/model/records/codec_util.h"
#include "storage/model/records/content_extras.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string ReplyCodec::Key(const Reply& r) { return KeyOf(r.id); }
std::string ReplyCodec::KeyOf(Id id) { return records::IdKey(id); }

std::string ReplyCodec::Encode(const Reply& r) {
  ValueWriter w(kVersion);
  w.Id(r.id).Id(r.thread).Id(r.group).Id(r.author).Id(r.in_reply_to).Str(r.body);
  w.I64(r.created).I64(r.edited_at).Bool(r.removed).Str(r.removal_reason).Id(r.removed_by);
  w.U64(r.like_count).Str(r.ap_id).U64(r.version);
  // Appended later (spec/STORAGE.md): absent from older values.
  w.U64(r.dislike_count);
  WriteExtras(w, r.extras);
  return w.Take();
}

Result<Reply> ReplyCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Reply p;
  p.id = r.Id();
  p.thread = r.Id();
  p.group = r.Id();
  p.author = r.Id();
  p.in_reply_to = r.Id();
  p.body = r.Str();
  p.created = r.I64();
  p.edited_at = r.I64();
  p.removed = r.Bool();
  p.removal_reason = r.Str();
  p.removed_by = r.Id();
  p.like_count = r.U64();
  p.ap_id = r.Str();
  p.version = r.U64();
  if (r.HasMore()) p.dislike_count = r.U64();
  bool extras_ok = true;
  p.extras = ReadExtras(r, extras_ok);
  GH_CHECK(records::FinishDecode(r, extras_ok, kVersion, "reply"));
  return p;
}

void ReplyCodec::Indexes(const Reply& r, IndexEntries& out) {
  out.push_back({&tables::kRepliesByThread, ByThreadKey(r.thread, r.id)});
  if (!r.ap_id.empty()) out.push_back({&tables::kRepliesByApId, ApIdKey(r.ap_id), true});
}

std::string ReplyCodec::ByThreadPrefix(Id thread) { return records::IdKey(thread); }
std::string ReplyCodec::ByThreadKey(Id thread, Id reply) {
  return records::IdPairKey(thread, reply);
}
std::string ReplyCodec::ApIdKey(std::string_view ap_id) { return KeyBuilder().Str(ap_id).Take(); }

}  // namespace guildhall::storage
