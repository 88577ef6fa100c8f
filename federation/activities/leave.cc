// Leave of a local Event: the participant withdraws (RSVP "declined").
#include "federation/activities/activities.h"
#include "federation/activities/answers.h"
#include "federation/authorize/origin.h"

namespace guildhall::federation {

Result<> Verify(const LeaveActivity& a) {
  if (a.activity.object_id.empty()) return Error::Invalid("Leave without object");
  return CheckActivityOrigin(a.activity);
}

Outcome Apply(const LeaveActivity& x, ApplyContext& ctx, const Inbound& in) {
  return ApplyRsvp(ctx, x.activity, in, x.activity.object_id, storage::RsvpAnswer::kDeclined);
}

}  // namespace guildhall::federation
