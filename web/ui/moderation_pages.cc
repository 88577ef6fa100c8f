// Moderation: reporting content or a member, removing and restoring posts
// with a reason (shown to the author), the node-wide report queue, closing
// reports, node suspensions (admins), and approving or rejecting posts from
// limited peers held for a group's moderators (spec/POLICY.md §1).
#include "federation/policy/policy_admin.h"
#include "web/ui/fields.h"
#include "web/ui/listing.h"
#include "web/ui/report_view.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {

using html::View;

namespace {

struct Target {
  std::string label;  // "a discussion", "a reply", "member Ada"
  std::string href;
};

Target Describe(Page& page, storage::ReportTarget kind, Id id) {
  switch (kind) {
    case storage::ReportTarget::kThread:
      return {"a discussion", "/t/" + id.ToString()};
    case storage::ReportTarget::kReply: {
      auto r = page.c().replies.Get(page.viewer(), id);
      if (!r) return {"a reply", "/"};
      return {"a reply", "/t/" + r->reply.thread.ToString() + "#r" + id.ToString()};
    }
    case storage::ReportTarget::kMember: {
      auto m = page.c().profiles.Get(page.viewer(), id);
      if (!m) return {"a member", "/members"};
      return {"member " + m->display_name, "/u/" + m->Handle()};
    }
  }
  return {"something", "/"};
}

std::optional<storage::ReportTarget> ParseKind(std::string_view kind) {
  if (kind == "thread") return storage::ReportTarget::kThread;
  if (kind == "reply") return storage::ReportTarget::kReply;
  if (kind == "member") return storage::ReportTarget::kMember;
  return std::nullopt;
}

Response ReportForm(Page& page, std::string_view kind, Id id, const std::string& reason,
                    const Errors& errors, unsigned status) {
  auto target_kind = ParseKind(kind);
  if (!target_kind) return page.NotFound();
  const Target target = Describe(page, *target_kind, id);
  View view = page.View("Report");
  view["kind"] = std::string(kind);
  view["id"] = id.ToString();
  view["target"] = target.label;
  view["target_href"] = target.href;
  view["fields"] =
      FieldList({Field({.name = "reason",
                        .label = "What is wrong?",
                        .type = "textarea",
                        .hint = "Moderators read this. The author does not see who reported.",
                        .required = true,
                        .rows = 4},
                       reason, errors)});
  SetFormError(view, errors, {"reason"});
  return page.Render("report", view, status);
}

Response ShowReport(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto id = Id::Parse(page.req().Query("id").value_or(""));
  if (!id) return page.NotFound();
  return ReportForm(page, page.req().Query("kind").value_or(""), *id, "", {}, 200);
}

Response FileReport(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto kind = ParseKind(form->Get("kind"));
  auto id = Id::Parse(form->Get("id"));
  if (!kind || !id) return page.NotFound();
  auto filed = page.c().moderation.File(
      page.viewer(), {.kind = *kind, .target = *id, .reason = form->Get("reason")});
  if (!filed) {
    if (filed.error().code != Code::kInvalid) return page.Fail(filed.error());
    return ReportForm(page, form->Get("kind"), *id, form->Get("reason"), FieldErrors(filed.error()),
                      400);
  }
  return page.Redirect(Describe(page, *kind, *id).href,
                       "Thank you. The moderators will look at your report.");
}

// Remove or restore a thread or reply with a reason, then back to it.
Response ModerateContent(Page& page, bool reply, bool remove) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  const Target target =
      Describe(page, reply ? storage::ReportTarget::kReply : storage::ReportTarget::kThread, *id);
  const std::string& reason = form->Get("reason");
  auto& m = page.c().moderation;
  Result<> done = Ok();
  if (reply) {
    auto r = remove ? m.RemoveReply(page.viewer(), *id, reason)
                    : m.RestoreReply(page.viewer(), *id, reason);
    if (!r) done = r.error();
  } else {
    auto t = remove ? m.RemoveThread(page.viewer(), *id, reason)
                    : m.RestoreThread(page.viewer(), *id, reason);
    if (!t) done = t.error();
  }
  if (!done) {
    if (done.error().code == Code::kNotFound) return page.Fail(done.error());
    return page.Redirect(target.href, done.error().message, "error");
  }
  return page.Redirect(target.href, remove ? "Removed. The author was told why." : "Restored.");
}

Response NodeQueue(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  if (!page.is_node_moderator()) return page.NotFound();
  const std::string state = page.req().Query("state").value_or("open");
  const storage::ReportState s = state == "resolved"    ? storage::ReportState::kResolved
                                 : state == "dismissed" ? storage::ReportState::kDismissed
                                                        : storage::ReportState::kOpen;
  const auto req = PageFromQuery(page.req(), 30);
  auto queue = page.c().moderation.Queue(page.viewer(), Id{}, s, req);
  if (!queue) return page.Fail(queue.error());
  View view = page.View("Moderation", Nav::kModeration);
  view["reports"] = ReportRows(page, queue->items);
  view["empty"] = queue->items.empty();
  view["back"] = "/moderation";
  view["state_open"] = s == storage::ReportState::kOpen;
  view["state_resolved"] = s == storage::ReportState::kResolved;
  view["state_dismissed"] = s == storage::ReportState::kDismissed;
  SetPager(view, "/moderation?state=" + state, req.cursor, queue->next_cursor);
  return page.Render("moderation", view);
}

