// FederationPublisher: groups, memberships, profiles, reports and RSVPs (see
// publisher.h).
#include "federation/activities/activities.h"
#include "federation/actors/documents.h"
#include "federation/follows/follow_records.h"
#include "federation/groups/announce.h"
#include "federation/groups/audience.h"
#include "federation/outbox/objects.h"
#include "federation/outbox/publisher.h"
#include "federation/protocol/as2_writer.h"
#include "storage/model/records/local_key.h"
#include "storage/model/records/remote_actor.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::FollowKind;
using storage::Group;
using storage::Member;
using storage::Table;

namespace {

Sender GroupSender(const LocalActors& actors, const Group& g) {
  return Sender{storage::LocalActorKind::kGroup, g.id, actors.UriOf(g), &g, false};
}

// The public key as stored, read in the transaction (never generated here:
// an actor whose key was never made has no peer that cached it).
Result<std::string> StoredPublicPem(storage::ReadTxn& tx, storage::LocalActorKind kind, Id owner) {
  auto key =
      GH_TRY(Table<storage::LocalKeyCodec>::Get(tx, storage::LocalKeyCodec::KeyOf(kind, owner)));
  return key ? key->public_pem : std::string();
}

Result<std::vector<std::string>> One(storage::ReadTxn& tx, std::string_view actor_uri) {
  std::string inbox = GH_TRY(InboxOf(tx, actor_uri));
  if (inbox.empty()) return std::vector<std::string>();
  return std::vector<std::string>{std::move(inbox)};
}

}  // namespace

Result<> FederationPublisher::GroupCreated(WriteTxn&, const Group&) { return Ok(); }

Result<> FederationPublisher::GroupChanged(WriteTxn& tx, const Group& group) {
  if (!LocalActors::Federates(group)) return Ok();
  const LocalActors& actors = outbox_.actors();
  const std::string pem = GH_TRY(StoredPublicPem(tx, storage::LocalActorKind::kGroup, group.id));
  as::Activity update;
  update.type = "Update";
  update.object_actor = std::make_shared<as::Actor>(GroupToGroupActor(actors, group, pem));
  update.object_id = update.object_actor->id;
  update.object_type = "Group";
  update.to = {std::string(as::kPublic)};
  update.cc = {Uris::Followers(update.object_id)};
  const auto inboxes = GH_TRY(GroupFollowerInboxes(tx, group, policy_));
  GH_CHECK(outbox_.Send(tx, GroupSender(actors, group), update, inboxes));
  return Ok();
}

Result<> FederationPublisher::MemberJoined(WriteTxn& tx, const Group& group, const Member& member,
                                           const storage::Membership&) {
  if (member.IsLocal() || !LocalActors::Federates(group)) return Ok();
  // A remote member's join (open group, or a moderator's approval): Accept
  // the Follow that asked for it.
  auto follow = GH_TRY(FindFollow(tx, FollowKind::kToLocalGroup, group.id, member.id));
  if (!follow || follow->state == storage::FollowState::kAccepted) return Ok();
  const LocalActors& actors = outbox_.actors();
  as::Activity accept =
      BuildFollowAnswer("Accept", follow->activity_id, member.actor_uri, actors.UriOf(group));
  const auto inboxes = GH_TRY(One(tx, member.actor_uri));
  GH_CHECK(outbox_.Send(tx, GroupSender(actors, group), accept, inboxes));
  follow->state = storage::FollowState::kAccepted;
  return PutFollow(tx, *follow);
}

Result<> FederationPublisher::JoinDenied(WriteTxn& tx, const Group& group, const Member& member) {
  if (member.IsLocal() || !LocalActors::Federates(group)) return Ok();
  auto follow = GH_TRY(FindFollow(tx, FollowKind::kToLocalGroup, group.id, member.id));
  if (!follow) return Ok();
  const LocalActors& actors = outbox_.actors();
  as::Activity reject =
      BuildFollowAnswer("Reject", follow->activity_id, member.actor_uri, actors.UriOf(group));
  reject.summary = "a moderator of " + group.name + " declined the request to join";
  const auto inboxes = GH_TRY(One(tx, member.actor_uri));
  GH_CHECK(outbox_.Send(tx, GroupSender(actors, group), reject, inboxes));
  return EraseFollow(tx, *follow);
}

Result<> FederationPublisher::MemberLeft(WriteTxn& tx, const Group& group, const Member& member) {
  if (!member.IsLocal()) {
    auto follow = GH_TRY(FindFollow(tx, FollowKind::kToLocalGroup, group.id, member.id));
    return follow ? EraseFollow(tx, *follow) : Ok();
  }
  if (group.ap_id.empty()) return Ok();
  // A local member leaves an external group: Undo the Follow.
  auto follow = GH_TRY(FindFollow(tx, FollowKind::kToExternalGroup, group.id, member.id));
  if (!follow) return Ok();
  const LocalActors& actors = outbox_.actors();
  as::Activity undo = BuildUndoFollow(follow->activity_id, actors.UriOf(member), group.ap_id);
  const auto inboxes = GH_TRY(One(tx, group.ap_id));
  Sender from{storage::LocalActorKind::kMember, member.id, actors.UriOf(member), &group, false};
  GH_CHECK(outbox_.Send(tx, from, undo, inboxes));
  return EraseFollow(tx, *follow);
}

