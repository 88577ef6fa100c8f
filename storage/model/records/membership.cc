#include "storage/model/records/membership.h"

#include "storage/model/records/codec_util.h"

namespace guildhall::storage {
namespace {
constexpr uint8_t kVersion = 1;
}  // namespace

std::string MembershipCodec::Key(const Membership& m) { return KeyOf(m.group, m.member); }
std::string MembershipCodec::KeyOf(Id group, Id member) {
  return records::IdPairKey(group, member);
}

std::string MembershipCodec::Encode(const Membership& m) {
  ValueWriter w(kVersion);
  w.Id(m.group).Id(m.member);
  records::WriteEnum(w, m.role);
  records::WriteEnum(w, m.state);
  w.I64(m.since).Id(m.invited_by);
  return w.Take();
}

Result<Membership> MembershipCodec::Decode(std::string_view value) {
  ValueReader r(value);
  Membership m;
  bool ok = true;
  m.group = r.Id();
  m.member = r.Id();
  m.role = records::ReadEnum(r, GroupRole::kOwner, ok);
  m.state = records::ReadEnum(r, MembershipState::kBanned, ok);
  m.since = r.I64();
  m.invited_by = r.Id();
  GH_CHECK(records::FinishDecode(r, ok, kVersion, "membership"));
  return m;
}

void MembershipCodec::Indexes(const Membership& m, IndexEntries& out) {
  out.push_back({&tables::kMembershipsByMember, records::IdPairKey(m.member, m.group)});
  out.push_back({&tables::kMembershipsByGroupState, ByGroupStateKey(m)});
}

std::string MembershipCodec::ByGroupPrefix(Id group) { return records::IdKey(group); }
std::string MembershipCodec::ByMemberPrefix(Id member) { return records::IdKey(member); }
std::string MembershipCodec::ByGroupStatePrefix(Id group, MembershipState state) {
  return KeyBuilder().Id(group).U8(static_cast<uint8_t>(state)).Take();
}
std::string MembershipCodec::ByGroupStateRolePrefix(Id group, MembershipState state,
                                                    GroupRole role) {
  const auto rank =
      static_cast<uint8_t>(static_cast<uint8_t>(GroupRole::kOwner) - static_cast<uint8_t>(role));
  return KeyBuilder().Id(group).U8(static_cast<uint8_t>(state)).U8(rank).Take();
}
std::string MembershipCodec::ByGroupStateKey(const Membership& m) {
  return ByGroupStateRolePrefix(m.group, m.state, m.role) + KeyBuilder().Id(m.member).Take();
}
std::string MembershipCodec::StaffEnd(Id group) {
  // Plain members' rank begins where the staff range ends.
  return ByGroupStateRolePrefix(group, MembershipState::kActive, GroupRole::kMember);
}

}  // namespace guildhall::storage