Response CloseReport(Page& page, bool resolve) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  const std::string& text = form->Get("resolution");
  auto closed = resolve ? page.c().moderation.Resolve(page.viewer(), *id, text)
                        : page.c().moderation.Dismiss(page.viewer(), *id, text);
  const std::string back = SafeNext(form->Get("back"));
  if (!closed) return page.Redirect(back, closed.error().message, "error");
  return page.Redirect(back, resolve ? "Report resolved." : "Report dismissed.");
}

Response Suspension(Page& page, bool suspend) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  const std::string& reason = form->Get("reason");
  auto done = suspend ? page.c().moderation.Suspend(page.viewer(), *id, reason)
                      : page.c().moderation.Unsuspend(page.viewer(), *id, reason);
  if (!done) {
    if (done.error().code == Code::kNotFound) return page.Fail(done.error());
    return page.Redirect(SafeNext(form->Get("back")), done.error().message, "error");
  }
  return page.Redirect("/u/" + done->Handle(),
                       suspend ? "Member suspended from the node." : "Suspension lifted.");
}

// Approve or reject a post from a limited peer (the group's moderation tab).
Response DecideHeld(Page& page, bool approve) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto id = page.PathId(failure);
  if (!id) return failure;
  federation::PolicyAdmin* policy = page.deps().policy_admin;
  if (!policy) return page.NotFound();
  const std::string slug(page.req().Param("slug"));
  const std::string back = "/g/" + slug + "/moderation";
  auto done = approve ? policy->ApproveHeld(page.viewer(), slug, *id)
                      : policy->RejectHeld(page.viewer(), slug, *id, form->Get("reason"));
  if (!done) {
    if (done.error().code == Code::kForbidden) return page.NotFound();
    return page.Redirect(back, done.error().message, "error");
  }
  return page.Redirect(
      back, approve ? "Approved: the post is published." : "Rejected: the post was deleted.");
}

}  // namespace

void SetHeldPosts(Page& page, View& view, std::string_view slug) {
  federation::PolicyAdmin* policy = page.deps().policy_admin;
  if (!policy) return;
  auto held = policy->HeldPosts(page.viewer(), slug);
  if (!held) return;
  View list = html::List();
  for (const auto& h : *held) {
    View v = html::Object();
    v["id"] = h.post.id.ToString();
    v["author"] = h.author;
    v["author_name"] = h.author_name;
    v["kind"] = h.kind;
    v["title"] = h.title;
    v["has_title"] = !h.title.empty();
    v["body"] = h.body;
    SetTime(v, "received", h.post.received);
    list.push_back(v);
  }
  view["held"] = std::move(list);
  view["has_held"] = !held->empty();
  view["held_enabled"] = true;
}

View ReportRows(Page& page, const std::vector<storage::Report>& reports) {
  std::vector<Id> ids;
  for (const auto& r : reports) ids.push_back(r.reporter);
  Authors authors(page, std::move(ids));
  View list = html::List();
  for (const auto& r : reports) {
    const Target target = Describe(page, r.target_kind, r.target);
    View v = html::Object();
    v["id"] = r.id.ToString();
    v["reporter"] = authors.Of(r.reporter);
    v["target"] = target.label;
    v["target_href"] = target.href;
    v["is_thread"] = r.target_kind == storage::ReportTarget::kThread;
    v["is_reply"] = r.target_kind == storage::ReportTarget::kReply;
    v["target_id"] = r.target.ToString();
    v["reason"] = r.reason;
    v["open"] = r.state == storage::ReportState::kOpen;
    v["resolution"] = r.resolution;
    SetTime(v, "created", r.created);
    list.push_back(v);
  }
  return list;
}

void RegisterModerationPages(UiRouter& ui) {
  ui.Get("/report", "report", ShowReport);
  ui.Post("/report", "report", FileReport);
  ui.Post("/t/{id}/remove", "thread_remove",
          [](Page& p) { return ModerateContent(p, false, true); });
  ui.Post("/t/{id}/restore", "thread_restore",
          [](Page& p) { return ModerateContent(p, false, false); });
  ui.Post("/r/{id}/remove", "reply_remove", [](Page& p) { return ModerateContent(p, true, true); });
  ui.Post("/r/{id}/restore", "reply_restore",
          [](Page& p) { return ModerateContent(p, true, false); });
  ui.Get("/moderation", "moderation", NodeQueue);
  ui.Post("/g/{slug}/held/{id}/approve", "held_approve",
          [](Page& p) { return DecideHeld(p, true); });
  ui.Post("/g/{slug}/held/{id}/reject", "held_reject",
          [](Page& p) { return DecideHeld(p, false); });
  ui.Post("/reports/{id}/resolve", "report_resolve", [](Page& p) { return CloseReport(p, true); });
  ui.Post("/reports/{id}/dismiss", "report_dismiss", [](Page& p) { return CloseReport(p, false); });
  ui.Post("/admin/members/{id}/suspend", "member_suspend",
          [](Page& p) { return Suspension(p, true); });
  ui.Post("/admin/members/{id}/unsuspend", "member_unsuspend",
          [](Page& p) { return Suspension(p, false); });
}

}  // namespace guildhall::web
