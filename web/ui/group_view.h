// The frame every group page shares: loading the group by its slug for the
// viewer (a group the viewer may not see is the same 404 as a missing one),
// and the group header with its tabs and join/leave controls.
// Used on one request's thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "web/html/view.h"
#include "web/ui/page.h"

namespace guildhall::web {

enum class GroupTab { kThreads, kEvents, kLibrary, kMembers, kModeration, kSettings };

// The group at /g/{slug} as the viewer sees it.
Result<community::GroupView> LoadGroup(Page& page, std::string_view slug);

// The page view with view["group"] (name, slug, description_html, labels,
// tabs, membership controls) filled in.
html::View GroupPageView(Page& page, const community::GroupView& group, GroupTab tab,
                         std::string title);

// The fields of the group create/settings forms, and reading them back
// (group_pages.cc). `scope_hint` (optional) is shown under the scope field.
html::View GroupFormFields(const Form& values, const std::map<std::string, std::string>& errors,
                           bool with_slug, std::string scope_hint = {});
// The scope field's hint for a viewer the group-creation setting limits
// ("Partners and public groups need an admin here."), else empty.
std::string ScopeHint(Page& page);
// Whether a form that changes a group's scope from `from` to `to` must first
// show the policy's preview (a widening, not yet confirmed with confirm=1,
// on a node that federates: spec/POLICY.md §2).
bool NeedsScopeConfirmation(Page& page, const Form& form, storage::GroupScope from,
                            storage::GroupScope to);
Result<> ReadGroupOptions(const Form& form, storage::GroupKind& kind, storage::GroupScope& scope,
                          storage::JoinMode& mode);
std::string KindValue(storage::GroupKind kind);
std::string ScopeValue(storage::GroupScope scope);
std::string JoinValue(storage::JoinMode mode);

}  // namespace guildhall::web
