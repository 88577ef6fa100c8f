#include "web/ui/group_view.h"

#include "web/html/format.h"
#include "web/html/safe_html.h"
#include "web/ui/listing.h"

namespace guildhall::web {
namespace {

using html::View;

View Tab(std::string label, std::string href, bool current) {
  View t = html::Object();
  t["label"] = std::move(label);
  t["href"] = std::move(href);
  t["current"] = current;
  return t;
}

// Which membership button the viewer gets, if any.
void SetMembershipControls(Page& page, const community::GroupView& g, View& v) {
  using storage::MembershipState;
  const auto state = g.membership ? std::optional(g.membership->state) : std::nullopt;
  v["can_join"] = false;
  v["can_leave"] = false;
  v["join_label"] = "Join group";
  v["leave_label"] = "Leave group";
  v["status_text"] = false;
  v["login_to_join"] = !page.signed_in();
  if (!page.signed_in()) return;
  if (state == MembershipState::kActive) {
    v["can_leave"] = true;
    std::string role(RoleLabel(g.membership->role));
    role[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(role[0])));
    v["status_text"] =
        "You are " + std::string(role == "owner" ? "an " : "a ") + role + " of this group.";
  } else if (state == MembershipState::kPending) {
    v["can_leave"] = true;
    v["leave_label"] = "Withdraw request";
    v["status_text"] = "Your request to join is waiting for a moderator.";
  } else if (state == MembershipState::kInvited) {
    v["can_join"] = true;
    v["can_leave"] = true;
    v["join_label"] = "Accept invitation";
    v["leave_label"] = "Decline";
    v["status_text"] = "You are invited to this group.";
  } else if (state == MembershipState::kBanned) {
    v["status_text"] = "You are banned from this group.";
  } else if (g.can.join) {
    v["can_join"] = true;
    if (g.group.join_mode == storage::JoinMode::kApproval) v["join_label"] = "Ask to join";
  }
}

}  // namespace

Result<community::GroupView> LoadGroup(Page& page, std::string_view slug) {
  return page.c().groups.GetBySlug(page.viewer(), slug);
}

View GroupPageView(Page& page, const community::GroupView& g, GroupTab tab, std::string title) {
  View view = page.View(title.empty() ? g.group.name : title + " · " + g.group.name, Nav::kGroups);
  View v = GroupCard(g);
  html::SetHtml(v, "description_html", page.Markdown(g.group.description));
  v["kind"] = std::string(KindLabel(g.group.kind));
  v["join_mode"] = std::string(JoinModeLabel(g.group.join_mode));
  v["events_count"] = html::Plural(g.group.event_count, "event", "events");
  SetMembershipControls(page, g, v);
  const std::string base = "/g/" + g.group.slug;
  View tabs = html::List();
  tabs.push_back(Tab("Discussions", base, tab == GroupTab::kThreads));
  tabs.push_back(Tab("Events", base + "/events", tab == GroupTab::kEvents));
  tabs.push_back(Tab("Library", base + "/library", tab == GroupTab::kLibrary));
  if (g.can.view_members)
    tabs.push_back(Tab("Members", base + "/members", tab == GroupTab::kMembers));
  if (g.can.moderate)
    tabs.push_back(Tab("Moderation", base + "/moderation", tab == GroupTab::kModeration));
  if (g.can.edit_group)
    tabs.push_back(Tab("Settings", base + "/settings", tab == GroupTab::kSettings));
  v["tabs"] = std::move(tabs);
  v["can_post"] = g.can.post;
  v["can_view_content"] = g.can.view_content;
  v["can_moderate"] = g.can.moderate;
  view["group"] = std::move(v);
  return view;
}

}  // namespace guildhall::web
