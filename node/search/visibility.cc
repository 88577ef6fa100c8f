#include "node/search/visibility.h"

namespace guildhall::search {

using community::Action;
using community::Decision;

Result<bool> VisibilityCheck::Allowed(Id group, Action action) {
  auto& cache = action == Action::kViewGroup ? groups_ : content_;
  if (auto it = cache.find(group); it != cache.end()) return it->second;
  auto access = community::LoadGroupAccess(tx_, viewer_, group);
  bool allowed = false;
  if (access) {
    allowed = access->Decide(action) == Decision::kAllow;
  } else if (access.error().code != Code::kNotFound && access.error().code != Code::kUnauthorized) {
    return std::move(access).error();
  }
  cache.emplace(group, allowed);
  return allowed;
}

Result<bool> VisibilityCheck::Visible(const Indexable& item) {
  if (item.hidden) return false;
  switch (item.ref.kind) {
    case DocKind::kGroup:
      return Allowed(item.group, Action::kViewGroup);
    case DocKind::kMember:
      if (!directory_) {
        auto viewer = community::LoadViewer(tx_, viewer_);
        directory_ =
            viewer && community::DecideNode(*viewer, community::NodeAction::kUseDirectory) ==
                          Decision::kAllow;
      }
      return *directory_;
    default:
      return Allowed(item.group, Action::kViewContent);
  }
}

}  // namespace guildhall::search
