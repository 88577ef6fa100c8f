// Shared pieces of the federation policy pages (admin_policy_pages.cc,
// admin_policy_audit.cc, admin_policy_group.cc): the PolicyAdmin a node
// admin may use, a group's sharing as template data, and the registration
// of the page families. Used on one request's thread.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "federation/policy/policy_admin.h"
#include "web/html/view.h"
#include "web/ui/form.h"
#include "web/ui/page.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {

// The node's PolicyAdmin when the viewer is a signed-in node admin and the
// node federates; null otherwise (the caller answers login or 404).
federation::PolicyAdmin* AdminPolicy(Page& page);

// {slug, name, scope, internal, partners, shares[], has_shares, shares_text,
// bans[{domain, reason}], has_bans}.
html::View SharingView(const federation::GroupSharing& group);

// The confirmation step of a policy change (template admin_policy_confirm):
// what it does, its impact, and a form that posts `hidden` (with the CSRF
// token and `back`) to `action`. The federation admin pages post to
// /admin/federation/apply; a group's creation and settings forms post back
// to themselves with confirm=1, so the confirmed change is the one shown.
struct ConfirmStep {
  std::string heading = "Confirm a federation change";
  std::string description;
  std::string reason;
  federation::Impact impact;
  html::View hidden;
  std::string action = "/admin/federation/apply";
  std::string confirm_label = "Apply this change";
  std::string back;
  Nav nav = Nav::kAdmin;
};
Response RenderConfirm(Page& page, ConfirmStep step);

// The fields of `form` as hidden inputs ({name, value} for {{#hidden}}),
// without the CSRF token and `confirm`, plus confirm=1.
html::View ConfirmedFormFields(const Form& form, std::initializer_list<std::string_view> names);

void RegisterAdminPolicyAuditPages(UiRouter& ui);
void RegisterGroupSharingPages(UiRouter& ui);

}  // namespace guildhall::web
