// The federation policy forms' shared vocabulary: a PolicyChange
// (federation/policy/policy_admin.h) read from a submitted form and written
// back as hidden fields, so the confirmation page can carry the exact change
// it previewed to the Apply step; a sentence describing it; its Impact as
// template data; and the labels of modes, peer states and relationships.
// No policy logic lives here: what a change does is PolicyAdmin's answer.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "federation/policy/policy_admin.h"
#include "web/html/view.h"
#include "web/ui/form.h"

namespace guildhall::web {

// Form field "change" names the kind: mode, peer, remove-peer, scope, shares,
// ban-peer, unban-peer; the other fields are those of PolicyChange ("mode",
// "domain", "state", "relationship", "note", "group", "scope", "domains" one
// per line or comma-separated, "reason"). kInvalid with "field: problem".
Result<federation::PolicyChange> ChangeFromForm(const Form& form);

// The hidden inputs that make ChangeFromForm give `change` back:
// a list of {name, value} for {{#hidden}}.
html::View ChangeHiddenFields(const federation::PolicyChange& change);

// "Block peer.example", "Share group deals with a.example, b.example", ...
std::string DescribeChange(const federation::PolicyChange& change);

// {before, after, changed, remote_members, follows, pending_deliveries,
// stored_remote_content, groups: [{slug, name, scope, losing, gaining, ...}]}.
html::View ImpactView(const federation::Impact& impact);

// "Allowlist: only listed peers", for people (values are the policy's own
// names: FederationModeName, storage::PeerStateName, ...).
std::string_view ModeLabel(federation::FederationMode mode);
std::string_view PeerStateLabel(storage::PeerState state);

}  // namespace guildhall::web
