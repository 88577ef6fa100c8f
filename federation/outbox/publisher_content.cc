// FederationPublisher: threads, replies, events and likes (see publisher.h).
#include "federation/groups/announce.h"
#include "federation/groups/audience.h"
#include "federation/outbox/objects.h"
#include "federation/outbox/publisher.h"
#include "federation/protocol/as2_writer.h"
#include "federation/protocol/url.h"
#include "storage/model/records/remote_actor.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Group;
using storage::Member;
using storage::Table;

namespace {

Result<Member> LoadMember(storage::ReadTxn& tx, Id id) {
  auto m = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(id)));
  if (!m) return Error::NotFound("member not found");
  return std::move(*m);
}

bool External(const Group& g) { return !g.ap_id.empty(); }

}  // namespace

Result<> FederationPublisher::SendAsMember(WriteTxn& tx, const Group& group, const Member& member,
                                           as::Activity activity) {
  const LocalActors& actors = outbox_.actors();
  Sender from{storage::LocalActorKind::kMember, member.id, actors.UriOf(member), &group,
              group.scope == storage::GroupScope::kPublic};
  if (!External(group)) {
    GH_CHECK(outbox_.Send(tx, from, activity, {}));  // stored and served; the group relays it
    return AnnounceToFollowers(tx, outbox_, policy_, group, as::ActivityToJson(activity));
  }
  // FEP-1b12: to the remote group's inbox; it announces to its followers.
  auto origin = OriginOf(group.ap_id);
  if (!origin || !policy_.DomainAllowed(tx, origin->Authority())) return Ok();
  auto actor = GH_TRY(
      Table<storage::RemoteActorCodec>::Get(tx, storage::RemoteActorCodec::KeyOf(group.ap_id)));
  if (!actor || actor->inbox.empty()) return Ok();
  const std::string inboxes[] = {actor->inbox};
  GH_CHECK(outbox_.Send(tx, from, activity, inboxes));
  return Ok();
}

Result<> FederationPublisher::PublishContent(WriteTxn& tx, const Group& group,
                                             const ContentChange& change) {
  if (group.scope == storage::GroupScope::kInternal) return Ok();  // DESIGN §4
  if (!External(group) && !LocalActors::Federates(group)) return Ok();
  if (!change.ap_id.empty()) {
    if (External(group)) return Ok();  // it came from there
    auto raw = outbox_.Inbound(InboundKey::Object(change.ap_id));
    if (!raw || raw->empty()) return Ok();
    return AnnounceJsonToFollowers(tx, outbox_, policy_, group, *raw);
  }
  const Member author = GH_TRY(LoadMember(tx, change.author));
  Member actor =
      change.actor && change.actor != change.author ? GH_TRY(LoadMember(tx, change.actor)) : author;
  if (!author.IsLocal() || !actor.IsLocal() || !actor.federation) return Ok();
  as::Object object = GH_TRY(change.object(tx));
  as::Activity activity;
  activity.type = change.verb;
  // The group's addressing, not the object's: a Tombstone carries none, and
  // Lemmy's Delete requires `to` (crates/apub/activities/src/protocol/
  // deletion/delete.rs) with Public in it for a public group.
  AddressToGroup(outbox_.actors(), group, activity.to, activity.cc);
  activity.audience = {outbox_.actors().UriOf(group)};
  activity.summary = change.summary;
  activity.object_id = object.id;
  activity.object_type = object.type;
  activity.object = std::make_shared<as::Object>(std::move(object));
  return SendAsMember(tx, group, actor, std::move(activity));
}

Result<> FederationPublisher::ThreadCreated(WriteTxn& tx, const Group& group,
                                            const storage::Thread& t) {
  return PublishContent(tx, group,
                        {"Create", t.author, Id{}, t.ap_id, "", [&](storage::ReadTxn& r) {
                           return ThreadToPage(r, outbox_.actors(), group, t);
                         }});
}

Result<> FederationPublisher::ThreadUpdated(WriteTxn& tx, const Group& group,
                                            const storage::Thread& t) {
  return PublishContent(tx, group,
                        {"Update", t.author, Id{}, t.ap_id, "", [&](storage::ReadTxn& r) {
                           return ThreadToPage(r, outbox_.actors(), group, t);
                         }});
}

Result<> FederationPublisher::ThreadDeleted(WriteTxn& tx, const Group& group,
                                            const storage::Thread& t) {
  return PublishContent(tx, group,
                        {"Delete", t.author, t.removed_by, t.ap_id, t.removal_reason,
                         [&](storage::ReadTxn&) -> Result<as::Object> {
                           return TombstoneOf(ThreadId(outbox_.uris(), t), "Page", t.edited_at);
                         }});
}

