#include "federation/follows/backfill.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/relayed.h"
#include "federation/authorize/origin.h"
#include "federation/dereference/fetcher.h"
#include "federation/log.h"
#include "federation/protocol/as2_reader.h"
#include "federation/protocol/url.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {

namespace {

// The node's Remote with the run's byte budget on top: every document the
// backfill reads (pages, objects) is counted, and once the budget is spent
// every further fetch fails. Actor documents go through the actor cache and
// are not counted: there is one per author, each capped by the HTTP client.
class BudgetedRemote final : public Remote {
 public:
  BudgetedRemote(Remote& inner, size_t budget) : inner_(inner), budget_(budget) {}

  Result<storage::RemoteActor> Actor(std::string_view id, Deadline deadline) override {
    return inner_.Actor(id, deadline);
  }
  Result<as::Document> Fetch(std::string_view id, Deadline deadline) override {
    if (spent()) return Error::Unavailable("backfill byte budget spent");
    return inner_.FetchCounting(id, deadline, used_);
  }
  bool spent() const { return used_ >= budget_; }
  size_t used() const { return used_; }

 private:
  Remote& inner_;
  const size_t budget_;
  size_t used_ = 0;
};

// One item of a collection page, in page order: embedded or named by id.
struct Item {
  std::string id;
  const as::Activity* activity = nullptr;
  const as::Object* object = nullptr;
  std::string page;  // the id of the page it came from (its origin vouches)
};

struct Run {
  ApplyContext& ctx;  // its remote is the BudgetedRemote
  BudgetedRemote& remote;
  const storage::Group& group;
  const BackfillLimits& limits;
  Deadline deadline;
  BackfillReport report = {};
  std::set<std::string> seen = {};     // object ids taken, so a second listing is skipped
  std::set<std::string> deleted = {};  // object ids a newer outbox item deletes

