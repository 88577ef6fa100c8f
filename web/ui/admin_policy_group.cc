// A group's federation sharing (/g/{slug}/sharing, spec/POLICY.md §1): its
// scope and share list, which node admins change, and the peers shut out of
// it, which the group's owners and moderators may ban and unban too. Every
// form goes to the confirmation step (/admin/federation/preview) and comes
// back here.
#include "web/ui/admin_policy_pages.h"
#include "web/ui/group_view.h"

namespace guildhall::web {
namespace {

using html::View;

Response SharingPage(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  federation::PolicyAdmin* policy = page.deps().policy_admin;
  if (!policy) return page.NotFound();
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  if (!g->can.moderate && !page.is_admin()) return page.NotFound();
  auto sharing = policy->Sharing(page.viewer(), g->group.slug);
  if (!sharing) return page.Fail(sharing.error());
  View view = GroupPageView(page, *g, GroupTab::kModeration, "Federation sharing");
  view["sharing"] = SharingView(*sharing);
  view["can_admin"] = page.is_admin();
  view["is_internal"] = sharing->scope == storage::GroupScope::kInternal;
  view["back"] = "/g/" + g->group.slug + "/sharing";
  View scopes = html::List();
  for (const auto& [value, label] : std::vector<std::pair<std::string, std::string>>{
           {"internal", "Internal: never leaves this node"},
           {"partners", "Partners: only the peers listed below"},
           {"public", "Public: every peer the node federates with"}}) {
    View s = html::Object();
    s["value"] = value;
    s["label"] = label;
    s["selected"] = value == ScopeValue(sharing->scope);
    scopes.push_back(std::move(s));
  }
  view["scopes"] = std::move(scopes);
  return page.Render("group_sharing", view);
}

}  // namespace

void RegisterGroupSharingPages(UiRouter& ui) {
  ui.Get("/g/{slug}/sharing", "group_sharing", SharingPage);
}

}  // namespace guildhall::web
