// Federation policy administration (DESIGN §4, spec/POLICY.md): the node
// mode, the peer list with its counts, every group's sharing, and the
// confirmation step every change goes through — the form posts to
// /admin/federation/preview, which shows PolicyAdmin::Preview's impact and
// carries the same change to /admin/federation/apply. Node admins only,
// except group peer bans, which PolicyAdmin also lets a group's moderators
// make (from /g/{slug}/sharing, admin_policy_group.cc).
#include "web/ui/admin_policy_pages.h"

#include "web/ui/admin_policy_change.h"
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"
#include "web/ui/url.h"

namespace guildhall::web {
namespace {

using federation::PolicyChange;
using html::View;

const std::vector<std::pair<std::string, std::string>>& ModeOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"closed", "Closed: no federation"},
      {"allowlist", "Allowlist: only peers on the list"},
      {"open", "Open: every peer that is not blocked"}};
  return options;
}

const std::vector<std::pair<std::string, std::string>>& StateOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"allowed", "Allowed"},
      {"limited", "Limited: public groups only, posts need approval"},
      {"blocked", "Blocked"}};
  return options;
}

const std::vector<std::pair<std::string, std::string>>& RelationshipOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"partner", "Partner"},
      {"vendor", "Vendor"},
      {"association", "Association"},
      {"other", "Other"}};
  return options;
}

Response ModePage(Page& page) {
  federation::PolicyAdmin* policy = AdminPolicy(page);
  if (!policy) return page.signed_in() ? page.NotFound() : page.RequireLogin();
  auto mode = policy->Mode(page.viewer());
  if (!mode) return page.Fail(mode.error());
  View view = page.View("Federation mode · Admin", Nav::kAdmin);
  view["mode"] = std::string(ModeLabel(mode->mode));
  view["from_config"] = mode->from_config;
  if (!mode->from_config) {
    Authors authors(page, {mode->set_by});
    view["set_by"] = authors.Of(mode->set_by);
    SetTime(view, "set_at", mode->set_at);
  }
  view["fields"] = FieldList(
      {Field({.name = "mode", .label = "New mode", .type = "select", .options = ModeOptions()},
             federation::FederationModeName(mode->mode)),
       Field({.name = "reason", .label = "Reason (kept in the audit log)"}, "")});
  return page.Render("admin_policy_mode", view);
}

View PeerRow(const Authors& authors, const federation::PeerView& p) {
  View v = html::Object();
  v["domain"] = p.peer.domain;
  v["listed"] = p.listed;
  v["allowed"] = p.allowed;
  v["relationship"] =
      p.listed ? std::string(storage::PeerRelationshipName(p.peer.relationship)) : "";
  v["state"] = p.listed ? std::string(PeerStateLabel(p.peer.state)) : "Not listed";
  v["state_value"] = p.listed ? std::string(storage::PeerStateName(p.peer.state)) : "unlisted";
  v["note"] = OptText(p.peer.note);
  v["set_by"] = p.listed ? authors.Of(p.peer.set_by) : View(false);
  if (p.listed) SetTime(v, "set_at", p.peer.set_at);
  v["followers"] = html::Num(p.followers);
  v["members"] = html::Num(p.members);
  v["pending_deliveries"] = html::Num(p.pending_deliveries);
  v["failed_deliveries"] = html::Num(p.failed_deliveries);
  v["edit_href"] = "/admin/federation/peers?domain=" + UrlEncode(p.peer.domain) + "#edit-h";
  return v;
}

// The add/edit form, filled from the peer being edited (?domain=).
View PeerForm(const std::optional<federation::PeerView>& editing, const std::string& domain) {
  const bool listed = editing && editing->listed;
  View form = html::Object();
  form["editing"] = listed;
  form["domain"] = domain;
  form["fields"] = FieldList({
      Field({.name = "domain",
             .label = "Domain",
             .hint =
                 "As the peer's addresses spell it, e.g. partner.example or partner.example:8443.",
             .required = true},
            domain),
      Field({.name = "state", .label = "State", .type = "select", .options = StateOptions()},
            listed ? storage::PeerStateName(editing->peer.state) : "allowed"),
      Field({.name = "relationship",
             .label = "Relationship",
             .type = "select",
             .options = RelationshipOptions()},
            listed ? storage::PeerRelationshipName(editing->peer.relationship) : "partner"),
      Field({.name = "note", .label = "Note", .type = "textarea", .rows = 2},
            listed ? editing->peer.note : ""),
      Field({.name = "reason", .label = "Reason (kept in the audit log)"}, ""),
  });
  return form;
}

