// Accept: of one of our members' Follows of an external group (the group
// lets them in), or of a local Event (an RSVP "going", AS2 §5.5).
#include "federation/activities/activities.h"
#include "federation/activities/answers.h"
#include "federation/authorize/origin.h"

namespace guildhall::federation {

Result<> Verify(const AcceptActivity& a) {
  if (a.activity.object_id.empty()) return Error::Invalid("Accept without object");
  return CheckActivityOrigin(a.activity);
}

Outcome Apply(const AcceptActivity& x, ApplyContext& ctx, const Inbound& in) {
  if (auto answered = ApplyFollowAnswer(ctx, x.activity, true)) return *answered;
  // Mobilizon organizers Accept a participant's Join: nothing for us to do.
  if (x.activity.object_type == "Join") return Outcome::Ignored("Accept of a Join");
  return ApplyRsvp(ctx, x.activity, in, x.activity.object_id, storage::RsvpAnswer::kGoing);
}

}  // namespace guildhall::federation
