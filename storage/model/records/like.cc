#include "storage/model/records/like.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string LikeCodec::Key(const Like& l) { return KeyOf(l.object, l.member); }
std::string LikeCodec::KeyOf(Id object, Id member) { return records::IdPairKey(object, member); }

std::string LikeCodec::Encode(const Like& l) {
  ValueWriter w(kVersion);
  w.Id(l.object).Id(l.member);
  records::WriteEnum(w, l.target);
  w.I64(l.at);
  return w.Take();
}

Result<Like> LikeCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Like l;
  bool ok = true;
  l.object = r.Id();
  l.member = r.Id();
  l.target = records::ReadEnum(r, LikeTarget::kReply, ok);
  l.at = r.I64();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "like"));
  return l;
}

std::string LikeCodec::ByObjectPrefix(Id object) { return records::IdKey(object); }

}  // namespace guildhall::storage
