// Shared page data: how groups, events, members and authors appear wherever
// they are listed, the labels of the community's enums, times, and
// "more" links for keyset-paginated lists. Pure builders over community
// values (Authors makes one store read); used on one request's thread.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "node/community/community.h"
#include "web/html/time_zone.h"
#include "web/html/view.h"
#include "web/ui/page.h"

namespace guildhall::web {

// A string for an optional field: false when empty, because Mustache treats
// every string, even "", as true in {{#section}}.
html::View OptText(const std::string& text);

std::string_view KindLabel(storage::GroupKind kind);
std::string_view ScopeLabel(storage::GroupScope scope);
std::string_view JoinModeLabel(storage::JoinMode mode);
std::string_view RoleLabel(storage::GroupRole role);

// "4 Mar 2025, 18:30 UTC" and its <time datetime> value, as view["<key>"] and
// view["<key>_iso"].
void SetTime(html::View& view, const std::string& key, int64_t unix_ms);

html::View GroupCard(const community::GroupView& group);
html::View GroupCards(std::span<const community::GroupView> groups);

// The event's zone, or UTC if it cannot be loaded.
std::shared_ptr<const html::TimeZone> EventZone(const Page& page, const storage::Event& event);
html::View EventCard(const Page& page, const storage::Event& event);
html::View EventCards(const Page& page, std::span<const storage::Event> events);

html::View MemberView(const community::Profile& member);
std::string AvatarHref(std::string_view username, std::string_view avatar);

// Authors of listed content: one Cards() read for every id at once.
class Authors {
 public:
  Authors(const Page& page, std::vector<Id> ids);
  // {name, username, href, avatar_href, initial}; "Unknown member" if absent.
  html::View Of(Id id) const;

 private:
  std::unordered_map<Id, community::MemberCard> cards_;
};

// view["next_href"] for a list with more pages, view["first_href"] when this
// is not the first page. `base` is the path with any query ("?q=x" or "").
void SetPager(html::View& view, std::string_view base, const std::string& cursor,
              const std::string& next_cursor);

// The ?cursor= of this request (empty: first page).
community::PageRequest PageFromQuery(const Request& req, size_t limit = 25);

// A plain-text excerpt of Markdown for lists: at most `max` characters.
std::string Excerpt(std::string_view markdown, size_t max = 180);

}  // namespace guildhall::web
