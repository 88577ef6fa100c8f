#include "node/community/group_ops.h"

#include "storage/model/table.h"

namespace guildhall::community {

using storage::GroupCodec;
using storage::Membership;
using storage::MembershipCodec;
using storage::MembershipState;
using storage::Table;

namespace {

Result<std::optional<Membership>> Current(storage::ReadTxn& tx, Id group, Id member) {
  return Table<MembershipCodec>::Get(tx, MembershipCodec::KeyOf(group, member));
}

bool IsActive(const std::optional<Membership>& m) {
  return m && m->state == MembershipState::kActive;
}

}  // namespace

Result<Membership> ActivateMembership(storage::WriteTxn& tx, const ServiceDeps& deps,
                                      storage::Group& group, const storage::Member& member,
                                      storage::GroupRole role, Id invited_by) {
  auto old = GH_TRY(Current(tx, group.id, member.id));
  if (IsActive(old)) return std::move(*old);
  Membership m;
  m.group = group.id;
  m.member = member.id;
  m.role = role;
  m.state = MembershipState::kActive;
  m.since = deps.NowMs();
  m.invited_by = old ? old->invited_by : invited_by;
  GH_CHECK(Table<MembershipCodec>::Put(tx, m));
  ++group.member_count;
  GH_CHECK(Table<GroupCodec>::Put(tx, group));
  GH_CHECK(deps.publisher.Publish(tx, events::MemberJoined{group, member, m}));
  return m;
}

Result<> RemoveMembership(storage::WriteTxn& tx, const ServiceDeps& deps, storage::Group& group,
                          const storage::Member& member) {
  auto old = GH_TRY(Current(tx, group.id, member.id));
  if (!old) return Ok();
  GH_CHECK(Table<MembershipCodec>::Erase(tx, MembershipCodec::Key(*old)));
  if (!IsActive(old)) return Ok();
  if (group.member_count > 0) --group.member_count;
  GH_CHECK(Table<GroupCodec>::Put(tx, group));
  return deps.publisher.Publish(tx, events::MemberLeft{group, member});
}

Result<Membership> BanMembership(storage::WriteTxn& tx, const ServiceDeps& deps,
                                 storage::Group& group, const storage::Member& member) {
  auto old = GH_TRY(Current(tx, group.id, member.id));
  Membership m = old.value_or(Membership{.group = group.id, .member = member.id});
  const bool was_active = IsActive(old);
  m.state = MembershipState::kBanned;
  m.role = storage::GroupRole::kMember;
  m.since = deps.NowMs();
  GH_CHECK(Table<MembershipCodec>::Put(tx, m));
  if (was_active && group.member_count > 0) --group.member_count;
  GH_CHECK(Table<GroupCodec>::Put(tx, group));
  GH_CHECK(deps.publisher.Publish(tx, events::MemberBanned{group, member}));
  return m;
}

Result<uint64_t> CountOwners(storage::ReadTxn& tx, Id group) {
  uint64_t owners = 0;
  const std::string prefix = MembershipCodec::ByGroupStateRolePrefix(
      group, MembershipState::kActive, storage::GroupRole::kOwner);
  GH_CHECK(tx.Scan(storage::tables::kMembershipsByGroupState, prefix, storage::PrefixEnd(prefix),
                   storage::ScanOrder::kForward, [&](std::string_view, std::string_view) {
                     ++owners;
                     return true;
                   }));
  return owners;
}

}  // namespace guildhall::community
