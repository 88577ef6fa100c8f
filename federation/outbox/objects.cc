#include "federation/outbox/objects.h"

#include "federation/follows/mirror.h"
#include "federation/protocol/markdown.h"
#include "storage/model/records/member.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Table;

namespace {

Result<std::string> MemberUri(storage::ReadTxn& tx, const LocalActors& actors, Id member) {
  auto m = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(member)));
  if (!m) return Error::NotFound("author not found");
  return actors.UriOf(*m);
}

TimePoint At(int64_t ms) { return FromUnixMillis(ms); }

// What every piece of content carries: id, author, Markdown body rendered
// (and kept as source), the group addressing, times and url.
struct Common {
  std::string id;
  const char* type;
  Id author;
  const std::string& markdown;
  int64_t created;
  int64_t updated;  // 0: never
};

Result<as::Object> Base(storage::ReadTxn& tx, const LocalActors& actors,
                        const storage::Group& group, const Common& c) {
  as::Object o;
  o.id = c.id;
  o.type = c.type;
  o.attributed_to = {GH_TRY(MemberUri(tx, actors, c.author))};
  o.content = MarkdownToContent(c.markdown);
  o.media_type = "text/html";
  o.source = as::Source{c.markdown, "text/markdown"};
  o.audience = actors.UriOf(group);
  AddressToGroup(actors, group, o.to, o.cc);
  o.published = At(c.created);
  if (c.updated != 0 && c.updated != c.created) o.updated = At(c.updated);
  o.url = o.id;
  return o;
}

}  // namespace

std::string MarkdownToContent(std::string_view markdown) { return RenderMarkdown(markdown).html; }

std::string ThreadId(const Uris& uris, const storage::Thread& t) {
  return t.ap_id.empty() ? uris.Thread(t.id) : t.ap_id;
}
std::string ContextId(const Uris& uris, const storage::Group& group, const storage::Thread& t) {
  return group.ap_id.empty() ? uris.Thread(t.id) + "/context" : ThreadId(uris, t);
}
std::string ReplyId(const Uris& uris, const storage::Reply& r) {
  return r.ap_id.empty() ? uris.Reply(r.id) : r.ap_id;
}
std::string EventId(const Uris& uris, const storage::Event& e) {
  return e.ap_id.empty() ? uris.Event(e.id) : e.ap_id;
}

void AddressToGroup(const LocalActors& actors, const storage::Group& group,
                    std::vector<std::string>& to, std::vector<std::string>& cc) {
  const std::string group_uri = actors.UriOf(group);
  to.push_back(group_uri);
  // Lemmy's verify_visibility (crates/apub/objects/src/utils/functions.rs)
  // wants Public in to/cc exactly when the group is public to it, and our
  // group documents say which (manuallyApprovesFollowers, documents.cc).
  // External groups: our members post to an open one publicly, as Lemmy's
  // own generate_to does for a public community, and to one that approves
  // its followers without Public (Lemmy's private communities; mirror.h).
  const bool external = !group.ap_id.empty();
  if (external ? MirrorIsOpen(group) : group.scope == storage::GroupScope::kPublic) {
    to.push_back(std::string(as::kPublic));
  }
  // The followers of an external group are its own business: its URL is
  // not ours to mint.
  if (group.ap_id.empty()) cc.push_back(Uris::Followers(group_uri));
}

Result<as::Object> ThreadToPage(storage::ReadTxn& tx, const LocalActors& actors,
                                const storage::Group& group, const storage::Thread& t) {
  if (t.removed) return TombstoneOf(ThreadId(actors.uris(), t), "Page", t.edited_at);
  as::Object o =
      GH_TRY(Base(tx, actors, group,
                  {ThreadId(actors.uris(), t), "Page", t.author, t.body, t.created, t.edited_at}));
  o.name = t.title;
  if (group.ap_id.empty()) o.context = ContextId(actors.uris(), group, t);
  o.stickied = t.pinned;
  o.comments_enabled = !t.locked;
  return o;
}

Result<as::Object> ReplyToNote(storage::ReadTxn& tx, const LocalActors& actors,
                               const storage::Group& group, const storage::Reply& r) {
  const Uris& uris = actors.uris();
  if (r.removed) return TombstoneOf(ReplyId(uris, r), "Note", r.edited_at);
  auto thread = GH_TRY(Table<storage::ThreadCodec>::Get(tx, storage::ThreadCodec::KeyOf(r.thread)));
  if (!thread) return Error::NotFound("thread not found");
  as::Object o = GH_TRY(Base(tx, actors, group,
                             {ReplyId(uris, r), "Note", r.author, r.body, r.created, r.edited_at}));
  o.context = ContextId(uris, group, *thread);
  o.in_reply_to = ThreadId(uris, *thread);
  if (r.in_reply_to) {
    auto parent =
        GH_TRY(Table<storage::ReplyCodec>::Get(tx, storage::ReplyCodec::KeyOf(r.in_reply_to)));
    if (parent) o.in_reply_to = ReplyId(uris, *parent);
  }
  return o;
}

Result<as::Object> EventToAsEvent(storage::ReadTxn& tx, const LocalActors& actors,
                                  const storage::Group& group, const storage::Event& e) {
  as::Object o = GH_TRY(
      Base(tx, actors, group,
           {EventId(actors.uris(), e), "Event", e.organizer, e.description, e.created, e.updated}));
  o.name = e.title;
  o.start_time = At(e.start);
  o.end_time = At(e.end);
  o.timezone = e.time_zone;
  if (!e.place.empty()) {
    o.location.emplace();
    o.location->name = e.place;
  }
  if (!e.online_url.empty()) {
    as::Link link;
    link.type = "Link";
    link.href = e.online_url;
    link.name = "Online";
    o.attachment.push_back(std::move(link));
  }
  o.join_mode = "free";
  if (e.capacity > 0) o.maximum_attendee_capacity = static_cast<int64_t>(e.capacity);
  o.status = e.cancelled ? "CANCELLED" : "CONFIRMED";
  return o;
}

as::Object TombstoneOf(std::string id, std::string former_type, int64_t deleted_ms) {
  as::Object o;
  o.id = std::move(id);
  o.type = "Tombstone";
  o.former_type = std::move(former_type);
  if (deleted_ms != 0) o.deleted = At(deleted_ms);
  return o;
}

}  // namespace guildhall::federation
