#include "storage/model/records/held_post.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string HeldPostCodec::KeyOf(Id group, Id id) { return KeyBuilder().Id(group).Id(id).Take(); }
std::string HeldPostCodec::GroupPrefix(Id group) { return records::IdKey(group); }

std::string HeldPostCodec::Encode(const HeldPost& h) {
  ValueWriter w(kVersion);
  w.Id(h.id).Id(h.group).Id(h.author).Str(h.object_id).Str(h.activity).I64(h.received);
  return w.Take();
}

Result<HeldPost> HeldPostCodec::Decode(std::string_view value) {
  ValueReader r(value);
  HeldPost h;
  h.id = r.Id();
  h.group = r.Id();
  h.author = r.Id();
  h.object_id = r.Str();
  h.activity = r.Str();
  h.received = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "held post"));
  return h;
}

}  // namespace guildhall::storage
