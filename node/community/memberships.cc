#include "node/community/memberships.h"

#include <algorithm>

#include "node/community/access.h"
#include "node/community/audit.h"
#include "node/community/group_ops.h"
#include "node/community/notifications.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::GroupRole;
using storage::Membership;
using storage::MembershipCodec;
using storage::MembershipState;
using storage::NotificationKind;
using storage::Table;

namespace {

const char* RoleName(GroupRole r) {
  switch (r) {
    case GroupRole::kMember:
      return "member";
    case GroupRole::kModerator:
      return "moderator";
    case GroupRole::kOwner:
      return "owner";
  }
  return "member";
}

std::string MemberTarget(Id member) { return "member:" + member.ToString(); }

// The target's membership in `state`, or kNotFound.
Result<Membership> RequireState(storage::ReadTxn& tx, Id group, Id member, MembershipState state,
                                std::string_view what) {
  auto m = GH_TRY(LoadMembership(tx, group, member));
  if (!m || m->state != state) return Error::NotFound(std::string(what) + " not found");
  return std::move(*m);
}

}  // namespace

Result<Membership> Memberships::Join(Id actor, Id group) {
  Membership out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    if (!access.group.ap_id.empty() && access.viewer.signed_in()) {
      return Error::Forbidden("this group is on another node: follow it from Communities");
    }
    GH_CHECK(access.Require(Action::kJoin));
    const auto& current = access.membership;
    if (current && current->state != MembershipState::kInvited) {
      out = *current;  // already active or pending
      return Ok();
    }
    const auto member = GH_TRY(LoadMember(tx, actor));
    if (current || access.group.join_mode == storage::JoinMode::kOpen) {
      out = GH_TRY(ActivateMembership(tx, deps_, access.group, member, GroupRole::kMember, Id{}));
      return Ok();
    }
    out = Membership{.group = group,
                     .member = actor,
                     .state = MembershipState::kPending,
                     .since = deps_.NowMs()};
    GH_CHECK(Table<MembershipCodec>::Put(tx, out));
    return NotifyGroupStaff(
        tx, deps_, {.kind = NotificationKind::kJoinRequest, .actor = actor, .group = group});
  }));
  return out;
}

Result<> Memberships::Leave(Id actor, Id group) {
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kViewGroup));
    const auto& m = access.membership;
    if (!m) return Error::NotFound("membership not found");
    if (m->state == MembershipState::kBanned)
      return Error::Forbidden("you are banned from this group");
    if (m->state == MembershipState::kActive && m->role == GroupRole::kOwner &&
        GH_TRY(CountOwners(tx, group)) <= 1) {
      return Error::Conflict("you are the last owner; make someone else owner first");
    }
    const auto member = GH_TRY(LoadMember(tx, actor));
    return RemoveMembership(tx, deps_, access.group, member);
  });
}

Result<Membership> Memberships::Approve(Id actor, Id group, Id member) {
  Membership out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kModerate));
    GH_CHECK(RequireState(tx, group, member, MembershipState::kPending, "join request"));
    const auto target = GH_TRY(LoadMember(tx, member));
    out = GH_TRY(ActivateMembership(tx, deps_, access.group, target, GroupRole::kMember, Id{}));
    GH_CHECK(Notify(tx, deps_,
                    {.recipient = member,
                     .kind = NotificationKind::kJoinApproved,
                     .actor = actor,
                     .group = group}));
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "membership.approve",
                        .target = MemberTarget(member),
                        .group = group,
                        .before = "state=pending",
                        .after = "state=active"});
  }));
  return out;
}

Result<> Memberships::Deny(Id actor, Id group, Id member) {
  return deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kModerate));
    auto m = GH_TRY(RequireState(tx, group, member, MembershipState::kPending, "join request"));
    GH_CHECK(Table<MembershipCodec>::Erase(tx, MembershipCodec::Key(m)));
    GH_CHECK(deps_.publisher.Publish(
        tx, events::JoinDenied{access.group, GH_TRY(LoadMember(tx, member))}));
    GH_CHECK(Notify(tx, deps_,
                    {.recipient = member,
                     .kind = NotificationKind::kJoinDenied,
                     .actor = actor,
                     .group = group}));
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "membership.deny",
                        .target = MemberTarget(member),
                        .group = group,
                        .before = "state=pending",
                        .after = "state=none"});
  });
}

