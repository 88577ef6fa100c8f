// Follow of a local Group (joining it, FEP-1b12) or of a local Person.
// Joining goes through community::Memberships::Join as the remote member:
// open groups answer Accept at once (sent by the MemberJoined hook, in the
// same write), approval groups leave the membership pending and notify the
// moderators (their approval fires the same hook), invite-only groups and
// bans answer Reject. The Follow's id is remembered first, because every
// answer must name it.
#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/remote_members.h"
#include "federation/authorize/origin.h"
#include "federation/follows/follow_records.h"
#include "federation/groups/audience.h"
#include "federation/outbox/outbox.h"
#include "node/community/memberships.h"

namespace guildhall::federation {

using storage::Follow;
using storage::FollowKind;
using storage::FollowState;

namespace {

Sender ActorSender(const LocalActor& actor) {
  return Sender{actor.kind, actor.owner(), actor.uri, actor.group ? &*actor.group : nullptr, false};
}

// Sends Accept or Reject of `follow_id` from `followed` to the follower.
Result<> Answer(ApplyContext& ctx, std::string_view type, const LocalActor& followed,
                const storage::Member& follower, std::string_view follow_id) {
  return ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    const std::string inbox = GH_TRY(InboxOf(tx, follower.actor_uri));
    if (inbox.empty()) return Error::Unavailable("follower's actor is not cached");
    as::Activity answer = BuildFollowAnswer(type, follow_id, follower.actor_uri, followed.uri);
    const std::string inboxes[] = {inbox};
    GH_CHECK(ctx.outbox.Send(tx, ActorSender(followed), answer, inboxes));
    auto record = GH_TRY(FindFollowByActivity(tx, follow_id));
    if (!record) return Ok();
    if (type == "Reject") return EraseFollow(tx, *record);
    record->state = FollowState::kAccepted;
    record->updated = ctx.NowMs();
    return PutFollow(tx, *record);
  });
}

Result<> Remember(ApplyContext& ctx, FollowKind kind, Id object, Id follower, std::string_view id,
                  FollowState state) {
  return ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    const int64_t now = ctx.NowMs();
    return PutFollow(tx, Follow{kind, object, follower, std::string(id), state, now, now});
  });
}

Outcome FollowGroup(const as::Activity& a, ApplyContext& ctx, const Inbound& in,
                    const LocalActor& target) {
  const storage::Group& group = *target.group;
  if (!ctx.policy.GroupSharedWith(group, DomainOf(a.actor))) return Outcome::Ignored("not shared");
  auto member = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!member) return OutcomeOf(member.error());
  auto remembered =
      Remember(ctx, FollowKind::kToLocalGroup, group.id, member->id, a.id, FollowState::kPending);
  if (!remembered) return OutcomeOf(remembered.error());
  auto joined = ctx.community.memberships.Join(member->id, group.id);
  if (!joined && joined.error().code == Code::kForbidden) {
    auto rejected = Answer(ctx, "Reject", target, *member, a.id);
    return rejected ? Outcome::Ignored("join refused: " + joined.error().message)
                    : OutcomeOf(rejected.error());
  }
  if (!joined) return OutcomeOf(joined.error());
  if (joined->state != storage::MembershipState::kActive)
    return Outcome::Done();  // awaits approval
  // Already a member (a repeated Follow with a new id): the hook did not
  // fire, so answer here. A first join was answered by the hook.
  auto record = ReadOne<std::optional<Follow>>(
      ctx.store, [&](storage::ReadTxn& tx) { return FindFollowByActivity(tx, a.id); });
  if (!record) return OutcomeOf(record.error());
  if (*record && (*record)->state == FollowState::kPending) {
    auto accepted = Answer(ctx, "Accept", target, *member, a.id);
    if (!accepted) return OutcomeOf(accepted.error());
  }
  return Outcome::Done();
}

Outcome FollowPerson(const as::Activity& a, ApplyContext& ctx, const Inbound& in,
                     const LocalActor& target) {
  if (!ctx.policy.DomainAllowed(DomainOf(a.actor))) return Outcome::Ignored("domain not allowed");
  auto member = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!member) return OutcomeOf(member.error());
  auto remembered = Remember(ctx, FollowKind::kToLocalMember, target.owner(), member->id, a.id,
                             FollowState::kPending);
  if (!remembered) return OutcomeOf(remembered.error());
  auto accepted = Answer(ctx, "Accept", target, *member, a.id);
  return accepted ? Outcome::Done() : OutcomeOf(accepted.error());
}

}  // namespace

Result<> Verify(const FollowActivity& f) {
  if (f.activity.object_id.empty()) return Error::Invalid("Follow without object");
  return CheckActivityOrigin(f.activity);
}

Outcome Apply(const FollowActivity& f, ApplyContext& ctx, const Inbound& in) {
  const as::Activity& a = f.activity;
  auto target = ReadOne<std::optional<LocalActor>>(
      ctx.store, [&](storage::ReadTxn& tx) { return ctx.actors.Resolve(tx, a.object_id); });
  if (!target) return OutcomeOf(target.error());
  if (!*target) return Outcome::Ignored("not a local actor");
  switch ((*target)->kind) {
    case storage::LocalActorKind::kGroup:
      return FollowGroup(a, ctx, in, **target);
    case storage::LocalActorKind::kMember:
      return FollowPerson(a, ctx, in, **target);
    default:
      return Outcome::Ignored("the node actor has no followers");
  }
}

as::Activity BuildFollow(std::string id, std::string actor, std::string object) {
  as::Activity f;
  f.id = std::move(id);
  f.type = "Follow";
  f.actor = std::move(actor);
  f.object_id = object;
  f.to = {std::move(object)};
  return f;
}

as::Activity BuildFollowAnswer(std::string_view type, std::string_view follow_id,
                               std::string_view follower, std::string_view followed) {
  auto follow = std::make_shared<as::Activity>(
      BuildFollow(std::string(follow_id), std::string(follower), std::string(followed)));
  follow->to.clear();
  as::Activity answer;
  answer.type = std::string(type);
  answer.object_id = std::string(follow_id);
  answer.object_type = "Follow";
  answer.object_activity = std::move(follow);
  answer.to = {std::string(follower)};
  return answer;
}

}  // namespace guildhall::federation