Result<> FederationPublisher::MemberBanned(WriteTxn& tx, const Group& group, const Member& member) {
  if (member.IsLocal() || !LocalActors::Federates(group)) return Ok();
  if (auto follow = GH_TRY(FindFollow(tx, FollowKind::kToLocalGroup, group.id, member.id))) {
    GH_CHECK(EraseFollow(tx, *follow));
  }
  // Lemmy's group ban: Block{object: member, target: group}, to the member's
  // node and the group's followers so their copies know.
  const LocalActors& actors = outbox_.actors();
  as::Activity block;
  block.type = "Block";
  block.object_id = member.actor_uri;
  block.target = actors.UriOf(group);
  block.to = {member.actor_uri};
  block.cc = {Uris::Followers(block.target)};
  auto inboxes = GH_TRY(GroupFollowerInboxes(tx, group, policy_));
  for (auto& inbox : GH_TRY(One(tx, member.actor_uri))) inboxes.push_back(std::move(inbox));
  GH_CHECK(outbox_.Send(tx, GroupSender(actors, group), block, inboxes));
  return Ok();
}

Result<> FederationPublisher::ProfileUpdated(WriteTxn& tx, const Member& member) {
  if (!LocalActors::Federates(member)) return Ok();
  const LocalActors& actors = outbox_.actors();
  const std::string pem = GH_TRY(StoredPublicPem(tx, storage::LocalActorKind::kMember, member.id));
  std::vector<std::string> inboxes;
  const std::string prefix =
      storage::FollowCodec::ByObjectPrefix(FollowKind::kToLocalMember, member.id);
  GH_CHECK(Table<storage::FollowCodec>::ScanPrefix(
      tx, prefix, storage::ScanOrder::kForward, [&](const storage::Follow& f) {
        auto follower =
            Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(f.follower));
        if (!follower || !*follower) return true;
        auto inbox = InboxOf(tx, (*follower)->actor_uri);
        if (inbox && !inbox->empty()) inboxes.push_back(*inbox);
        return true;
      }));
  if (inboxes.empty()) return Ok();
  as::Activity update;
  update.type = "Update";
  update.object_actor = std::make_shared<as::Actor>(MemberToPerson(actors, member, pem));
  update.object_id = update.object_actor->id;
  update.object_type = "Person";
  update.to = {Uris::Followers(update.object_id)};
  Sender from{storage::LocalActorKind::kMember, member.id, update.object_id, nullptr, false};
  GH_CHECK(outbox_.Send(tx, from, update, inboxes));
  return Ok();
}

Result<> FederationPublisher::ReportFiled(WriteTxn& tx, const storage::Report& report) {
  // Reports about remote content or people go to their origin, from the
  // node actor: the reporter's identity stays on this node (as Mastodon).
  const Uris& uris = outbox_.uris();
  std::vector<std::string> objects;
  Id author;
  if (report.target_kind == storage::ReportTarget::kThread) {
    auto t =
        GH_TRY(Table<storage::ThreadCodec>::Get(tx, storage::ThreadCodec::KeyOf(report.target)));
    if (!t || t->ap_id.empty()) return Ok();
    objects.push_back(t->ap_id);
    author = t->author;
  } else if (report.target_kind == storage::ReportTarget::kReply) {
    auto r = GH_TRY(Table<storage::ReplyCodec>::Get(tx, storage::ReplyCodec::KeyOf(report.target)));
    if (!r || r->ap_id.empty()) return Ok();
    objects.push_back(r->ap_id);
    author = r->author;
  } else {
    author = report.target;
  }
  auto member = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(author)));
  if (!member || member->IsLocal()) return Ok();
  objects.insert(objects.begin(), member->actor_uri);
  if (!policy_.DomainAllowed(tx, member->domain)) return Ok();
  as::Activity flag;
  flag.type = "Flag";
  flag.object_id = objects.front();
  flag.extra_objects.assign(objects.begin() + 1, objects.end());
  flag.content = report.reason;
  flag.to = {member->actor_uri};
  const auto inboxes = GH_TRY(One(tx, member->actor_uri));
  Sender from{storage::LocalActorKind::kNode, Id{}, uris.NodeActor(), nullptr, false};
  GH_CHECK(outbox_.Send(tx, from, flag, inboxes));
  return Ok();
}

Result<> FederationPublisher::RsvpChanged(WriteTxn& tx, const Group& group,
                                          const storage::Event& event, const storage::Rsvp& rsvp) {
  // Our member answers a remote event (Mobilizon): Join / TentativeAccept /
  // Leave, to the group it belongs to.
  if (event.ap_id.empty() || group.ap_id.empty()) return Ok();
  auto member =
      GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(rsvp.member)));
  if (!member || !LocalActors::Federates(*member)) return Ok();
  as::Activity answer;
  answer.type = rsvp.answer == storage::RsvpAnswer::kGoing   ? "Join"
                : rsvp.answer == storage::RsvpAnswer::kMaybe ? "TentativeAccept"
                                                             : "Leave";
  answer.object_id = event.ap_id;
  answer.to = {group.ap_id};
  return SendAsMember(tx, group, *member, std::move(answer));
}

Result<> FederationPublisher::ResourceAdded(WriteTxn&, const Group&, const storage::Resource&) {
  return Ok();  // the library is not federated
}

Result<> FederationPublisher::ResourceRemoved(WriteTxn&, const Group&, const storage::Resource&) {
  return Ok();
}

}  // namespace guildhall::federation