Response PeersPage(Page& page) {
  federation::PolicyAdmin* policy = AdminPolicy(page);
  if (!policy) return page.signed_in() ? page.NotFound() : page.RequireLogin();
  const bool all = page.req().Query("all").value_or("") == "1";
  auto peers = policy->ListPeers(page.viewer(), all);
  if (!peers) return page.Fail(peers.error());
  std::vector<Id> ids;
  for (const auto& p : *peers) ids.push_back(p.peer.set_by);
  Authors authors(page, std::move(ids));
  View rows = html::List();
  for (const auto& p : *peers) rows.push_back(PeerRow(authors, p));
  View view = page.View("Federation peers · Admin", Nav::kAdmin);
  view["peers"] = std::move(rows);
  view["has_peers"] = !peers->empty();
  view["all"] = all;
  const std::string domain = page.req().Query("domain").value_or("");
  std::optional<federation::PeerView> editing;
  if (!domain.empty()) {
    auto found = policy->GetPeer(page.viewer(), domain);
    if (!found) return page.Fail(found.error());
    editing = *found;
  }
  view["form"] = PeerForm(editing, domain);
  return page.Render("admin_policy_peers", view);
}

Response GroupsPage(Page& page) {
  federation::PolicyAdmin* policy = AdminPolicy(page);
  if (!policy) return page.signed_in() ? page.NotFound() : page.RequireLogin();
  auto groups = policy->ListSharing(page.viewer());
  if (!groups) return page.Fail(groups.error());
  View rows = html::List();
  for (const auto& g : *groups) rows.push_back(SharingView(g));
  View view = page.View("Group sharing · Admin", Nav::kAdmin);
  view["groups"] = std::move(rows);
  return page.Render("admin_policy_groups", view);
}

// Where to go back to after the change: a local path from the form.
std::string BackOf(const Form& form) {
  const std::string& back = form.Get("back");
  return back.empty() ? "/admin/federation/peers" : SafeNext(back);
}

// The change a confirmation form carries, with the PolicyAdmin to run it.
struct PostedChange {
  federation::PolicyAdmin* policy;
  PolicyChange change;
  std::string back;
};

// nullopt with `failure` set when the form, the node or the change is wrong.
std::optional<PostedChange> ReadChange(Page& page, Response& failure) {
  auto form = page.MemberForm(failure);
  if (!form) return std::nullopt;
  federation::PolicyAdmin* policy = page.deps().policy_admin;
  if (!policy) {
    failure = page.NotFound();
    return std::nullopt;
  }
  std::string back = BackOf(*form);
  auto change = ChangeFromForm(*form);
  if (!change) {
    failure = page.Redirect(back, change.error().message, "error");
    return std::nullopt;
  }
  return PostedChange{policy, std::move(*change), std::move(back)};
}

// A refused change goes back to its form with the reason; a permission or
// store problem is an error page.
Response Refused(Page& page, const std::string& back, const Error& error) {
  if (error.code == Code::kInvalid || error.code == Code::kNotFound ||
      error.code == Code::kConflict) {
    return page.Redirect(back, error.message, "error");
  }
  return page.Fail(error);
}

Response Preview(Page& page) {
  Response failure;
  auto posted = ReadChange(page, failure);
  if (!posted) return failure;
  auto impact = posted->policy->Preview(page.viewer(), posted->change);
  if (!impact) return Refused(page, posted->back, impact.error());
  return RenderConfirm(page, {.description = DescribeChange(posted->change),
                              .reason = posted->change.reason,
                              .impact = *impact,
                              .hidden = ChangeHiddenFields(posted->change),
                              .back = posted->back});
}

