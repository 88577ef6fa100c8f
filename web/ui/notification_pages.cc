// Notifications: the list (newest first), marking one or all read. The
// unread count in the navigation comes from Page::View.
#include <unordered_map>

#include "web/ui/listing.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;
using storage::NotificationKind;

struct Described {
  std::string text;
  std::string href;
};

// The group's slug (cached for the page), or empty if the viewer cannot see it.
class Slugs {
 public:
  explicit Slugs(Page& page) : page_(page) {}
  std::string Of(Id group) {
    auto [it, inserted] = cache_.emplace(group, "");
    if (inserted) {
      auto g = page_.c().groups.Get(page_.viewer(), group);
      if (g) it->second = g->group.slug;
    }
    return it->second;
  }

 private:
  Page& page_;
  std::unordered_map<Id, std::string> cache_;
};

Described Describe(const storage::Notification& n, const std::string& actor, Slugs& slugs) {
  const std::string thread = "/t/" + n.thread.ToString();
  const std::string group = n.group ? "/g/" + slugs.Of(n.group) : "/groups";
  switch (n.kind) {
    case NotificationKind::kReply:
      return {actor + " replied to you", thread + (n.reply ? "#r" + n.reply.ToString() : "")};
    case NotificationKind::kMention:
      return {actor + " mentioned you", thread + (n.reply ? "#r" + n.reply.ToString() : "")};
    case NotificationKind::kJoinRequest:
      return {actor + " asks to join your group", group + "/moderation"};
    case NotificationKind::kJoinApproved:
      return {"Your request to join was approved", group};
    case NotificationKind::kJoinDenied:
      return {"Your request to join was declined", "/groups"};
    case NotificationKind::kEventChanged:
      return {"An event you plan to attend changed" + (n.text.empty() ? "" : ": " + n.text),
              "/e/" + n.event.ToString()};
    case NotificationKind::kReport:
      return {"New report to review", group + "/moderation"};
    case NotificationKind::kInvite:
      return {actor + " invited you to a group", group};
    case NotificationKind::kContentRemoved:
      return {"A moderator removed your post. Reason: " + n.text,
              n.thread ? thread + (n.reply ? "#r" + n.reply.ToString() : "") : group};
    case NotificationKind::kWaitlistPromoted:
      return {"A seat freed up: you are now going", "/e/" + n.event.ToString()};
    case NotificationKind::kMembershipEnded:
      return {"A group on another node ended your membership" +
                  (n.text.empty() ? std::string() : ". Reason: " + n.text),
              "/communities"};
  }
  return {"Something happened", "/"};
}

Response List(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  const bool unread_only = page.req().Query("unread").has_value();
  const auto req = PageFromQuery(page.req(), 30);
  auto list = page.c().notifications.List(page.viewer(), req, unread_only);
  if (!list) return page.Fail(list.error());
  std::vector<Id> actors;
  for (const auto& n : list->items) actors.push_back(n.actor);
  Authors authors(page, std::move(actors));
  Slugs slugs(page);
  View items = html::List();
  for (const auto& n : list->items) {
    View actor = authors.Of(n.actor);
    const std::string name = n.actor ? actor.get("name")->string_value() : "Someone";
    Described d = Describe(n, name, slugs);
    View v = html::Object();
    v["id"] = n.id.ToString();
    v["text"] = std::move(d.text);
    v["href"] = std::move(d.href);
    v["unread"] = !n.read;
    SetTime(v, "created", n.created);
    items.push_back(v);
  }
  View view = page.View("Notifications", Nav::kNotifications);
  view["items"] = std::move(items);
  view["empty"] = list->items.empty();
  view["unread_only"] = unread_only;
  SetPager(view, unread_only ? "/notifications?unread" : "/notifications", req.cursor,
           list->next_cursor);
  return page.Render("notifications", view);
}

Response MarkRead(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  auto done = page.c().notifications.MarkRead(page.viewer(), *id);
  if (!done) return page.Fail(done.error());
  // "Open" marks read and follows the link in one step.
  const std::string go = form->Get("go");
  return page.Redirect(go.empty() ? "/notifications" : SafeNext(go));
}

Response MarkAllRead(Page& page) {
  Response failure;
  if (!page.MemberForm(failure)) return failure;
  auto done = page.c().notifications.MarkAllRead(page.viewer());
  if (!done) return page.Fail(done.error());
  return page.Redirect("/notifications", "All caught up.");
}

}  // namespace

void RegisterNotificationPages(UiRouter& ui) {
  ui.Get("/notifications", "notifications", List);
  ui.Post("/notifications/read-all", "notifications_read_all", MarkAllRead);
  ui.Post("/notifications/{id}/read", "notification_read", MarkRead);
}

}  // namespace guildhall::web
