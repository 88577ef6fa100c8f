// Discussions: starting a thread, the thread page with nested replies, and
// the actions on threads and replies (reply, edit, delete, like, pin, lock).
// Moderator removal and reports are in moderation_pages.cc.
#include <unordered_map>

#include "web/html/format.h"
#include "web/html/safe_html.h"
#include "web/ui/fields.h"
#include "web/ui/group_view.h"
#include "web/ui/listing.h"
#include "web/ui/post_extras_view.h"
#include "web/ui/ui_router.h"

namespace guildhall::web {
namespace {

using html::View;

constexpr int kMaxVisualDepth = 4;
constexpr size_t kRepliesPerPage = 200;

std::optional<Id> ParamId(const Page& page, std::string_view name = "id") {
  return Id::Parse(page.req().Param(name));
}

Response ThreadForm(Page& page, const community::GroupView& g, const Form& values,
                    const Errors& errors, unsigned status) {
  View view = GroupPageView(page, g, GroupTab::kThreads, "New discussion");
  view["fields"] = FieldList({
      Field({.name = "title", .label = "Title", .required = true}, values.Get("title"), errors),
      Field({.name = "body",
             .label = "Message",
             .type = "textarea",
             .hint = "Markdown is supported: **bold**, _italic_, lists, links, `code`. Mention "
                     "colleagues with @username.",
             .required = true,
             .rows = 10},
            values.Get("body"), errors),
  });
  SetFormError(view, errors, {"title", "body"});
  return page.Render("thread_new", view, status);
}

Response ShowNewThread(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  if (!g->can.post) return page.Forbidden("Join this group to start a discussion.");
  return ThreadForm(page, *g, Form(), {}, 200);
}

Response CreateThread(Page& page) {
  Response failure;
  auto form = page.MemberForm(failure);
  if (!form) return failure;
  auto g = LoadGroup(page, page.req().Param("slug"));
  if (!g) return page.Fail(g.error());
  auto created = page.c().threads.Create(page.viewer(), g->group.id,
                                         {.title = form->Get("title"), .body = form->Get("body")});
  if (!created) {
    if (created.error().code != Code::kInvalid) return page.Fail(created.error());
    return ThreadForm(page, *g, *form, FieldErrors(created.error()), 400);
  }
  return page.Redirect("/t/" + created->id.ToString(), "Your discussion is posted.");
}

// What a removed post shows: the reason to its author and to moderators.
void SetRemoval(View& v, bool removed, Id removed_by, Id author, const std::string& reason,
                Id viewer, bool moderator) {
  const bool by_author = removed && (!removed_by || removed_by == author) && reason.empty();
  v["removed"] = removed;
  v["deleted_by_author"] = by_author;
  v["removed_by_moderator"] = removed && !by_author;
  v["removal_reason"] = removed && !by_author && (viewer == author || moderator) && !reason.empty()
                            ? View(reason)
                            : View(false);
}

View ReplyView(Page& page, const community::ReplyView& rv, const Authors& authors, int depth,
               const community::ThreadView& tv, const std::unordered_map<Id, Id>& parents) {
  const auto& r = rv.reply;
  View v = html::Object();
  v["id"] = r.id.ToString();
  v["anchor"] = "r" + r.id.ToString();
  v["author"] = authors.Of(r.author);
  v["depth"] = html::Num(std::min(depth, kMaxVisualDepth));
  SetTime(v, "created", r.created);
  v["edited"] = r.edited_at != 0;
  SetRemoval(v, r.removed, r.removed_by, r.author, r.removal_reason, page.viewer(),
             tv.can.moderate);
  if (!r.body.empty()) {
    html::SetHtml(v, "body_html",
                  page.Markdown(r.body).WithEmoji(EmojiImages(r.extras, "r", r.id.ToString())));
    v["extras"] = PostExtrasView(r.extras, "r", r.id.ToString());
  } else {
    v["body_html"] = false;
    v["extras"] = false;
  }
  v["likes"] = html::Num(r.like_count);
  v["liked"] = rv.liked;
  v["can_edit"] = rv.can_edit;
  v["can_reply"] = tv.can.reply && !r.removed && (!tv.thread.locked || tv.can.moderate);
  v["can_like"] = tv.can.reply && !r.removed;
  v["can_moderate"] = tv.can.moderate;
  v["can_report"] = page.signed_in() && !r.removed && r.author != page.viewer();
  auto parent = parents.find(r.in_reply_to);
  v["parent_href"] = r.in_reply_to && parent == parents.end()
                         ? View("#r" + r.in_reply_to.ToString())
                         : View(false);
  return v;
}

// Replies in conversation order: each followed by its answers, depth-first.
View ReplyTree(Page& page, const std::vector<community::ReplyView>& replies,
               const community::ThreadView& tv) {
  std::unordered_map<Id, std::vector<size_t>> children;
  std::unordered_map<Id, Id> on_page;  // reply id -> itself, to know what is on this page
  for (const auto& rv : replies) on_page.emplace(rv.reply.id, rv.reply.id);
  std::vector<size_t> roots;
  std::vector<Id> author_ids;
  for (size_t i = 0; i < replies.size(); ++i) {
    const Id parent = replies[i].reply.in_reply_to;
    author_ids.push_back(replies[i].reply.author);
    if (parent && on_page.contains(parent)) {
      children[parent].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  Authors authors(page, std::move(author_ids));
  View list = html::List();
  // Iterative DFS (no recursion depth limit on long chains).
  std::vector<std::pair<size_t, int>> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) {
    stack.emplace_back(*it, replies[*it].reply.in_reply_to ? 1 : 0);
  }
  while (!stack.empty()) {
    auto [index, depth] = stack.back();
    stack.pop_back();
    list.push_back(ReplyView(page, replies[index], authors, depth, tv, on_page));
    auto kids = children.find(replies[index].reply.id);
    if (kids == children.end()) continue;
    for (auto it = kids->second.rbegin(); it != kids->second.rend(); ++it) {
      stack.emplace_back(*it, depth + 1);
    }
  }
  return list;
}

void SetThreadFields(Page& page, View& view, const community::ThreadView& tv) {
  const auto& t = tv.thread;
  Authors authors(page, {t.author});
  View v = html::Object();
  v["id"] = t.id.ToString();
  v["href"] = "/t/" + t.id.ToString();
  v["title"] = t.title.empty() ? "[removed]" : t.title;
  v["author"] = authors.Of(t.author);
  SetTime(v, "created", t.created);
  v["edited"] = t.edited_at != 0;
  v["pinned"] = t.pinned;
  v["locked"] = t.locked;
  SetRemoval(v, t.removed, t.removed_by, t.author, t.removal_reason, page.viewer(),
             tv.can.moderate);
  if (!t.body.empty()) {
    html::SetHtml(v, "body_html",
                  page.Markdown(t.body).WithEmoji(EmojiImages(t.extras, "t", t.id.ToString())));
    v["extras"] = PostExtrasView(t.extras, "t", t.id.ToString());
  } else {
    v["body_html"] = false;
    v["extras"] = false;
  }
  v["likes"] = html::Num(t.like_count);
  v["liked"] = tv.liked;
  v["replies"] = html::Plural(t.reply_count, "reply", "replies");
  v["can_edit"] = tv.can_edit;
  v["can_like"] = tv.can.reply && !t.removed;
  v["can_reply"] = tv.can.reply && !t.removed && (!t.locked || tv.can.moderate);
  v["can_moderate"] = tv.can.moderate;
  v["can_report"] = page.signed_in() && !t.removed && t.author != page.viewer();
  view["thread"] = std::move(v);
}

Response ShowThread(Page& page) {
  auto id = ParamId(page);
  if (!id) return page.NotFound();
  auto tv = page.c().threads.Get(page.viewer(), *id);
  if (!tv) return page.Fail(tv.error());
  auto g = page.c().groups.Get(page.viewer(), tv->thread.group);
  if (!g) return page.Fail(g.error());
  View view = GroupPageView(page, *g, GroupTab::kThreads,
                            tv->thread.title.empty() ? "Removed discussion" : tv->thread.title);
  SetThreadFields(page, view, *tv);
  const community::PageRequest req = PageFromQuery(page.req(), kRepliesPerPage);
  auto replies = page.c().replies.List(page.viewer(), *id, req);
  if (!replies) return page.Fail(replies.error());
  view["reply_list"] = ReplyTree(page, replies->items, *tv);
  SetPager(view, "/t/" + id->ToString(), req.cursor, replies->next_cursor);
  view["reply_field"] = Field({.name = "body",
                               .label = "Your reply",
                               .type = "textarea",
                               .hint = "Markdown is supported.",
                               .required = true,
                               .rows = 5},
                              "", {});
  if (page.signed_in() &&
      (tv->marker.at == 0 || tv->marker.replies_seen < tv->thread.reply_count)) {
    (void)page.c().threads.MarkRead(page.viewer(), *id);  // a failed marker only costs a badge
  }
  return page.Render("thread", view);
}

// POST helpers: a signed-in member, a checked form, an id in the path.
struct Posted {
  Form form;
  Id id;
};

std::optional<Posted> ReadPost(Page& page, Response& failure) {
  auto form = page.MemberForm(failure);
  if (!form) return std::nullopt;
  auto id = page.PathId(failure);
  if (!id) return std::nullopt;
  return Posted{std::move(*form), *id};
}

std::string ThreadHref(Id thread, Id reply = Id{}) {
  return "/t/" + thread.ToString() + (reply ? "#r" + reply.ToString() : "");
}

Response AddReply(Page& page) {
  Response failure;
  auto post = ReadPost(page, failure);
  if (!post) return failure;
  Id parent = Id::Parse(post->form.Get("in_reply_to")).value_or(Id{});
  auto reply = page.c().replies.Create(page.viewer(), post->id,
                                       {.in_reply_to = parent, .body = post->form.Get("body")});
  if (!reply) {
    const std::string message = reply.error().code == Code::kInvalid
                                    ? FieldErrors(reply.error()).begin()->second
                                    : reply.error().message;
    if (reply.error().code == Code::kNotFound) return page.Fail(reply.error());
    return page.Redirect(ThreadHref(post->id, parent), "Your reply was not posted: " + message,
                         "error");
  }
  return page.Redirect(ThreadHref(post->id, reply->id), "Reply posted.");
}

Response EditForm(Page& page, std::string title, std::string action, std::string back,
                  const std::string& title_value, const std::string& body, const Errors& errors,
                  unsigned status) {
  View view = page.View(title, Nav::kGroups);
  std::vector<View> fields;
  if (!title_value.empty() || errors.contains("title")) {
    fields.push_back(
        Field({.name = "title", .label = "Title", .required = true}, title_value, errors));
  }
  fields.push_back(Field({.name = "body",
                          .label = "Message",
                          .type = "textarea",
                          .hint = "Markdown is supported.",
                          .required = true,
                          .rows = 10},
                         body, errors));
  view["fields"] = FieldList(std::move(fields));
  view["action"] = std::move(action);
  view["back"] = std::move(back);
  SetFormError(view, errors, {"title", "body"});
  return page.Render("edit_post", view, status);
}

Response ShowEditThread(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto id = ParamId(page);
  if (!id) return page.NotFound();
  auto tv = page.c().threads.Get(page.viewer(), *id);
  if (!tv) return page.Fail(tv.error());
  if (!tv->can_edit) return page.Forbidden("Only the author may edit a discussion.");
  return EditForm(page, "Edit discussion", "/t/" + id->ToString() + "/edit", ThreadHref(*id),
                  tv->thread.title, tv->thread.body, {}, 200);
}

Response EditThread(Page& page) {
  Response failure;
  auto post = ReadPost(page, failure);
  if (!post) return failure;
  auto edited = page.c().threads.Edit(
      page.viewer(), post->id, {.title = post->form.Get("title"), .body = post->form.Get("body")});
  if (!edited) {
    if (edited.error().code != Code::kInvalid) return page.Fail(edited.error());
    return EditForm(page, "Edit discussion", "/t/" + post->id.ToString() + "/edit",
                    ThreadHref(post->id), post->form.Get("title"), post->form.Get("body"),
                    FieldErrors(edited.error()), 400);
  }
  return page.Redirect(ThreadHref(post->id), "Your changes are saved.");
}

Response ShowEditReply(Page& page) {
  if (!page.signed_in()) return page.RequireLogin();
  auto id = ParamId(page);
  if (!id) return page.NotFound();
  auto rv = page.c().replies.Get(page.viewer(), *id);
  if (!rv) return page.Fail(rv.error());
  if (!rv->can_edit) return page.Forbidden("Only the author may edit a reply.");
  return EditForm(page, "Edit reply", "/r/" + id->ToString() + "/edit",
                  ThreadHref(rv->reply.thread, *id), "", rv->reply.body, {}, 200);
}

Response EditReply(Page& page) {
  Response failure;
  auto post = ReadPost(page, failure);
  if (!post) return failure;
  auto edited = page.c().replies.Edit(page.viewer(), post->id, post->form.Get("body"));
  if (!edited) {
    if (edited.error().code != Code::kInvalid) return page.Fail(edited.error());
    return EditForm(page, "Edit reply", "/r/" + post->id.ToString() + "/edit", "/", "",
                    post->form.Get("body"), FieldErrors(edited.error()), 400);
  }
  return page.Redirect(ThreadHref(edited->thread, edited->id), "Your changes are saved.");
}

// The thread a reply belongs to, for redirects (0 if it cannot be read).
Id ThreadOfReply(Page& page, Id reply) {
  auto rv = page.c().replies.Get(page.viewer(), reply);
  return rv ? rv->reply.thread : Id{};
}

// The small POST-only actions: run `action`, go back with a message.
Response ThreadAction(Page& page, const std::function<Result<>(Id)>& action, std::string done) {
  Response failure;
  auto post = ReadPost(page, failure);
  if (!post) return failure;
  auto result = action(post->id);
  if (!result && result.error().code == Code::kNotFound) return page.Fail(result.error());
  if (!result) return page.Redirect(ThreadHref(post->id), result.error().message, "error");
  return page.Redirect(ThreadHref(post->id), std::move(done));
}

Response ReplyAction(Page& page, const std::function<Result<>(Id)>& action, std::string done) {
  Response failure;
  auto post = ReadPost(page, failure);
  if (!post) return failure;
  const Id thread = ThreadOfReply(page, post->id);
  if (!thread) return page.NotFound();
  auto result = action(post->id);
  if (!result) return page.Redirect(ThreadHref(thread, post->id), result.error().message, "error");
  return page.Redirect(ThreadHref(thread, post->id), std::move(done));
}

template <class T>
Result<> Discard(Result<T> r) {
  if (!r) return r.error();
  return Ok();
}

}  // namespace

void RegisterThreadPages(UiRouter& ui) {
  ui.Get("/g/{slug}/threads/new", "thread_new", ShowNewThread);
  ui.Post("/g/{slug}/threads", "thread_create", CreateThread);
  ui.Get("/t/{id}", "thread", ShowThread, ui.deps().activity.thread, /*writes=*/true);
  ui.Post("/t/{id}/replies", "reply_create", AddReply);
  ui.Get("/t/{id}/edit", "thread_edit", ShowEditThread);
  ui.Post("/t/{id}/edit", "thread_edit", EditThread);
  ui.Get("/r/{id}/edit", "reply_edit", ShowEditReply);
  ui.Post("/r/{id}/edit", "reply_edit", EditReply);
  auto thread_action = [&ui](std::string_view path, std::string_view name,
                             std::function<Result<>(Page&, Id)> action, std::string done) {
    ui.Post(path, name, [action, done](Page& page) {
      return ThreadAction(
          page, [&](Id id) { return action(page, id); }, done);
    });
  };
  auto reply_action = [&ui](std::string_view path, std::string_view name,
                            std::function<Result<>(Page&, Id)> action, std::string done) {
    ui.Post(path, name, [action, done](Page& page) {
      return ReplyAction(
          page, [&](Id id) { return action(page, id); }, done);
    });
  };
  thread_action(
      "/t/{id}/delete", "thread_delete",
      [](Page& p, Id id) { return p.c().threads.Delete(p.viewer(), id); },
      "The discussion was deleted.");
  thread_action(
      "/t/{id}/like", "thread_like",
      [](Page& p, Id id) { return Discard(p.c().likes.Like(p.viewer(), id)); }, "Liked.");
  thread_action(
      "/t/{id}/unlike", "thread_unlike",
      [](Page& p, Id id) { return Discard(p.c().likes.Unlike(p.viewer(), id)); }, "Like removed.");
  thread_action(
      "/t/{id}/pin", "thread_pin",
      [](Page& p, Id id) { return Discard(p.c().threads.SetPinned(p.viewer(), id, true)); },
      "Pinned to the top of the group.");
  thread_action(
      "/t/{id}/unpin", "thread_unpin",
      [](Page& p, Id id) { return Discard(p.c().threads.SetPinned(p.viewer(), id, false)); },
      "Unpinned.");
  thread_action(
      "/t/{id}/lock", "thread_lock",
      [](Page& p, Id id) { return Discard(p.c().threads.SetLocked(p.viewer(), id, true)); },
      "Locked: only moderators can reply now.");
  thread_action(
      "/t/{id}/unlock", "thread_unlock",
      [](Page& p, Id id) { return Discard(p.c().threads.SetLocked(p.viewer(), id, false)); },
      "Unlocked.");
  reply_action(
      "/r/{id}/delete", "reply_delete",
      [](Page& p, Id id) { return p.c().replies.Delete(p.viewer(), id); },
      "Your reply was deleted.");
  reply_action(
      "/r/{id}/like", "reply_like",
      [](Page& p, Id id) { return Discard(p.c().likes.Like(p.viewer(), id)); }, "Liked.");
  reply_action(
      "/r/{id}/unlike", "reply_unlike",
      [](Page& p, Id id) { return Discard(p.c().likes.Unlike(p.viewer(), id)); }, "Like removed.");
}

}  // namespace guildhall::web
