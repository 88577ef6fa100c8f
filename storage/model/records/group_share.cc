#include "storage/model/records/group_share.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
std::string GroupDomainKey(Id group, std::string_view domain) {
  return KeyBuilder().Id(group).Str(domain).Take();
}
}  // namespace

std::string GroupShareCodec::KeyOf(Id group, std::string_view domain) {
  return GroupDomainKey(group, domain);
}
std::string GroupShareCodec::GroupPrefix(Id group) { return records::IdKey(group); }

std::string GroupShareCodec::Encode(const GroupShare& s) {
  ValueWriter w(kVersion);
  w.Id(s.group).Str(s.domain).Id(s.set_by).I64(s.set_at);
  return w.Take();
}

Result<GroupShare> GroupShareCodec::Decode(std::string_view value) {
  ValueReader r(value);
  GroupShare s;
  s.group = r.Id();
  s.domain = r.Str();
  s.set_by = r.Id();
  s.set_at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "group share"));
  return s;
}

std::string GroupPeerBanCodec::KeyOf(Id group, std::string_view domain) {
  return GroupDomainKey(group, domain);
}
std::string GroupPeerBanCodec::GroupPrefix(Id group) { return records::IdKey(group); }

std::string GroupPeerBanCodec::Encode(const GroupPeerBan& b) {
  ValueWriter w(kVersion);
  w.Id(b.group).Str(b.domain).Id(b.by).Str(b.reason).I64(b.at);
  return w.Take();
}

Result<GroupPeerBan> GroupPeerBanCodec::Decode(std::string_view value) {
  ValueReader r(value);
  GroupPeerBan b;
  b.group = r.Id();
  b.domain = r.Str();
  b.by = r.Id();
  b.reason = r.Str();
  b.at = r.I64();
  GH_CHECK(records::FinishDecode(r, true, kVersion, "group peer ban"));
  return b;
}

}  // namespace guildhall::storage
