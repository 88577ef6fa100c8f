// TentativeAccept of a local Event: an RSVP "maybe" (AS2 §5.5).
#include "federation/activities/activities.h"
#include "federation/activities/answers.h"
#include "federation/authorize/origin.h"

namespace guildhall::federation {

Result<> Verify(const TentativeAcceptActivity& a) {
  if (a.activity.object_id.empty()) return Error::Invalid("TentativeAccept without object");
  return CheckActivityOrigin(a.activity);
}

Outcome Apply(const TentativeAcceptActivity& x, ApplyContext& ctx, const Inbound& in) {
  return ApplyRsvp(ctx, x.activity, in, x.activity.object_id, storage::RsvpAnswer::kMaybe);
}

}  // namespace guildhall::federation
