// Loading what a decision needs inside a transaction: records by id with
// kNotFound errors, and a GroupAccess bundle (viewer, group, membership) that
// answers permission questions through permissions.h. Shared by every
// service. Stateless; thread-compatible.
#pragma once

#include <optional>
#include <string_view>

#include "node/community/permissions.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"

namespace guildhall::community {

// kNotFound "<what> not found" when absent.
Result<storage::Member> LoadMember(storage::ReadTxn& tx, Id id);
Result<storage::Group> LoadGroup(storage::ReadTxn& tx, Id id);
Result<std::optional<storage::Membership>> LoadMembership(storage::ReadTxn& tx, Id group,
                                                          Id member);

// Id 0 is the anonymous viewer; an unknown id is kUnauthorized (a session for a
// member that no longer exists).
Result<Viewer> LoadViewer(storage::ReadTxn& tx, Id actor);

// The viewer, or kUnauthorized if anonymous or suspended.
Result<Viewer> RequireSignedIn(storage::ReadTxn& tx, Id actor);

struct GroupAccess {
  Viewer viewer;
  storage::Group group;
  std::optional<storage::Membership> membership;

  Decision Decide(Action action, Id author = Id{}) const;
  // Ok() or the error for the decision; a hidden group reads as "<what> not found".
  Result<> Require(Action action, std::string_view what = "group", Id author = Id{}) const;
  GroupCapabilities Capabilities() const;
  bool IsActiveMember() const;
};

Result<GroupAccess> LoadGroupAccess(storage::ReadTxn& tx, Id actor, Id group);

// Requires a node-level permission of `actor`.
Result<Viewer> RequireNode(storage::ReadTxn& tx, Id actor, NodeAction action,
                           bool members_may_create_groups = true);

}  // namespace guildhall::community