  // Records why the run ends early (the first bound reached); false then.
  bool Within() {
    if (!report.stopped.empty()) return false;
    if (remote.spent()) {
      report.stopped = "bytes";
    } else if (std::chrono::steady_clock::now() >= deadline) {
      report.stopped = "time";
    }
    return report.stopped.empty();
  }
  bool TimeUp() {
    if (std::chrono::steady_clock::now() < deadline) return false;
    if (report.stopped.empty()) report.stopped = "time";
    return true;
  }
  bool Allowed(std::string_view url) const { return ctx.policy.DomainAllowed(DomainOf(url)); }
};

Result<as::Collection> FetchCollection(Run& run, const std::string& url) {
  if (!run.Allowed(url)) return Error::Forbidden("collection on a domain not allowed");
  auto doc = GH_TRY(run.remote.Fetch(url, run.deadline));
  auto* collection = std::get_if<as::Collection>(&doc);
  if (collection == nullptr) return Error::Invalid("not a collection");
  return std::move(*collection);
}

// Calls `visit` for the items of `page` in order; false once it says stop.
bool VisitPage(const as::Collection& page, const std::function<bool(const Item&)>& visit) {
  std::map<std::string_view, const as::Activity*> activities;
  std::map<std::string_view, const as::Object*> objects;
  for (const auto& a : page.activities) activities.emplace(a.id, &a);
  for (const auto& o : page.objects) objects.emplace(o.id, &o);
  for (const std::string& id : page.item_ids) {
    Item item{id, nullptr, nullptr, page.id};
    if (auto a = activities.find(id); a != activities.end()) item.activity = a->second;
    if (auto o = objects.find(id); o != objects.end()) item.object = o->second;
    if (!visit(item)) return false;
  }
  return true;
}

// The collection at `url` page by page: its inline items, then `first` and
// each `next`, at most limits.pages documents in all. Errors end the walk
// quietly (what was read is kept); they are the peer's.
void WalkCollection(Run& run, const std::string& url,
                    const std::function<bool(const Item&)>& visit) {
  std::string next = url;
  std::set<std::string> fetched;
  for (size_t pages = 0; !next.empty() && run.Within(); ++pages) {
    if (pages == run.limits.pages) {
      run.report.stopped = "pages";
      return;
    }
    if (!fetched.insert(CanonicalUrl(next)).second) return;  // a page that links back
    auto page = FetchCollection(run, next);
    if (!page) {
      Log().info("backfill page={} result=skipped reason={}", LogField(next),
                 LogField(page.error().message));
      return;
    }
    if (!VisitPage(*page, visit)) return;
    // A collection links its `first` page, unless it embedded it (Mastodon's
    // replies), in which case the reader took its items and its `next`.
    next = pages == 0 && page->next.empty() ? page->first : page->next;
  }
}

// The object an item names, authentic: embedded copies are taken from the
// page's own origin only (the Fetcher checked that the page is what its
// URL serves); anything else is fetched from its own origin.
Result<as::Object> AuthenticObject(Run& run, const std::string& id, const as::Object* embedded,
                                   const std::string& page) {
  if (embedded && SameOrigin(embedded->id, page)) return *embedded;
  if (!run.Allowed(id)) return Error::Forbidden("object on a domain not allowed");
  auto doc = GH_TRY(run.remote.Fetch(id, run.deadline));
  if (auto* object = std::get_if<as::Object>(&doc)) return std::move(*object);
  if (auto* activity = std::get_if<as::Activity>(&doc);
      activity && activity->object && activity->object->id != id) {
    // A page listing activities by id (a Create of the object).
    return AuthenticObject(run, activity->object->id, nullptr, page);
  }
  return Error::Invalid("not an object");
}

// The content an outbox or replies item carries: an object, a Create of one,
// or an Announce of either (Lemmy's outbox). nullopt for anything else
// (Likes, Updates, Deletes: history, not content).
Result<std::optional<as::Object>> ContentOf(Run& run, const Item& item) {
  using Out = std::optional<as::Object>;
  const as::Activity* a = item.activity;
  if (a && a->type == "Announce" && a->object_activity) a = a->object_activity.get();
  if (a && a->type == "Announce") {  // of the object itself
    return Out(GH_TRY(AuthenticObject(run, a->object_id, a->object.get(), item.page)));
  }
  if (a && a->type == "Delete") run.deleted.insert(a->object_id);
  if (a && a->type != "Create") return Out();
  if (a) return Out(GH_TRY(AuthenticObject(run, a->object_id, a->object.get(), item.page)));
  return Out(GH_TRY(AuthenticObject(run, item.id, item.object, item.page)));
}

// Stores `object` in the mirror as its author's Create, through the inbox's
// store path. True if it was taken (stored now or already there).
bool Take(Run& run, const as::Object& object) {
  if (!IsContentType(object.type) || object.attributed_to.empty()) return false;
  if (run.deleted.contains(object.id) || !run.seen.insert(object.id).second) return false;
  as::Activity create;
  create.id = object.id;
  create.type = "Create";
  // Mobilizon attributes a group's events to the group; the author is then
  // the group itself (federation/authorize/origin.h).
  create.actor = object.attributed_to.front();
  create.object_id = object.id;
  create.object_type = object.type;
  create.object = std::make_shared<as::Object>(object);
  if (!run.Allowed(create.actor)) return false;
  const Outcome outcome = MirrorUpsert(run.ctx, run.group, create, run.deadline);
  if (outcome.kind == Outcome::Kind::kDone) ++run.report.stored;
  const bool taken = outcome.kind == Outcome::Kind::kDone || outcome.reason == "already stored";
  if (!taken) {
    Log().info("backfill group={} object={} result={} reason={}", LogField(run.group.ap_id),
               LogField(object.id), OutcomeName(outcome.kind), LogField(outcome.reason));
  }
  return taken;
}

void WalkReplies(Run& run, const as::Object& parent, size_t depth);

// One reply; then, from a `replies` walk, its own replies one level down.
bool TakeReply(Run& run, const Item& item, size_t depth) {
  if (run.report.replies == run.limits.replies) {
    run.report.stopped = "replies";
    return false;
  }
  if (run.seen.contains(item.id)) return run.Within();  // the thread itself, listed first
  auto object = ContentOf(run, item);
  if (!object || !*object || (*object)->in_reply_to.empty()) return run.Within();
  if (Take(run, **object)) {
    ++run.report.replies;
    if (depth > 0) WalkReplies(run, **object, depth);
  }
  return run.Within();
}

// FEP-7888: the `context` collection lists the whole conversation at once;
// without one, the `replies` collection of each object, `depth` levels down.
void WalkReplies(Run& run, const as::Object& parent, size_t depth) {
  if (depth == 0 || !run.Within()) return;
  if (!parent.context.empty() && depth == run.limits.depth) {
    bool read = false;
    WalkCollection(run, parent.context, [&](const Item& item) {
      read = true;
      return TakeReply(run, item, 0);
    });
    if (read) return;
  }
  if (parent.replies.empty()) return;
  WalkCollection(run, parent.replies,
                 [&](const Item& item) { return TakeReply(run, item, depth - 1); });
}

// The outbox's newest threads and events, up to limits.threads of them.
// Replies listed there (Guildhall's outbox announces them too) are left to
// their thread's conversation, which orders them after their parents.
std::vector<as::Object> NewestContent(Run& run, const std::string& outbox) {
  std::vector<as::Object> out;
  std::set<std::string> listed;  // a collection's inline items come again on its first page
  WalkCollection(run, outbox, [&](const Item& item) {
    if (listed.contains(item.id)) return true;
    if (out.size() == run.limits.threads) {
      run.report.stopped = "threads";
      return false;
    }
    listed.insert(item.id);
    auto object = ContentOf(run, item);
    if (object && *object && IsContentType((*object)->type) && (*object)->in_reply_to.empty()) {
      out.push_back(std::move(**object));
    }
    return run.Within();
  });
  return out;
}

Result<std::string> OutboxOf(Run& run) {
  auto actor = GH_TRY(run.ctx.remote.Actor(run.group.ap_id, run.deadline));
  auto doc = GH_TRY(as::ReadActor(actor.raw_json));
  if (doc.outbox.empty()) return Error::NotFound("the group has no outbox");
  GH_CHECK(RequireSameOrigin(doc.outbox, run.group.ap_id, "outbox"));
  return doc.outbox;
}

}  // namespace

