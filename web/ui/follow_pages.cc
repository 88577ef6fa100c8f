// Communities on other nodes: a member follows a group elsewhere by its
// handle (`news@partner.example`, with or without the leading @, or its URL),
// sees what they follow with each follow's state, reads an accepted one at
// its local mirror (/g/{handle}) and unfollows. Every refusal says why, in the
// words of the federation layer: a malformed handle, a group the other node
// does not know, or a node this one does not federate with (policy).
// Following waits on the network (WebFinger, a signed fetch), so the form runs
// on the write pool like every POST.
#include <optional>
#include <utility>

#include "web/api/api.h"
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;

constexpr char kHandleField[] = "handle";

FieldSpec HandleSpec() {
  return {
      .name = kHandleField,
      .label = "Community handle or address",
      .hint = "For example events@guild.partner.example or https://guild.partner.example/g/events",
      .required = true};
}

// The page with the member's follows; `handle` and `errors` refill the form
// after a refused follow.
Response Render(Page& page, ExternalFollows& follows, std::string_view handle = {},
                const Errors& errors = {}, unsigned status = 200) {
  auto list = follows.List(page.viewer());
  if (!list) return page.Fail(list.error());
  View items = html::List();
  for (const ExternalFollow& f : *list) {
    View v = html::Object();
    v["handle"] = f.handle;
    v["href"] = "/g/" + f.group_slug;
    v["accepted"] = f.state == "accepted";
    v["state"] = f.state == "accepted" ? "Following" : "Waiting for the other node to accept";
    SetTime(v, "since", f.since);
    items.push_back(v);
  }
  View view = page.View("Communities on other nodes", Nav::kGroups);
  view["items"] = std::move(items);
  view["empty"] = list->empty();
  view["fields"] = FieldList({Field(HandleSpec(), handle, errors)});
  return page.Render("communities", view, status);
}

ExternalFollows* FollowsOf(Page& page) { return page.deps().follows; }

Response Show(Page& page) {
  ExternalFollows* follows = FollowsOf(page);
  if (follows == nullptr) return page.NotFound();
  if (!page.signed_in()) return page.RequireLogin();
  return Render(page, *follows);
}

// A refusal the member can act on: shown beside the field, the form kept.
unsigned RefusalStatus(Code code) {
  switch (code) {
    case Code::kInvalid:
      return 400;
    case Code::kForbidden:
      return 403;
    case Code::kNotFound:
      return 404;
    default:
      return 0;
  }
}

// The follows service and the member's posted handle, or nullopt with
// `failure` set (404 without federation, the form's own failures).
std::optional<std::pair<ExternalFollows*, std::string>> PostedHandle(Page& page,
                                                                     Response& failure) {
  ExternalFollows* follows = FollowsOf(page);
  if (follows == nullptr) {
    failure = page.NotFound();
    return std::nullopt;
  }
  auto form = page.MemberForm(failure);
  if (!form) return std::nullopt;
  return std::make_pair(follows, form->Get(kHandleField));
}

Response Follow(Page& page) {
  Response failure;
  auto posted = PostedHandle(page, failure);
  if (!posted) return failure;
  auto& [follows, handle] = *posted;
  if (handle.empty()) {
    return Render(page, *follows, handle, {{kHandleField, "Enter the community's handle."}}, 400);
  }
  auto followed = follows->Follow(page.viewer(), handle);
  if (!followed) {
    const unsigned status = RefusalStatus(followed.error().code);
    if (status == 0) return page.Fail(followed.error());
    return Render(page, *follows, handle, {{kHandleField, followed.error().message}}, status);
  }
  const bool accepted = followed->state == "accepted";
  return page.Redirect("/communities", accepted ? "You now follow " + followed->handle + "."
                                                : "Asked to follow " + followed->handle +
                                                      "; it appears here once its node accepts.");
}

Response Unfollow(Page& page) {
  Response failure;
  auto posted = PostedHandle(page, failure);
  if (!posted) return failure;
  auto& [follows, handle] = *posted;
  auto done = follows->Unfollow(page.viewer(), handle);
  if (!done) return page.Fail(done.error());
  return page.Redirect("/communities", "You no longer follow " + handle + ".");
}

}  // namespace

void RegisterFollowPages(UiRouter& ui) {
  ui.Get("/communities", "communities", Show);
  ui.Post("/communities/follow", "community_follow", Follow);
  ui.Post("/communities/unfollow", "community_unfollow", Unfollow);
}

}  // namespace guildhall::web
