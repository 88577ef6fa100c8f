#include "web/ui/listing.h"

#include "node/community/validation.h"
#include "web/html/format.h"
#include "web/ui/url.h"

namespace guildhall::web {

using html::Object;
using html::View;

View OptText(const std::string& text) { return text.empty() ? View(false) : View(text); }

std::string_view KindLabel(storage::GroupKind kind) {
  switch (kind) {
    case storage::GroupKind::kPractice:
      return "Community of practice";
    case storage::GroupKind::kInterest:
      return "Interest group";
    case storage::GroupKind::kProject:
      return "Project";
    case storage::GroupKind::kLocation:
      return "Location";
  }
  return "Group";
}

std::string_view ScopeLabel(storage::GroupScope scope) {
  switch (scope) {
    case storage::GroupScope::kInternal:
      return "Internal";
    case storage::GroupScope::kPartners:
      return "Shared with partners";
    case storage::GroupScope::kPublic:
      return "Public";
  }
  return "";
}

std::string_view JoinModeLabel(storage::JoinMode mode) {
  switch (mode) {
    case storage::JoinMode::kOpen:
      return "Anyone may join";
    case storage::JoinMode::kApproval:
      return "Moderators approve requests";
    case storage::JoinMode::kInvite:
      return "Invitation only";
  }
  return "";
}

std::string_view RoleLabel(storage::GroupRole role) {
  switch (role) {
    case storage::GroupRole::kOwner:
      return "Owner";
    case storage::GroupRole::kModerator:
      return "Moderator";
    case storage::GroupRole::kMember:
      return "Member";
  }
  return "";
}

void SetTime(View& view, const std::string& key, int64_t unix_ms) {
  const auto utc = html::TimeZone::Utc();
  view[key] = html::FormatDate(unix_ms, *utc) + ", " + html::FormatTime(unix_ms, *utc) + " UTC";
  view[key + "_iso"] = html::IsoUtc(unix_ms);
}

View GroupCard(const community::GroupView& g) {
  View v = Object();
  v["name"] = g.group.name;
  v["slug"] = g.group.slug;
  v["href"] = "/g/" + g.group.slug;
  // A group on another node: its slug is "name@host" (federation/follows).
  v["handle"] = g.group.ap_id.empty() ? View(false) : View("@" + g.group.slug);
  v["excerpt"] = OptText(Excerpt(g.group.description));
  v["kind"] = std::string(KindLabel(g.group.kind));
  v["scope"] = std::string(ScopeLabel(g.group.scope));
  v["internal"] = g.group.scope == storage::GroupScope::kInternal;
  v["members"] = html::Plural(g.group.member_count, "member", "members");
  v["threads"] = html::Plural(g.group.thread_count, "thread", "threads");
  const auto state = g.membership ? std::optional(g.membership->state) : std::nullopt;
  v["is_member"] = state == storage::MembershipState::kActive;
  v["is_pending"] = state == storage::MembershipState::kPending;
  v["is_invited"] = state == storage::MembershipState::kInvited;
  return v;
}

View GroupCards(std::span<const community::GroupView> groups) {
  View list = html::List();
  for (const auto& g : groups) list.push_back(GroupCard(g));
  return list;
}

std::shared_ptr<const html::TimeZone> EventZone(const Page& page, const storage::Event& event) {
  auto zone = html::TimeZone::Load(event.time_zone, page.deps().options.zoneinfo_dir);
  return zone ? zone : html::TimeZone::Utc();
}

View EventCard(const Page& page, const storage::Event& e) {
  const auto zone = EventZone(page, e);
  View v = Object();
  v["title"] = e.title;
  v["href"] = "/e/" + e.id.ToString();
  v["when"] = html::FormatDateTime(e.start, *zone);
  v["when_iso"] = html::IsoUtc(e.start);
  v["zone"] = zone->At(e.start / 1000).abbreviation + " (" + zone->name() + ")";
  v["place"] = OptText(e.place);
  v["online"] = !e.online_url.empty();
  v["cancelled"] = e.cancelled;
  v["going"] = html::Plural(e.going_count, "going", "going");
  v["day"] = html::FormatDate(e.start, *zone);
  return v;
}

View EventCards(const Page& page, std::span<const storage::Event> events) {
  View list = html::List();
  for (const auto& e : events) list.push_back(EventCard(page, e));
  return list;
}

std::string AvatarHref(std::string_view username, std::string_view avatar) {
  if (avatar.empty()) return "";
  if (avatar.starts_with("https://")) return std::string(avatar);  // remote members
  return "/u/" + std::string(username) + "/avatar?v=" + std::string(avatar.substr(0, 12));
}

namespace {

std::string Initial(std::string_view name) {
  if (name.empty()) return "?";
  // The first character, whole (a UTF-8 lead byte and its continuation bytes).
  size_t n = 1;
  while (n < name.size() && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) ++n;
  return std::string(name.substr(0, n));
}

View PersonView(std::string_view username, std::string_view domain, std::string_view display_name,
                std::string_view avatar) {
  View v = Object();
  const std::string handle =
      domain.empty() ? std::string(username) : std::string(username) + "@" + std::string(domain);
  v["name"] = std::string(display_name.empty() ? username : display_name);
  v["username"] = handle;
  // Someone from another node is never shown under a bare, local-looking
  // name: the display name comes with "@name@host" (issue 9 item 7).
  v["remote_handle"] = domain.empty() ? View(false) : View("@" + handle);
  v["href"] = "/u/" + handle;
  const std::string avatar_href =
      domain.empty() ? AvatarHref(username, avatar)
                     : (std::string_view(avatar).starts_with("https://") ? std::string(avatar)
                                                                         : std::string());
  v["avatar_href"] = avatar_href.empty() ? View(false) : View(avatar_href);
  v["initial"] = Initial(display_name.empty() ? username : display_name);
  return v;
}

}  // namespace

View MemberView(const community::Profile& m) {
  View v = PersonView(m.username, m.domain, m.display_name, m.avatar);
  v["title"] = OptText(m.title);
  v["team"] = OptText(m.team);
  v["location"] = OptText(m.location);
  View skills = html::List();
  for (const auto& s : m.skills) skills.push_back(View(s));
  v["skills"] = std::move(skills);
  v["suspended"] = m.state == storage::MemberState::kSuspended;
  return v;
}

Authors::Authors(const Page& page, std::vector<Id> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto cards = page.c().profiles.Cards(ids);
  if (!cards) return;
  for (auto& card : *cards) cards_.emplace(card.id, std::move(card));
}

View Authors::Of(Id id) const {
  auto it = cards_.find(id);
  if (it == cards_.end()) return PersonView("unknown", "", "Unknown member", "");
  const auto& c = it->second;
  return PersonView(c.username, c.domain, c.display_name, c.avatar);
}

void SetPager(View& view, std::string_view base, const std::string& cursor,
              const std::string& next_cursor) {
  const std::string sep = base.find('?') == std::string_view::npos ? "?" : "&";
  view["next_href"] = next_cursor.empty()
                          ? View(false)
                          : View(std::string(base) + sep + "cursor=" + UrlEncode(next_cursor));
  view["first_href"] = cursor.empty() ? View(false) : View(std::string(base));
}

community::PageRequest PageFromQuery(const Request& req, size_t limit) {
  return {.cursor = req.Query("cursor").value_or(""), .limit = limit};
}

std::string Excerpt(std::string_view markdown, size_t max) {
  std::string out;
  bool space = false;
  for (char ch : markdown) {
    if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
      space = !out.empty();
      continue;
    }
    if (ch == '#' || ch == '*' || ch == '_' || ch == '`' || ch == '>') continue;
    if (space) out.push_back(' ');
    space = false;
    out.push_back(ch);
    if (out.size() >= max) break;
  }
  if (out.size() >= max) {
    // Cut at a character boundary, then mark the cut.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty()) out.pop_back();
    out += "…";
  }
  return out;
}

}  // namespace guildhall::web