Result<> Memberships::NotifyExternalEnded(storage::WriteTxn& tx, Id group, Id member,
                                          std::string_view reason) {
  constexpr size_t kMaxReason = 300;
  size_t cut = std::min(reason.size(), kMaxReason);
  while (cut > 0 && cut < reason.size() &&
         (static_cast<unsigned char>(reason[cut]) & 0xC0) == 0x80) {
    --cut;  // not inside a UTF-8 sequence
  }
  std::string text(reason.substr(0, cut));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';  // one line, no controls
  }
  return Notify(tx, deps_,
                {.recipient = member,
                 .kind = NotificationKind::kMembershipEnded,
                 .group = group,
                 .text = std::move(text)});
}

Result<Membership> Memberships::Invite(Id actor, Id group, Id member) {
  Membership out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kInvite));
    const auto target = GH_TRY(LoadMember(tx, member));
    if (!target.IsLocal() && access.group.scope == storage::GroupScope::kInternal) {
      return Error::Invalid("member: remote members cannot join internal groups");
    }
    auto current = GH_TRY(LoadMembership(tx, group, member));
    if (current && current->state == MembershipState::kActive) {
      return Error::Conflict("already a member");
    }
    if (current && current->state == MembershipState::kBanned) {
      return Error::Conflict("member is banned from this group; lift the ban first");
    }
    if (current && current->state == MembershipState::kPending) {
      out = GH_TRY(ActivateMembership(tx, deps_, access.group, target, GroupRole::kMember, actor));
      return Notify(tx, deps_,
                    {.recipient = member,
                     .kind = NotificationKind::kJoinApproved,
                     .actor = actor,
                     .group = group});
    }
    out = Membership{.group = group,
                     .member = member,
                     .state = MembershipState::kInvited,
                     .since = deps_.NowMs(),
                     .invited_by = actor};
    GH_CHECK(Table<MembershipCodec>::Put(tx, out));
    return Notify(
        tx, deps_,
        {.recipient = member, .kind = NotificationKind::kInvite, .actor = actor, .group = group});
  }));
  return out;
}

Result<Membership> Memberships::SetRole(Id actor, Id group, Id member, GroupRole role) {
  Membership out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kManageRoles));
    auto m = GH_TRY(RequireState(tx, group, member, MembershipState::kActive, "member"));
    const GroupRole before = m.role;
    if (before == GroupRole::kOwner && role != GroupRole::kOwner &&
        GH_TRY(CountOwners(tx, group)) <= 1) {
      return Error::Conflict("role: the group needs at least one owner");
    }
    m.role = role;
    GH_CHECK(Table<MembershipCodec>::Put(tx, m));
    out = m;
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "membership.role",
                        .target = MemberTarget(member),
                        .group = group,
                        .before = std::string("role=") + RoleName(before),
                        .after = std::string("role=") + RoleName(role)});
  }));
  return out;
}

Result<Page<MemberEntry>> Memberships::List(Id viewer, Id group, MembershipState state,
                                            const PageRequest& page) {
  Page<MemberEntry> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, viewer, group));
    GH_CHECK(access.Require(state == MembershipState::kActive ? Action::kViewMembers
                                                              : Action::kModerate));
    out.next_cursor = GH_TRY(ScanIndexPage<MembershipCodec>(
        tx, storage::tables::kMembershipsByGroupState,
        MembershipCodec::ByGroupStatePrefix(group, state), page, storage::ScanOrder::kForward,
        [&](const Membership& m) -> Result<Visit> {
          out.items.push_back(MemberEntry{m, ToProfile(GH_TRY(LoadMember(tx, m.member)))});
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
