// Who may create groups on this node, and with which scope (spec/POLICY.md
// §2): the node setting "community.group_creation", stored in node_settings
// once an admin sets it, else the config's `community.group_creation`. The
// same rule bounds an owner widening a group's scope, so a member cannot get
// by editing what they could not create. Admins may always do both; every
// widening still goes through the policy's preview, confirmation and audit.
// Stateless functions; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"

namespace guildhall::community {

enum class GroupCreation : uint8_t {
  kAdminsOnly,       // "admins-only": only node admins create groups
  kMembersInternal,  // "members-internal" (default): members create internal groups
  kMembersAny,       // "members-any": members create groups of any scope
};

inline constexpr std::string_view kGroupCreationSetting = "community.group_creation";

const char* GroupCreationName(GroupCreation setting);
bool ParseGroupCreation(std::string_view name, GroupCreation& out);

// The stored setting, else `fallback` (the config's). An unreadable stored
// value reads as the narrowest, admins-only (fail closed).
Result<GroupCreation> LoadGroupCreation(storage::ReadTxn& tx, GroupCreation fallback);

// Whether a member who is not a node admin may give a group `scope` under
// `setting` (create it so, or widen their group to it).
bool MembersMayUseScope(GroupCreation setting, storage::GroupScope scope);

// The refusal a member gets for `scope`, naming the field and the setting:
// "scope: only node admins may make a group public here, ask an admin
// (node setting group_creation = members-internal)".
std::string ScopeRefusal(GroupCreation setting, storage::GroupScope scope);

// Whether `actor` may give a group `scope` (create or widen): node admins
// always; other local members as the setting says. kForbidden with
// ScopeRefusal otherwise. Narrowing is not asked here.
Result<> RequireScopeAllowed(storage::ReadTxn& tx, Id actor, storage::GroupScope scope,
                             GroupCreation fallback);

}  // namespace guildhall::community
