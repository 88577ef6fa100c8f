// Groups: creating, editing and finding groups. Who may see which group is
// decided in permissions.h; lists only ever contain groups the viewer may
// see. Joining, leaving and roles are in memberships.h. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/community/deps.h"
#include "node/community/group_creation.h"
#include "node/community/options.h"
#include "node/community/pagination.h"
#include "node/community/permissions.h"
#include "storage/model/records/group.h"
#include "storage/model/records/membership.h"

namespace guildhall::community {

struct GroupDraft {
  std::string slug;         // [a-z0-9-]{2,40}; fixed once created (URLs and federation ids use it)
  std::string name;         // 2-80 characters
  std::string description;  // Markdown, up to 10,000 characters
  storage::GroupKind kind = storage::GroupKind::kPractice;
  storage::GroupScope scope = storage::GroupScope::kInternal;
  storage::JoinMode join_mode = storage::JoinMode::kOpen;
  // Empty: the creator owns it. A node admin may create a group for another
  // local member (the CLI's --owner); the admin is the actor of the audit.
  Id owner;
};

// The node's group-creation setting as one viewer meets it.
struct GroupCreationView {
  GroupCreation setting = GroupCreation::kMembersInternal;
  bool from_config = true;  // no admin has set it: config `community.group_creation`
  Id set_by;
  int64_t set_at = 0;
  bool may_create = false;                  // the viewer may create groups at all
  std::vector<storage::GroupScope> scopes;  // and with these scopes
};

// Fields left empty stay as they are.
struct GroupUpdate {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<storage::GroupKind> kind;
  std::optional<storage::GroupScope> scope;
  std::optional<storage::JoinMode> join_mode;
  uint64_t expected_version = 0;  // 0: don't check; else kConflict if the group changed
};

// A group as one viewer sees it.
struct GroupView {
  storage::Group group;
  std::optional<storage::Membership> membership;  // the viewer's, if any
  GroupCapabilities can;
};

class Groups {
 public:
  Groups(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher,
         const CommunityOptions& options)
      : deps_{store, clock, ids, publisher}, options_(options) {}
  Groups(const Groups&) = delete;
  Groups& operator=(const Groups&) = delete;

  // The creator (or draft.owner) becomes the group's owner. kInvalid per
  // field; kConflict "slug: is already taken"; kForbidden "scope: ..." when
  // the group-creation setting refuses the actor that scope. A group created
  // partners or public is written internal and widened in the same write
  // through Publisher::GroupScopeChanging: the policy's path and audit entry.
  Result<GroupView> Create(Id actor, const GroupDraft& draft);
  // Owners and admins. Audited when scope or join mode change. Widening the
  // scope is bounded by the group-creation setting (kForbidden "scope: ...").
  Result<GroupView> Update(Id actor, Id group, const GroupUpdate& update);

  // The group-creation setting (spec/POLICY.md §2) for any signed-in viewer;
  // admins set it (kForbidden otherwise), audited "node.group_creation".
  Result<GroupCreationView> CreationPolicy(Id viewer);
  Result<GroupCreationView> SetCreationPolicy(Id actor, GroupCreation setting);
  // kNotFound for groups the viewer may not see.
  Result<GroupView> Get(Id viewer, Id group);
  Result<GroupView> GetBySlug(Id viewer, std::string_view slug);
  // Every group the viewer may see, by slug; optionally one kind only.
  Result<Page<GroupView>> ListVisible(Id viewer, const PageRequest& page,
                                      std::optional<storage::GroupKind> kind = std::nullopt);
  // The viewer's groups (active, pending and invited memberships), by join time.
  Result<std::vector<GroupView>> ListMine(Id viewer);

 private:
  Result<storage::Group> WidenNew(storage::WriteTxn& tx, Id actor, const storage::Group& g,
                                  storage::GroupScope scope);
  ServiceDeps deps_;
  const CommunityOptions& options_;
};

}  // namespace guildhall::community
