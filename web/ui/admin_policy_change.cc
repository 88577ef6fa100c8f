#include "web/ui/admin_policy_change.h"

#include <utility>
#include <vector>

#include "node/community/validation.h"
#include "web/ui/listing.h"

namespace guildhall::web {
namespace {

using federation::PolicyChange;
using html::View;
using Kind = PolicyChange::Kind;

constexpr std::pair<Kind, std::string_view> kKinds[] = {
    {Kind::kSetMode, "mode"},
    {Kind::kSetPeer, "peer"},
    {Kind::kRemovePeer, "remove-peer"},
    {Kind::kSetGroupScope, "scope"},
    {Kind::kSetShares, "shares"},
    {Kind::kBanPeerFromGroup, "ban-peer"},
    {Kind::kUnbanPeerFromGroup, "unban-peer"},
};

std::string_view KindValue(Kind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "";
}

// Domains typed one per line, or separated by commas or spaces.
std::vector<std::string> SplitDomains(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : std::string(text) + "\n") {
    if (c == '\n' || c == '\r' || c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(sep)) + item;
  return out;
}

Result<storage::GroupScope> ParseScope(std::string_view name) {
  if (name == "internal") return storage::GroupScope::kInternal;
  if (name == "partners") return storage::GroupScope::kPartners;
  if (name == "public") return storage::GroupScope::kPublic;
  return Error::Invalid("scope: choose internal, partners or public");
}

std::string_view ScopeName(storage::GroupScope scope) {
  switch (scope) {
    case storage::GroupScope::kInternal:
      return "internal";
    case storage::GroupScope::kPartners:
      return "partners";
    case storage::GroupScope::kPublic:
      return "public";
  }
  return "";
}

Result<PolicyChange> PeerFromForm(const Form& form, const std::string& domain) {
  storage::PeerState state;
  if (!storage::ParsePeerState(form.Get("state"), state)) {
    return Error::Invalid("state: choose allowed, limited or blocked");
  }
  const std::string& relationship = form.Get("relationship");
  storage::PeerRelationship parsed;
  if (!relationship.empty() && !storage::ParsePeerRelationship(relationship, parsed)) {
    return Error::Invalid("relationship: choose partner, vendor, association or other");
  }
  // An absent note field keeps the stored note; a present one (even empty) sets it.
  std::optional<std::string> note;
  if (form.Has("note")) note = std::string(community::Trim(form.Get("note")));
  return PolicyChange::SetPeer(domain, state, relationship, std::move(note));
}

}  // namespace

Result<PolicyChange> ChangeFromForm(const Form& form) {
  const std::string& kind = form.Get("change");
  const std::string domain(community::Trim(form.Get("domain")));
  const std::string group(community::Trim(form.Get("group")));
  const bool needs_domain =
      kind == "peer" || kind == "remove-peer" || kind == "ban-peer" || kind == "unban-peer";
  if (needs_domain && domain.empty()) return Error::Invalid("domain: enter the peer's domain");
  const bool needs_group =
      kind == "scope" || kind == "shares" || kind == "ban-peer" || kind == "unban-peer";
  if (needs_group && group.empty()) return Error::Invalid("group: choose a group");
  PolicyChange change;
  if (kind == "mode") {
    federation::FederationMode mode;
    if (!federation::ParseFederationMode(form.Get("mode"), mode)) {
      return Error::Invalid("mode: choose closed, allowlist or open");
    }
    change = PolicyChange::SetMode(mode);
  } else if (kind == "peer") {
    change = GH_TRY(PeerFromForm(form, domain));
  } else if (kind == "remove-peer") {
    change = PolicyChange::RemovePeer(domain);
  } else if (kind == "scope") {
    change = PolicyChange::SetGroupScope(group, GH_TRY(ParseScope(form.Get("scope"))));
  } else if (kind == "shares") {
    change = PolicyChange::SetShares(group, SplitDomains(form.Get("domains")));
  } else if (kind == "ban-peer") {
    change = PolicyChange::BanPeerFromGroup(group, domain);
  } else if (kind == "unban-peer") {
    change = PolicyChange::UnbanPeerFromGroup(group, domain);
  } else {
    return Error::Invalid("change: unknown kind of change");
  }
  change.reason = std::string(community::Trim(form.Get("reason")));
  return change;
}

View ChangeHiddenFields(const PolicyChange& change) {
  View out = html::List();
  auto add = [&](std::string name, std::string value) {
    View f = html::Object();
    f["name"] = std::move(name);
    f["value"] = std::move(value);
    out.push_back(std::move(f));
  };
  add("change", std::string(KindValue(change.kind)));
  switch (change.kind) {
    case Kind::kSetMode:
      add("mode", federation::FederationModeName(change.mode));
      break;
    case Kind::kSetPeer:
      add("domain", change.domain);
      add("state", storage::PeerStateName(change.peer_state));
      add("relationship", change.relationship);
      if (change.note) add("note", *change.note);
      break;
    case Kind::kRemovePeer:
      add("domain", change.domain);
      break;
    case Kind::kSetGroupScope:
      add("group", change.group_slug);
      add("scope", std::string(ScopeName(change.scope)));
      break;
    case Kind::kSetShares:
      add("group", change.group_slug);
      add("domains", Join(change.domains, "\n"));
      break;
    case Kind::kBanPeerFromGroup:
    case Kind::kUnbanPeerFromGroup:
      add("group", change.group_slug);
      add("domain", change.domain);
      break;
  }
  add("reason", change.reason);
  return out;
}

std::string DescribeChange(const PolicyChange& change) {
  switch (change.kind) {
    case Kind::kSetMode:
      return "Set the federation mode to " + std::string(ModeLabel(change.mode));
    case Kind::kSetPeer:
      return std::string(change.peer_state == storage::PeerState::kAllowed   ? "Allow "
                         : change.peer_state == storage::PeerState::kLimited ? "Limit "
                                                                             : "Block ") +
             change.domain + (change.relationship.empty() ? "" : " as " + change.relationship);
    case Kind::kRemovePeer:
      return "Remove " + change.domain + " from the peer list";
    case Kind::kSetGroupScope:
      return "Set the scope of group " + change.group_slug + " to " +
             std::string(ScopeName(change.scope));
    case Kind::kSetShares:
      return change.domains.empty()
                 ? "Share group " + change.group_slug + " with no peer"
                 : "Share group " + change.group_slug + " with " + Join(change.domains, ", ");
    case Kind::kBanPeerFromGroup:
      return "Ban " + change.domain + " from group " + change.group_slug;
    case Kind::kUnbanPeerFromGroup:
      return "Lift the ban of " + change.domain + " from group " + change.group_slug;
  }
  return "";
}

View ImpactView(const federation::Impact& impact) {
  View v = html::Object();
  v["before"] = OptText(impact.before);
  v["after"] = OptText(impact.after);
  v["changed"] = impact.changed;
  v["remote_members"] = html::Num(impact.remote_members);
  v["follows"] = html::Num(impact.follows);
  v["pending_deliveries"] = html::Num(impact.pending_deliveries);
  v["stored_remote_content"] = html::Num(impact.stored_remote_content);
  if (!impact.exposed.audience.empty()) {
    View e = html::Object();
    e["audience"] = impact.exposed.audience;
    e["local_threads"] = html::Num(impact.exposed.local_threads);
    e["local_replies"] = html::Num(impact.exposed.local_replies);
    e["local_events"] = html::Num(impact.exposed.local_events);
    e["remote"] = html::Num(impact.exposed.remote());
    v["exposed"] = std::move(e);
  }
  View groups = html::List();
  for (const auto& g : impact.groups) {
    View gv = html::Object();
    gv["slug"] = g.slug;
    gv["name"] = g.name;
    gv["scope"] = std::string(ScopeLabel(g.scope));
    gv["losing"] = OptText(Join(g.domains_losing, ", "));
    gv["gaining"] = OptText(Join(g.domains_gaining, ", "));
    gv["remote_members"] = html::Num(g.remote_members);
    gv["pending_deliveries"] = html::Num(g.pending_deliveries);
    gv["stored_remote_content"] = html::Num(g.stored_remote_content);
    groups.push_back(std::move(gv));
  }
  v["has_groups"] = !impact.groups.empty();
  v["groups"] = std::move(groups);
  return v;
}

std::string_view ModeLabel(federation::FederationMode mode) {
  switch (mode) {
    case federation::FederationMode::kClosed:
      return "closed (no federation)";
    case federation::FederationMode::kAllowlist:
      return "allowlist (only listed peers)";
    case federation::FederationMode::kOpen:
      return "open (every peer not blocked)";
  }
  return "";
}

std::string_view PeerStateLabel(storage::PeerState state) {
  switch (state) {
    case storage::PeerState::kAllowed:
      return "Allowed";
    case storage::PeerState::kLimited:
      return "Limited";
    case storage::PeerState::kBlocked:
      return "Blocked";
  }
  return "";
}

}  // namespace guildhall::web
