// Accept: of one of our members' Follows of an external group (the group
// lets them in), or of a local Event (an RSVP "going", AS2 §5.5).
#include "federation/activities/activities.h"
#include "federation/activities/answers.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/relayed.h"
#include "federation/authorize/origin.h"
#include "federation/follows/backfill.h"

namespace guildhall::federation {

namespace {

// spec/FEDERATION.md "Backfill": every accepted follow reads the group's
// recent history (a second member's follow re-reads it and stores nothing
// twice; a replay of this Accept after a crash finishes what was cut).
void Backfill(ApplyContext& ctx, std::string_view group_actor) {
  auto group = ReadOne<std::optional<storage::Group>>(
      ctx.store, [&](storage::ReadTxn& tx) { return FollowedGroup(tx, group_actor); });
  if (group && *group) BackfillGroup(ctx, **group);
}

}  // namespace

Result<> Verify(const AcceptActivity& a) {
  if (a.activity.object_id.empty()) return Error::Invalid("Accept without object");
  return CheckActivityOrigin(a.activity);
}

Outcome Apply(const AcceptActivity& x, ApplyContext& ctx, const Inbound& in) {
  if (auto answered = ApplyFollowAnswer(ctx, x.activity, true)) {
    if (answered->kind == Outcome::Kind::kDone) Backfill(ctx, x.activity.actor);
    return *answered;
  }
  // Mobilizon organizers Accept a participant's Join: nothing for us to do.
  if (x.activity.object_type == "Join") return Outcome::Ignored("Accept of a Join");
  return ApplyRsvp(ctx, x.activity, in, x.activity.object_id, storage::RsvpAnswer::kGoing);
}

}  // namespace guildhall::federation
