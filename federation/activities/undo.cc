// Undo of what the sender did before: Follow (leaving a local group, or
// unfollowing a local person; a pending request is withdrawn), Like, Block
// (an external group lifts a ban on one of our members) and RSVPs. The
// undone activity must be the sender's own. Undo of anything else is ignored.
#include "federation/activities/activities.h"
#include "federation/activities/answers.h"
#include "federation/activities/apply_util.h"
#include "federation/authorize/origin.h"
#include "federation/follows/follow_records.h"
#include "federation/follows/mirror.h"
#include "node/community/memberships.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::FollowKind;

namespace {

Outcome UndoFollow(ApplyContext& ctx, const as::Activity& a, std::string_view follow_id) {
  std::optional<storage::Follow> follow;
  std::optional<storage::Member> follower;
  auto read = ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    follow = GH_TRY(FindFollowByActivity(tx, follow_id));
    if (follow) {
      follower = GH_TRY(storage::Table<storage::MemberCodec>::Get(
          tx, storage::MemberCodec::KeyOf(follow->follower)));
    }
    return Ok();
  });
  if (!read) return OutcomeOf(read.error());
  if (!follow || !follower || follower->actor_uri != a.actor)
    return Outcome::Ignored("unknown follow");
  if (follow->kind == FollowKind::kToLocalGroup) {
    auto left = ctx.community.memberships.Leave(follower->id, follow->object);
    if (!left && left.error().code != Code::kNotFound) return OutcomeOf(left.error());
  }
  auto erased = ctx.store.Write([&](storage::WriteTxn& tx) { return EraseFollow(tx, *follow); });
  return erased ? Outcome::Done() : OutcomeOf(erased.error());
}

Outcome UndoBlock(ApplyContext& ctx, const as::Activity& inner) {
  auto written = ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto group = GH_TRY(GroupOfActivity(tx, ctx.uris(), inner));
    if (!group || group->ap_id.empty() || !SameOrigin(group->ap_id, inner.actor)) return Ok();
    auto local = GH_TRY(ctx.actors.Resolve(tx, inner.object_id));
    if (!local || !local->member) return Ok();
    return UnbanExternal(tx, *group, local->member->id);
  });
  return written ? Outcome::Done() : OutcomeOf(written.error());
}

}  // namespace

Result<> Verify(const UndoActivity& u) {
  GH_CHECK(CheckActivityOrigin(u.activity));
  if (u.activity.object_id.empty()) return Error::Invalid("Undo without object");
  if (u.activity.object_activity && !u.activity.object_activity->actor.empty() &&
      u.activity.object_activity->actor != u.activity.actor) {
    return Error::Forbidden("Undo of another actor's activity");
  }
  return Ok();
}

Outcome Apply(const UndoActivity& u, ApplyContext& ctx, const Inbound& in) {
  const as::Activity& a = u.activity;
  const as::Activity* inner = a.object_activity.get();
  const std::string type = inner ? inner->type : std::string("Follow");  // by id: only follows
  if (type == "Follow") return UndoFollow(ctx, a, a.object_id);
  if (type == "Like") return ApplyLike(ctx, a, in, inner->object_id, false);
  if (type == "Block") return UndoBlock(ctx, *inner);
  if (type == "Join" || type == "Accept" || type == "TentativeAccept") {
    return ApplyRsvp(ctx, a, in, inner->object_id, storage::RsvpAnswer::kDeclined);
  }
  return Outcome::Ignored("Undo of " + type);
}

as::Activity BuildUndoFollow(std::string_view follow_id, std::string_view actor,
                             std::string_view object) {
  as::Activity undo;
  undo.type = "Undo";
  undo.object_id = std::string(follow_id);
  undo.object_type = "Follow";
  undo.object_activity = std::make_shared<as::Activity>(
      BuildFollow(std::string(follow_id), std::string(actor), std::string(object)));
  undo.to = {std::string(object)};
  return undo;
}

}  // namespace guildhall::federation
