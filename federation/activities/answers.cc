#include "federation/activities/answers.h"

#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/remote_members.h"
#include "federation/follows/follow_records.h"
#include "federation/follows/mirror.h"
#include "node/community/memberships.h"
#include "node/community/rsvps.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Follow;
using storage::FollowKind;

std::optional<Outcome> ApplyFollowAnswer(ApplyContext& ctx, const as::Activity& a, bool accepted) {
  std::optional<Outcome> outcome;
  auto written = ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    outcome.reset();
    auto follow = GH_TRY(FindFollowByActivity(tx, a.object_id));
    if (!follow || follow->kind != FollowKind::kToExternalGroup) return Ok();
    auto group = GH_TRY(
        storage::Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(follow->object)));
    if (!group || group->ap_id != a.actor) {
      outcome = Outcome::Ignored("answer not from the followed group");
      return Ok();
    }
    outcome = Outcome::Done();
    if (!accepted) {
      GH_CHECK(RemoveExternal(tx, *group, follow->follower));
      GH_CHECK(ctx.community.memberships.NotifyExternalEnded(tx, group->id, follow->follower,
                                                             a.summary));
      return EraseFollow(tx, *follow);
    }
    GH_CHECK(ActivateExternal(tx, *group, follow->follower, ctx.NowMs()));
    follow->state = storage::FollowState::kAccepted;
    follow->updated = ctx.NowMs();
    return PutFollow(tx, *follow);
  });
  if (!written) return OutcomeOf(written.error());
  return outcome;
}

Outcome ApplyRsvp(ApplyContext& ctx, const as::Activity& a, const Inbound& in,
                  std::string_view event_id, storage::RsvpAnswer answer) {
  auto event = SharedLocalContent(ctx, a, event_id);
  if (!event) return OutcomeOf(event.error());
  if (!*event || (*event)->kind != ContentRef::Kind::kEvent)
    return Outcome::Ignored("not a local event");
  auto member = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!member) return OutcomeOf(member.error());
  auto rsvp = ctx.community.rsvps.Answer(member->id, (*event)->id, answer);
  return rsvp ? Outcome::Done() : OutcomeOf(rsvp.error());
}

}  // namespace guildhall::federation
