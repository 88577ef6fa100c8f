#include "federation/follows/mirror.h"

#include "storage/model/table.h"

namespace guildhall::federation {

using storage::GroupCodec;
using storage::Membership;
using storage::MembershipCodec;
using storage::MembershipState;
using storage::Table;

namespace {

Result<std::optional<Membership>> Current(storage::ReadTxn& tx, Id group, Id member) {
  return Table<MembershipCodec>::Get(tx, MembershipCodec::KeyOf(group, member));
}

Membership MembershipIn(const storage::Group& group, Id member, MembershipState state,
                        int64_t now_ms) {
  Membership m;
  m.group = group.id;
  m.member = member;
  m.state = state;
  m.since = now_ms;
  return m;
}

Result<> Uncount(storage::WriteTxn& tx, storage::Group& group) {
  if (group.member_count > 0) --group.member_count;
  return Table<GroupCodec>::Put(tx, group);
}

}  // namespace

Result<> ActivateExternal(storage::WriteTxn& tx, storage::Group& group, Id member, int64_t now_ms) {
  auto old = GH_TRY(Current(tx, group.id, member));
  if (old && (old->state == MembershipState::kActive || old->state == MembershipState::kBanned)) {
    return Ok();
  }
  GH_CHECK(Table<MembershipCodec>::Put(
      tx, MembershipIn(group, member, MembershipState::kActive, now_ms)));
  ++group.member_count;
  return Table<GroupCodec>::Put(tx, group);
}

Result<> RemoveExternal(storage::WriteTxn& tx, storage::Group& group, Id member) {
  auto old = GH_TRY(Current(tx, group.id, member));
  if (!old || old->state == MembershipState::kBanned) return Ok();
  GH_CHECK(Table<MembershipCodec>::Erase(tx, MembershipCodec::Key(*old)));
  return old->state == MembershipState::kActive ? Uncount(tx, group) : Ok();
}

Result<> BanExternal(storage::WriteTxn& tx, storage::Group& group, Id member, int64_t now_ms) {
  auto old = GH_TRY(Current(tx, group.id, member));
  const bool was_active = old && old->state == MembershipState::kActive;
  GH_CHECK(Table<MembershipCodec>::Put(
      tx, MembershipIn(group, member, MembershipState::kBanned, now_ms)));
  return was_active ? Uncount(tx, group) : Ok();
}

Result<> UnbanExternal(storage::WriteTxn& tx, storage::Group& group, Id member) {
  auto old = GH_TRY(Current(tx, group.id, member));
  if (!old || old->state != MembershipState::kBanned) return Ok();
  return Table<MembershipCodec>::Erase(tx, MembershipCodec::Key(*old));
}

}  // namespace guildhall::federation
