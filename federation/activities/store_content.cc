#include "federation/activities/store_content.h"

#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/content.h"
#include "federation/activities/content_extras.h"
#include "federation/groups/addressing.h"
#include "federation/outbox/outbox.h"
#include "node/community/events.h"
#include "node/community/moderation.h"
#include "node/community/replies.h"
#include "node/community/threads.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using Kind = ContentRef::Kind;

namespace {

constexpr int64_t kDefaultEventMillis = 2 * 3600 * 1000;

// The body may not be empty: a link post or a poll without text shows its
// title (its link and options are in the extras).
std::string BodyOf(const as::Object& o) {
  std::string body = RemoteMarkdown(o);
  if (body.empty()) body = RemoteTitle(o);
  return body;
}

community::EventDraft EventDraftOf(const as::Object& o) {
  community::EventDraft d;
  d.title = RemoteTitle(o);
  d.description = RemoteMarkdown(o);
  d.start = o.start_time ? UnixMillis(*o.start_time) : 0;
  d.end = o.end_time ? UnixMillis(*o.end_time) : d.start + kDefaultEventMillis;
  d.time_zone = o.timezone.empty() ? "Etc/UTC" : o.timezone;
  if (o.location) {
    d.place = CleanText(o.location->name, 300);
    if (!o.location->street_address.empty() || !o.location->locality.empty()) {
      std::string address = o.location->street_address + " " + o.location->locality;
      d.place = CleanText(d.place.empty() ? address : d.place + ", " + address, 300);
    }
  }
  for (const auto& link : o.attachment) {
    if (link.type == "Link" && !link.href.empty()) d.online_url = link.href;
  }
  if (o.maximum_attendee_capacity && *o.maximum_attendee_capacity > 0) {
    d.capacity = static_cast<uint64_t>(*o.maximum_attendee_capacity);
  }
  d.ap_id = o.id;
  return d;
}

Outcome Finish(const Result<>& r) { return r ? Outcome::Done() : OutcomeOf(r.error()); }

template <class T>
Outcome Finish(const Result<T>& r) {
  return r ? Outcome::Done() : OutcomeOf(r.error());
}

// A reply's parent must already be stored in the same group.
Outcome StoreReply(ApplyContext& ctx, const storage::Group& group, const storage::Member& author,
                   const as::Object& o) {
  std::optional<ContentRef> parent;
  auto read = ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    parent = GH_TRY(FindContent(tx, ctx.uris(), o.in_reply_to));
    return Ok();
  });
  if (!read) return OutcomeOf(read.error());
  if (!parent || parent->group != group.id || parent->kind == Kind::kEvent) {
    return Outcome::Ignored("reply to unknown content");
  }
  community::ReplyDraft draft{
      .in_reply_to = Id{}, .body = BodyOf(o), .ap_id = o.id, .extras = ExtrasOf(o)};
  Id thread = parent->id;
  if (parent->kind == Kind::kReply) {
    draft.in_reply_to = parent->id;
    thread = parent->reply->thread;
  }
  return Finish(ctx.community.replies.Create(author.id, thread, draft));
}

// The refusal as an outcome, or nullopt when the group may publish it.
std::optional<Outcome> Refused(ApplyContext& ctx, const storage::Group& group,
                               const as::Activity& activity) {
  auto why = AddressingRefusalIn(ctx, group, activity);
  if (!why) return OutcomeOf(why.error());
  if (why->empty()) return std::nullopt;
  return Outcome::Ignored(*why);
}

}  // namespace

Result<std::string> AddressingRefusalIn(ApplyContext& ctx, const storage::Group& group,
                                        const as::Activity& activity) {
  std::string why;
  GH_CHECK(ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    why = AddressingRefusal(GH_TRY(AudienceOf(tx, ctx.actors, group)), activity);
    return Ok();
  }));
  return why;
}

Outcome StoreRemoteContent(ApplyContext& ctx, const storage::Group& group,
                           const storage::Member& author, const as::Activity& activity,
                           std::string_view raw_activity) {
  if (auto refused = Refused(ctx, group, activity)) return *refused;
  const as::Object& o = *activity.object;
  auto scope = ctx.outbox.ExpectInbound(InboundKey::Object(o.id), std::string(raw_activity));
  if (o.type == "Event") {
    return Finish(ctx.community.events.Create(author.id, group.id, EventDraftOf(o)));
  }
  // Votes are counted by the poll's own node, which sends Update(Question)
  // with the new counts; a vote is never a reply.
  if (IsPollVote(o)) return Outcome::Ignored("a poll vote (counted by the poll's node)");
  if (o.type == "Note" && !o.in_reply_to.empty()) return StoreReply(ctx, group, author, o);
  community::ThreadDraft draft{
      .title = RemoteTitle(o), .body = BodyOf(o), .ap_id = o.id, .extras = ExtrasOf(o)};
  return Finish(ctx.community.threads.Create(author.id, group.id, draft));
}

