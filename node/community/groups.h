// Groups: creating, editing and finding groups. Who may see which group is
// decided in permissions.h; lists only ever contain groups the viewer may
// see. Joining, leaving and roles are in memberships.h. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/community/deps.h"
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

  // The creator becomes the group's owner. kInvalid per field; kConflict
  // "slug: is already taken".
  Result<GroupView> Create(Id actor, const GroupDraft& draft);
  // Owners and admins. Audited when scope or join mode change.
  Result<GroupView> Update(Id actor, Id group, const GroupUpdate& update);
  // kNotFound for groups the viewer may not see.
  Result<GroupView> Get(Id viewer, Id group);
  Result<GroupView> GetBySlug(Id viewer, std::string_view slug);
  // Every group the viewer may see, by slug; optionally one kind only.
  Result<Page<GroupView>> ListVisible(Id viewer, const PageRequest& page,
                                      std::optional<storage::GroupKind> kind = std::nullopt);
  // The viewer's groups (active, pending and invited memberships), by join time.
  Result<std::vector<GroupView>> ListMine(Id viewer);

 private:
  ServiceDeps deps_;
  const CommunityOptions& options_;
};

}  // namespace guildhall::community
