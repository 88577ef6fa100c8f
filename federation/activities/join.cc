// Join of a local Event: an RSVP "going" (Mobilizon's participation).
#include "federation/activities/activities.h"
#include "federation/activities/answers.h"
#include "federation/authorize/origin.h"

namespace guildhall::federation {

Result<> Verify(const JoinActivity& a) {
  if (a.activity.object_id.empty()) return Error::Invalid("Join without object");
  return CheckActivityOrigin(a.activity);
}

Outcome Apply(const JoinActivity& x, ApplyContext& ctx, const Inbound& in) {
  return ApplyRsvp(ctx, x.activity, in, x.activity.object_id, storage::RsvpAnswer::kGoing);
}

}  // namespace guildhall::federation
