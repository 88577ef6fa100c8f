#include "storage/model/records/ban.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string BanCodec::Key(const Ban& b) { return KeyOf(b.group, b.member); }
std::string BanCodec::KeyOf(Id group, Id member) { return records::IdPairKey(group, member); }

std::string BanCodec::Encode(const Ban& b) {
  ValueWriter w(kVersion);
  w.Id(b.group).Id(b.member).Id(b.by).Str(b.reason).I64(b.at);
  return w.Take();
}

Result<Ban> BanCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Ban b;
  b.group = r.Id();
  b.member = r.Id();
  b.by = r.Id();
  b.reason = r.Str();
  b.at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "ban"));
  return b;
}

}  // namespace guildhall::storage