BackfillReport BackfillGroup(ApplyContext& ctx, const storage::Group& group) {
  const BackfillLimits& limits = ctx.backfill;
  if (limits.threads == 0) return {};  // turned off
  BudgetedRemote remote(ctx.remote, limits.bytes);
  ApplyContext budgeted{ctx.store,     ctx.clock, ctx.ids,    ctx.actors, ctx.policy,
                        ctx.community, remote,    ctx.outbox, limits};
  Run run{.ctx = budgeted,
          .remote = remote,
          .group = group,
          .limits = limits,
          .deadline = std::chrono::steady_clock::now() + limits.time};
  auto outbox = OutboxOf(run);
  if (!outbox) {
    run.report.stopped = "no outbox: " + outbox.error().message;
  } else {
    std::vector<as::Object> threads = NewestContent(run, *outbox);
    // Oldest first, so that the mirror lists them in the group's order.
    std::reverse(threads.begin(), threads.end());
    for (const as::Object& thread : threads) {
      // What was read is stored even when the byte budget is spent; only
      // the clock ends this loop (storing may fetch authors' actors).
      if (run.TimeUp()) break;
      if (!Take(run, thread)) continue;
      ++run.report.threads;
      if (thread.type != "Event") WalkReplies(run, thread, limits.depth);
    }
  }
  run.report.bytes = remote.used();
  Log().info("backfill group={} threads={} replies={} stored={} bytes={} stopped={}",
             LogField(group.ap_id), run.report.threads, run.report.replies, run.report.stored,
             run.report.bytes, LogField(run.report.stopped.empty() ? "-" : run.report.stopped));
  return run.report;
}

}  // namespace guildhall::federation
