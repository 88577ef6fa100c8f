#include "node/community/group_creation.h"

#include "node/community/access.h"
#include "node/community/audit.h"
#include "node/community/groups.h"
#include "storage/model/records/node_setting.h"
#include "storage/model/table.h"

namespace guildhall::community {
namespace {

constexpr const char* kNames[] = {"admins-only", "members-internal", "members-any"};

const char* ScopeWord(storage::GroupScope scope) {
  return scope == storage::GroupScope::kPublic     ? "public"
         : scope == storage::GroupScope::kPartners ? "partners"
                                                   : "internal";
}

}  // namespace

const char* GroupCreationName(GroupCreation setting) {
  return kNames[static_cast<int>(setting) % 3];
}

bool ParseGroupCreation(std::string_view name, GroupCreation& out) {
  for (int i = 0; i < 3; ++i) {
    if (name == kNames[i]) {
      out = static_cast<GroupCreation>(i);
      return true;
    }
  }
  return false;
}

Result<GroupCreation> LoadGroupCreation(storage::ReadTxn& tx, GroupCreation fallback) {
  auto stored = GH_TRY(storage::Table<storage::NodeSettingCodec>::Get(
      tx, storage::NodeSettingCodec::KeyOf(kGroupCreationSetting)));
  if (!stored) return fallback;
  GroupCreation out = GroupCreation::kAdminsOnly;
  ParseGroupCreation(stored->value, out);  // unknown: stays admins-only
  return out;
}

bool MembersMayUseScope(GroupCreation setting, storage::GroupScope scope) {
  switch (setting) {
    case GroupCreation::kAdminsOnly:
      return false;
    case GroupCreation::kMembersInternal:
      return scope == storage::GroupScope::kInternal;
    case GroupCreation::kMembersAny:
      return true;
  }
  return false;
}

std::string ScopeRefusal(GroupCreation setting, storage::GroupScope scope) {
  const std::string why =
      std::string(" (node setting group_creation = ") + GroupCreationName(setting) + ")";
  if (setting == GroupCreation::kAdminsOnly) {
    return "scope: only node admins may create or widen groups here" + why;
  }
  return std::string("scope: only node admins may make a group ") + ScopeWord(scope) +
         " here, ask an admin" + why;
}

Result<> RequireScopeAllowed(storage::ReadTxn& tx, Id actor, storage::GroupScope scope,
                             GroupCreation fallback) {
  const Viewer v = GH_TRY(RequireSignedIn(tx, actor));
  if (!v.remote && v.role == storage::NodeRole::kAdmin) return Ok();
  const GroupCreation setting = GH_TRY(LoadGroupCreation(tx, fallback));
  if (v.remote || !MembersMayUseScope(setting, scope)) {
    return Error::Forbidden(ScopeRefusal(setting, scope));
  }
  return Ok();
}

}  // namespace guildhall::community

// Groups' reading and setting of the node setting live here, beside the rule.
namespace guildhall::community {

Result<GroupCreationView> Groups::CreationPolicy(Id viewer) {
  GroupCreationView out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(RequireSignedIn(tx, viewer));
    out.setting = GH_TRY(LoadGroupCreation(tx, options_.group_creation));
    auto stored = GH_TRY(storage::Table<storage::NodeSettingCodec>::Get(
        tx, storage::NodeSettingCodec::KeyOf(kGroupCreationSetting)));
    out.from_config = !stored;
    if (stored) out.set_by = stored->set_by, out.set_at = stored->set_at;
    const bool admin = !v.remote && v.role == storage::NodeRole::kAdmin;
    out.may_create = admin || (!v.remote && out.setting != GroupCreation::kAdminsOnly);
    for (auto scope : {storage::GroupScope::kInternal, storage::GroupScope::kPartners,
                       storage::GroupScope::kPublic}) {
      if (out.may_create && (admin || MembersMayUseScope(out.setting, scope))) {
        out.scopes.push_back(scope);
      }
    }
    return Ok();
  }));
  return out;
}

Result<GroupCreationView> Groups::SetCreationPolicy(Id actor, GroupCreation setting) {
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(RequireSignedIn(tx, actor));
    if (v.remote || v.role != storage::NodeRole::kAdmin) {
      return Error::Forbidden("only node admins may change who creates groups");
    }
    const GroupCreation before = GH_TRY(LoadGroupCreation(tx, options_.group_creation));
    const int64_t now = deps_.NowMs();
    GH_CHECK(storage::Table<storage::NodeSettingCodec>::Put(
        tx, storage::NodeSetting{std::string(kGroupCreationSetting), GroupCreationName(setting),
                                 actor, now}));
    return AppendAudit(tx, deps_,
                       {.actor = actor,
                        .action = "node.group_creation",
                        .target = "node",
                        .before = std::string("group_creation=") + GroupCreationName(before),
                        .after = std::string("group_creation=") + GroupCreationName(setting)});
  }));
  return CreationPolicy(actor);
}

}  // namespace guildhall::community
