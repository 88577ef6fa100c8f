// Membership: one member's relation to one group (role and state). Banned
// members keep a membership in state kBanned so that they cannot rejoin.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class GroupRole : uint8_t { kMember = 0, kModerator = 1, kOwner = 2 };
enum class MembershipState : uint8_t { kActive = 0, kPending = 1, kInvited = 2, kBanned = 3 };

struct Membership {
  Id group;
  Id member;
  GroupRole role = GroupRole::kMember;
  MembershipState state = MembershipState::kActive;
  int64_t since = 0;  // unix ms of the last state change
  Id invited_by;      // for kInvited
};

// Key: (Id group, Id member). Indexes:
//   memberships_by_member      (Id member, Id group)
//   memberships_by_group_state (Id group, U8 state, U8 rank, Id member), where
//     rank is 0 for owners, 1 for moderators, 2 for members: lists show the
//     group's staff first, and a group's moderators are one short range.
struct MembershipCodec {
  using Record = Membership;
  static constexpr const TableDef& kTable = tables::kMemberships;
  static std::string Key(const Membership& m);
  static std::string KeyOf(Id group, Id member);
  static std::string Encode(const Membership& m);
  static Result<Membership> Decode(std::string_view value);
  static void Indexes(const Membership& m, IndexEntries& out);
  static std::string ByGroupPrefix(Id group);  // primary keys of one group
  static std::string ByMemberPrefix(Id member);
  static std::string ByGroupStatePrefix(Id group, MembershipState state);
  // Memberships of one group in one state with one role.
  static std::string ByGroupStateRolePrefix(Id group, MembershipState state, GroupRole role);
  // Active owners and moderators: [ByGroupStatePrefix(g, kActive), StaffEnd(g)).
  static std::string StaffEnd(Id group);
  static std::string ByGroupStateKey(const Membership& m);
};

}  // namespace guildhall::storage
