// Whether a viewer may see a search hit now, decided by the community's one
// access policy (node/community/access.h, permissions.h) exactly as the pages
// decide it: content through LoadGroupAccess(...).Decide(kViewContent) (which
// covers internal and invite-only groups, bans, mirrors of external groups
// and remote viewers), groups through kViewGroup, members through the
// directory's kUseDirectory; removed content and inactive members never.
// Caches group decisions for one query. Thread-compatible.
#pragma once

#include <unordered_map>

#include "node/community/access.h"
#include "node/search/indexable.h"

namespace guildhall::search {

class VisibilityCheck {
 public:
  // Inside `tx`, which must outlive this object.
  VisibilityCheck(storage::ReadTxn& tx, Id viewer) : tx_(tx), viewer_(viewer) {}

  Result<bool> Visible(const Indexable& item);

 private:
  Result<bool> Allowed(Id group, community::Action action);

  storage::ReadTxn& tx_;
  const Id viewer_;
  std::unordered_map<Id, bool> content_;  // group -> kViewContent allowed
  std::unordered_map<Id, bool> groups_;   // group -> kViewGroup allowed
  std::optional<bool> directory_;
};

}  // namespace guildhall::search
