// Reject: of one of our members' Follows of an external group (refused, or
// later removed by the group), or of a local Event (an RSVP "declined").
#include "federation/activities/activities.h"
#include "federation/activities/answers.h"
#include "federation/authorize/origin.h"

namespace guildhall::federation {

Result<> Verify(const RejectActivity& a) {
  if (a.activity.object_id.empty()) return Error::Invalid("Reject without object");
  return CheckActivityOrigin(a.activity);
}

Outcome Apply(const RejectActivity& x, ApplyContext& ctx, const Inbound& in) {
  if (auto answered = ApplyFollowAnswer(ctx, x.activity, false)) return *answered;
  if (x.activity.object_type == "Join") return Outcome::Ignored("Reject of a Join");
  return ApplyRsvp(ctx, x.activity, in, x.activity.object_id, storage::RsvpAnswer::kDeclined);
}

}  // namespace guildhall::federation