std::string Count(uint64_t n, std::string_view one, std::string_view many) {
  return html::Num(n) + " " + std::string(n == 1 ? one : many);
}

// "Done." and what the change took away, if anything.
std::string Summary(const federation::Impact& impact) {
  if (!impact.changed) return "Nothing changed.";
  std::vector<std::string> parts;
  if (impact.remote_members)
    parts.push_back(Count(impact.remote_members, "remote member", "remote members") + " left");
  if (impact.follows) parts.push_back(Count(impact.follows, "follow", "follows") + " ended");
  if (impact.pending_deliveries) {
    parts.push_back(Count(impact.pending_deliveries, "pending delivery", "pending deliveries") +
                    " dropped");
  }
  std::string out = "Done.";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : " ") + parts[i];
  return parts.empty() ? out : out + ".";
}

Response Apply(Page& page) {
  Response failure;
  auto posted = ReadChange(page, failure);
  if (!posted) return failure;
  auto impact = posted->policy->Apply(page.viewer(), posted->change);
  if (!impact) return Refused(page, posted->back, impact.error());
  return page.Redirect(posted->back, DescribeChange(posted->change) + ": " + Summary(*impact));
}

}  // namespace

Response RenderConfirm(Page& page, ConfirmStep step) {
  View view = page.View(step.heading, step.nav);
  view["heading"] = step.heading;
  view["description"] = step.description;
  view["reason"] = OptText(step.reason);
  view["impact"] = ImpactView(step.impact);
  view["hidden"] = std::move(step.hidden);  // a View moves, never copies
  view["action"] = step.action;
  view["confirm_label"] = step.confirm_label;
  view["back"] = step.back;
  return page.Render("admin_policy_confirm", view);
}

View ConfirmedFormFields(const Form& form, std::initializer_list<std::string_view> names) {
  View out = html::List();
  auto add = [&](std::string_view name, const std::string& value) {
    View f = html::Object();
    f["name"] = std::string(name);
    f["value"] = value;
    out.push_back(std::move(f));
  };
  for (std::string_view name : names) {
    if (form.Has(name)) add(name, form.Get(name));
  }
  add("confirm", "1");
  return out;
}

federation::PolicyAdmin* AdminPolicy(Page& page) {
  if (!page.signed_in() || !page.is_admin()) return nullptr;
  return page.deps().policy_admin;
}

View SharingView(const federation::GroupSharing& g) {
  View v = html::Object();
  v["slug"] = g.slug;
  v["name"] = g.name;
  v["scope"] = std::string(ScopeLabel(g.scope));
  v["internal"] = g.scope == storage::GroupScope::kInternal;
  v["partners"] = g.scope == storage::GroupScope::kPartners;
  View shares = html::List();
  std::string text;
  for (const auto& s : g.shares) {
    shares.push_back(View(s.domain));
    text += s.domain + "\n";
  }
  v["shares"] = std::move(shares);
  v["has_shares"] = !g.shares.empty();
  v["shares_text"] = text;
  View bans = html::List();
  for (const auto& b : g.bans) {
    View bv = html::Object();
    bv["domain"] = b.domain;
    bv["reason"] = OptText(b.reason);
    bans.push_back(std::move(bv));
  }
  v["has_bans"] = !g.bans.empty();
  v["bans"] = std::move(bans);
  return v;
}

void RegisterAdminPolicyPages(UiRouter& ui) {
  ui.Get("/admin/federation", "admin_federation",
         [](Page& page) { return page.Redirect("/admin/federation/peers"); });
  ui.Get("/admin/federation/mode", "admin_federation_mode", ModePage);
  ui.Get("/admin/federation/peers", "admin_federation_peers", PeersPage);
  ui.Get("/admin/federation/groups", "admin_federation_groups", GroupsPage);
  ui.Post("/admin/federation/preview", "admin_federation_preview", Preview);
  ui.Post("/admin/federation/apply", "admin_federation_apply", Apply);
  RegisterAdminPolicyAuditPages(ui);
  RegisterGroupSharingPages(ui);
}

}  // namespace guildhall::web
