// Shared pieces of the federation policy pages (admin_policy_pages.cc,
// admin_policy_audit.cc, admin_policy_group.cc): the PolicyAdmin a node
// admin may use, a group's sharing as template data, and the registration
// of the page families. Used on one request's thread.
#pragma once

#include "federation/policy/policy_admin.h"
#include "web/html/view.h"
#include "web/ui/page.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {

// The node's PolicyAdmin when the viewer is a signed-in node admin and the
// node federates; null otherwise (the caller answers login or 404).
federation::PolicyAdmin* AdminPolicy(Page& page);

// {slug, name, scope, internal, partners, shares[], has_shares, shares_text,
// bans[{domain, reason}], has_bans}.
html::View SharingView(const federation::GroupSharing& group);

void RegisterAdminPolicyAuditPages(UiRouter& ui);
void RegisterGroupSharingPages(UiRouter& ui);

}  // namespace guildhall::web