Result<> FederationPublisher::ReplyCreated(WriteTxn& tx, const Group& group, const storage::Thread&,
                                           const storage::Reply& r) {
  return PublishContent(tx, group,
                        {"Create", r.author, Id{}, r.ap_id, "", [&](storage::ReadTxn& rt) {
                           return ReplyToNote(rt, outbox_.actors(), group, r);
                         }});
}

Result<> FederationPublisher::ReplyUpdated(WriteTxn& tx, const Group& group, const storage::Thread&,
                                           const storage::Reply& r) {
  return PublishContent(tx, group,
                        {"Update", r.author, Id{}, r.ap_id, "", [&](storage::ReadTxn& rt) {
                           return ReplyToNote(rt, outbox_.actors(), group, r);
                         }});
}

Result<> FederationPublisher::ReplyDeleted(WriteTxn& tx, const Group& group, const storage::Thread&,
                                           const storage::Reply& r) {
  return PublishContent(tx, group,
                        {"Delete", r.author, r.removed_by, r.ap_id, r.removal_reason,
                         [&](storage::ReadTxn&) -> Result<as::Object> {
                           return TombstoneOf(ReplyId(outbox_.uris(), r), "Note", r.edited_at);
                         }});
}

Result<> FederationPublisher::EventCreated(WriteTxn& tx, const Group& group,
                                           const storage::Event& e) {
  return PublishContent(tx, group,
                        {"Create", e.organizer, Id{}, e.ap_id, "", [&](storage::ReadTxn& r) {
                           return EventToAsEvent(r, outbox_.actors(), group, e);
                         }});
}

Result<> FederationPublisher::EventUpdated(WriteTxn& tx, const Group& group,
                                           const storage::Event& e) {
  return PublishContent(tx, group,
                        {"Update", e.organizer, Id{}, e.ap_id, "", [&](storage::ReadTxn& r) {
                           return EventToAsEvent(r, outbox_.actors(), group, e);
                         }});
}

// Mobilizon announces a cancellation as an Update with status CANCELLED.
Result<> FederationPublisher::EventCancelled(WriteTxn& tx, const Group& group,
                                             const storage::Event& e) {
  return EventUpdated(tx, group, e);
}

Result<> FederationPublisher::PublishLike(WriteTxn& tx, const Group& group,
                                          const storage::Like& like, bool added) {
  if (group.scope == storage::GroupScope::kInternal) return Ok();
  if (!External(group) && !LocalActors::Federates(group)) return Ok();
  const Member member = GH_TRY(LoadMember(tx, like.member));
  if (!member.IsLocal()) {
    if (External(group)) return Ok();
    auto raw = outbox_.Inbound(InboundKey::Like(like.object, like.member));
    if (!raw || raw->empty()) return Ok();
    return AnnounceJsonToFollowers(tx, outbox_, policy_, group, *raw);
  }
  if (!member.federation) return Ok();
  std::string object_id;
  if (like.target == storage::LikeTarget::kThread) {
    auto t = GH_TRY(Table<storage::ThreadCodec>::Get(tx, storage::ThreadCodec::KeyOf(like.object)));
    if (t) object_id = ThreadId(outbox_.uris(), *t);
  } else {
    auto r = GH_TRY(Table<storage::ReplyCodec>::Get(tx, storage::ReplyCodec::KeyOf(like.object)));
    if (r) object_id = ReplyId(outbox_.uris(), *r);
  }
  if (object_id.empty()) return Ok();
  // The Like's id is derived from the like itself (who, what, when), so the
  // Undo sent on unlike can name the very activity it takes back, as
  // receivers that check the inner id (Mastodon, Lemmy) require.
  const std::string actor_uri = outbox_.actors().UriOf(member);
  as::Activity activity;
  activity.type = "Like";
  activity.id = actor_uri + "#likes/" + like.object.ToString() + "-" + std::to_string(like.at);
  activity.object_id = object_id;
  activity.audience = {outbox_.actors().UriOf(group)};
  if (!added) {
    auto liked = std::make_shared<as::Activity>(activity);
    liked->actor = actor_uri;
    activity = as::Activity{};
    activity.type = "Undo";
    activity.object_id = liked->id;
    activity.object_type = "Like";
    activity.object_activity = std::move(liked);
    activity.audience = {outbox_.actors().UriOf(group)};
  }
  return SendAsMember(tx, group, member, std::move(activity));
}

Result<> FederationPublisher::LikeAdded(WriteTxn& tx, const Group& group,
                                        const storage::Like& like) {
  return PublishLike(tx, group, like, true);
}

Result<> FederationPublisher::LikeRemoved(WriteTxn& tx, const Group& group,
                                          const storage::Like& like) {
  return PublishLike(tx, group, like, false);
}

}  // namespace guildhall::federation