Outcome UpdateRemoteContent(ApplyContext& ctx, const ContentRef& content,
                            const storage::Member& author, const as::Activity& activity,
                            std::string_view raw_activity) {
  // An edit is held to the same addressing as a new post: it may neither
  // widen the object's audience nor bring narrower text into a wider group.
  auto group = ReadOne<std::optional<storage::Group>>(ctx.store, [&](storage::ReadTxn& tx) {
    return storage::Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(content.group));
  });
  if (!group) return OutcomeOf(group.error());
  if (!*group) return Outcome::Ignored("the content's group is gone");
  if (auto refused = Refused(ctx, **group, activity)) return *refused;
  const as::Object& o = *activity.object;
  auto scope = ctx.outbox.ExpectInbound(InboundKey::Object(o.id), std::string(raw_activity));
  switch (content.kind) {
    case Kind::kThread:
      return Finish(ctx.community.threads.Edit(
          author.id, content.id, community::ThreadEdit{RemoteTitle(o), BodyOf(o), 0, ExtrasOf(o)}));
    case Kind::kReply:
      return Finish(ctx.community.replies.Edit(author.id, content.id, BodyOf(o), 0, ExtrasOf(o)));
    case Kind::kEvent:
      return Finish(ctx.community.events.Update(author.id, content.id, EventDraftOf(o)));
  }
  return Outcome::Ignored("unknown content kind");
}

Outcome DeleteByAuthor(ApplyContext& ctx, const ContentRef& content, const storage::Member& author,
                       std::string_view raw_activity) {
  auto scope =
      ctx.outbox.ExpectInbound(InboundKey::Object(content.ap_id), std::string(raw_activity));
  switch (content.kind) {
    case Kind::kThread:
      return Finish(ctx.community.threads.Delete(author.id, content.id));
    case Kind::kReply:
      return Finish(ctx.community.replies.Delete(author.id, content.id));
    case Kind::kEvent:
      return Finish(ctx.community.events.Cancel(author.id, content.id, "deleted by its organizer"));
  }
  return Outcome::Ignored("unknown content kind");
}

Outcome RemoveByModerator(ApplyContext& ctx, const ContentRef& content,
                          const storage::Member& moderator, std::string_view reason,
                          std::string_view raw_activity) {
  auto scope =
      ctx.outbox.ExpectInbound(InboundKey::Object(content.ap_id), std::string(raw_activity));
  const std::string why = reason.empty() ? "removed by a moderator" : CleanText(reason, 500);
  switch (content.kind) {
    case Kind::kThread:
      return Finish(ctx.community.moderation.RemoveThread(moderator.id, content.id, why));
    case Kind::kReply:
      return Finish(ctx.community.moderation.RemoveReply(moderator.id, content.id, why));
    case Kind::kEvent:
      return Finish(ctx.community.events.Cancel(moderator.id, content.id, why));
  }
  return Outcome::Ignored("unknown content kind");
}

Outcome RemoveFromMirror(ApplyContext& ctx, const ContentRef& content, std::string_view reason) {
  const std::string why = reason.empty() ? "removed by the group" : CleanText(reason, 500);
  return Finish(ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    using storage::Table;
    if (content.kind == Kind::kThread) {
      auto t =
          GH_TRY(Table<storage::ThreadCodec>::Get(tx, storage::ThreadCodec::KeyOf(content.id)));
      if (!t || t->removed) return Ok();
      t->removed = true;
      t->removal_reason = why;
      ++t->version;
      GH_CHECK(Table<storage::ThreadCodec>::Put(tx, *t));
      auto g = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(t->group)));
      if (!g || g->thread_count == 0) return Ok();
      --g->thread_count;
      return Table<storage::GroupCodec>::Put(tx, *g);
    }
    if (content.kind == Kind::kReply) {
      auto r = GH_TRY(Table<storage::ReplyCodec>::Get(tx, storage::ReplyCodec::KeyOf(content.id)));
      if (!r || r->removed) return Ok();
      r->removed = true;
      r->removal_reason = why;
      ++r->version;
      return Table<storage::ReplyCodec>::Put(tx, *r);
    }
    auto e = GH_TRY(Table<storage::EventCodec>::Get(tx, storage::EventCodec::KeyOf(content.id)));
    if (!e || e->cancelled) return Ok();
    e->cancelled = true;
    ++e->version;
    return Table<storage::EventCodec>::Put(tx, *e);
  }));
}

}  // namespace guildhall::federation
