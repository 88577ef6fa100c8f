// The federation policy audit log (spec/POLICY.md §5) for node admins:
// filterable by who, kind of change, target and date range, newest first,
// and exported as JSON Lines with the same filters. PolicyAdmin filters by
// action, actor and start date; the policy actions (its log also holds the
// community's entries), the target text and the end date are applied here,
// to the entries it returns.
#include <ctime>
#include <map>

#include "web/ui/admin_policy_pages.h"
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/url.h"

namespace guildhall::web {
namespace {

using html::View;

const std::vector<std::pair<std::string, std::string>>& KindOptions() {
  static const std::vector<std::pair<std::string, std::string>> options = {
      {"", "Any change"},
      {"policy.mode", "Mode"},
      {"policy.peer.set", "Peer added or changed"},
      {"policy.peer.remove", "Peer removed"},
      {"policy.group.scope", "Group scope"},
      {"policy.group.shares", "Group share list"},
      {"policy.group.peer_ban", "Peer banned from a group"},
      {"policy.group.peer_unban", "Peer ban lifted"}};
  return options;
}

// "2026-11-22" as unix ms at 00:00 UTC; nullopt if malformed.
std::optional<int64_t> DayStart(const std::string& day) {
  std::tm tm{};
  if (day.size() != 10 || !strptime(day.c_str(), "%Y-%m-%d", &tm)) return std::nullopt;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

// The filters of this request, or a sentence saying which one is wrong.
struct AuditQuery {
  community::AuditFilter filter;
  std::string actor, kind, target, from, to;
  int64_t until = 0;  // exclusive, unix ms; 0: none
  std::string problem;
  std::string query;  // "?actor=..&kind=.." for links
};

AuditQuery ReadQuery(Page& page) {
  const Request& req = page.req();
  AuditQuery q;
  q.actor = req.Query("actor").value_or("");
  q.kind = req.Query("kind").value_or("");
  q.target = req.Query("target").value_or("");
  q.from = req.Query("from").value_or("");
  q.to = req.Query("to").value_or("");
  q.filter.action = q.kind;
  if (!q.actor.empty()) {
    auto m = page.c().profiles.GetByHandle(page.viewer(), q.actor);
    if (m) {
      q.filter.actor = m->id;
    } else {
      q.problem = "No member is called " + q.actor + ".";
    }
  }
  if (!q.from.empty()) {
    if (auto t = DayStart(q.from)) {
      q.filter.since = *t;
    } else {
      q.problem = "From: write the date as YYYY-MM-DD.";
    }
  }
  if (!q.to.empty()) {
    if (auto t = DayStart(q.to)) {
      q.until = *t + 24 * 3600 * 1000;
    } else {
      q.problem = "To: write the date as YYYY-MM-DD.";
    }
  }
  q.query = "?actor=" + UrlEncode(q.actor) + "&kind=" + UrlEncode(q.kind) +
            "&target=" + UrlEncode(q.target) + "&from=" + UrlEncode(q.from) +
            "&to=" + UrlEncode(q.to);
  return q;
}

// PolicyAdmin's log holds every audit entry; these pages show the policy's.
bool Keeps(const AuditQuery& q, std::string_view action, std::string_view target, int64_t at) {
  if (!action.starts_with("policy.")) return false;
  if (q.until && at >= q.until) return false;
  return q.target.empty() || target.find(q.target) != std::string_view::npos;
}

// "group:ID" targets read better as the group's address.
std::map<std::string, std::string> GroupTargets(Page& page, federation::PolicyAdmin& policy) {
  std::map<std::string, std::string> out;
  if (auto groups = policy.ListSharing(page.viewer())) {
    for (const auto& g : *groups) out["group:" + g.id.ToString()] = "group:" + g.slug;
  }
  return out;
}

View EntryRows(Page& page, federation::PolicyAdmin& policy, const AuditQuery& q,
               const std::vector<storage::AuditEntry>& entries) {
  std::vector<Id> ids;
  for (const auto& e : entries) ids.push_back(e.actor);
  Authors authors(page, std::move(ids));
  const auto groups = GroupTargets(page, policy);
  View rows = html::List();
  for (const auto& e : entries) {
    if (!Keeps(q, e.action, e.target, e.at)) continue;
    View v = html::Object();
    v["actor"] = authors.Of(e.actor);
    v["action"] = e.action;
    auto group = groups.find(e.target);
    v["target"] = group == groups.end() ? e.target : group->second;
    v["before"] = e.before;
    v["after"] = OptText(e.after);
    v["reason"] = e.reason;
    SetTime(v, "at", e.at);
    rows.push_back(std::move(v));
  }
  return rows;
}

Response AuditPage(Page& page) {
  federation::PolicyAdmin* policy = AdminPolicy(page);
  if (!policy) return page.signed_in() ? page.NotFound() : page.RequireLogin();
  AuditQuery q = ReadQuery(page);
  View view = page.View("Federation audit log · Admin", Nav::kAdmin);
  view["fields"] = FieldList({
      Field({.name = "actor", .label = "By (username)"}, q.actor),
      Field({.name = "kind", .label = "Kind", .type = "select", .options = KindOptions()}, q.kind),
      Field({.name = "target", .label = "Target contains", .hint = "e.g. peer:partner.example"},
            q.target),
      Field({.name = "from", .label = "From", .type = "date"}, q.from),
      Field({.name = "to", .label = "To", .type = "date"}, q.to),
  });
  view["problem"] = q.problem.empty() ? View(false) : View(q.problem);
  view["export_href"] = "/admin/federation/audit.jsonl" + q.query;
  View rows = html::List();
  std::string next;
  const auto page_req = PageFromQuery(page.req(), 50);
  if (q.problem.empty()) {
    auto entries = policy->Audit(page.viewer(), q.filter, page_req);
    if (!entries) return page.Fail(entries.error());
    rows = EntryRows(page, *policy, q, entries->items);
    next = entries->next_cursor;
  }
  view["entries"] = std::move(rows);
  SetPager(view, "/admin/federation/audit" + q.query, page_req.cursor, next);
  return page.Render("admin_policy_audit", view);
}

// A JSON value of `line` (AuditEntryToJson's shape) as raw text.
std::string_view RawField(std::string_view line, std::string_view name) {
  const std::string key = "\"" + std::string(name) + "\":";
  size_t at = line.find(key);
  if (at == std::string_view::npos) return {};
  at += key.size();
  size_t end = line[at] == '"' ? line.find('"', at + 1) + 1 : line.find_first_of(",}", at);
  return line.substr(at, end - at);
}

Response ExportAudit(Page& page) {
  federation::PolicyAdmin* policy = AdminPolicy(page);
  if (!policy) return page.signed_in() ? page.NotFound() : page.RequireLogin();
  AuditQuery q = ReadQuery(page);
  if (!q.problem.empty()) return page.Fail(Error::Invalid(q.problem));
  auto jsonl = policy->ExportAuditJsonl(page.viewer(), q.filter);
  if (!jsonl) return page.Fail(jsonl.error());
  std::string out;
  size_t start = 0;
  while (start < jsonl->size()) {
    size_t end = jsonl->find('\n', start);
    if (end == std::string::npos) end = jsonl->size();
    std::string_view line(jsonl->data() + start, end - start);
    std::string_view at = RawField(line, "at");
    std::string_view action = RawField(line, "action");
    if (!action.empty()) action.remove_prefix(1);  // the opening quote
    if (!line.empty() &&
        Keeps(q, action, RawField(line, "target"), at.empty() ? 0 : std::stoll(std::string(at)))) {
      out.append(line).push_back('\n');
    }
    start = end + 1;
  }
  Response res = Response::Text(200, std::move(out));
  res.headers.Set("Content-Type", "application/jsonl; charset=utf-8");
  res.headers.Set("Content-Disposition", "attachment; filename=\"federation-audit.jsonl\"");
  res.headers.Set("Cache-Control", "no-store");
  AddSecurityHeaders(res);
  return res;
}

}  // namespace

void RegisterAdminPolicyAuditPages(UiRouter& ui) {
  ui.Get("/admin/federation/audit", "admin_federation_audit", AuditPage);
  ui.Get("/admin/federation/audit.jsonl", "admin_federation_audit_export", ExportAudit);
}

}  // namespace guildhall::web
