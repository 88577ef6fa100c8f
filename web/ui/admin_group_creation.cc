// Who may create groups (/admin/groups, spec/POLICY.md §2): the node setting
// `community.group_creation`, shown with where it comes from and changed by
// node admins (audited "node.group_creation"). Widening a group's scope is
// not set here: every widening goes through the policy's confirmation step.
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;

const std::vector<std::pair<std::string, std::string>>& CreationOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"admins-only", "Admins only: members cannot create groups"},
      {"members-internal",
       "Members create internal groups; partners and public groups need an admin"},
      {"members-any", "Members create groups of any scope (each widening is still confirmed)"}};
  return options;
}

Response CreationPage(Page& page, const Errors& errors, unsigned status) {
  if (!page.signed_in()) return page.RequireLogin();
  if (!page.is_admin()) return page.NotFound();
  auto policy = page.c().groups.CreationPolicy(page.viewer());
  if (!policy) return page.Fail(policy.error());
  View view = page.View("Group creation · Admin", Nav::kAdmin);
  view["setting"] = std::string(community::GroupCreationName(policy->setting));
  view["from_config"] = policy->from_config;
  if (!policy->from_config) {
    Authors authors(page, {policy->set_by});
    view["set_by"] = authors.Of(policy->set_by);
    SetTime(view, "set_at", policy->set_at);
  }
  view["fields"] = FieldList({Field({.name = "group_creation",
                                     .label = "Who may create groups",
                                     .type = "select",
                                     .options = CreationOptions()},
                                    community::GroupCreationName(policy->setting), errors)});
  SetFormError(view, errors, {"group_creation"});
  return page.Render("admin_group_creation", view, status);
}

Response SaveCreation(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  if (!page.is_admin()) return page.NotFound();
  community::GroupCreation setting;
  if (!community::ParseGroupCreation(form->Get("group_creation"), setting)) {
    return CreationPage(page, {{"group_creation", "Choose one of the listed options."}}, 400);
  }
  auto saved = page.c().groups.SetCreationPolicy(page.viewer(), setting);
  if (!saved) return page.Fail(saved.error());
  return page.Redirect("/admin/groups", "Group creation: " + form->Get("group_creation") + ".");
}

}  // namespace

void RegisterAdminGroupCreationPages(UiRouter& ui) {
  ui.Get("/admin/groups", "admin_group_creation",
         [](Page& page) { return CreationPage(page, {}, 200); });
  ui.Post("/admin/groups", "admin_group_creation_save", SaveCreation);
}

}  // namespace guildhall::web
