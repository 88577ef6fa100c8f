// The two things Accept, Reject and friends can answer: one of our members'
// Follows of an external group (FEP-1b12 joining), and an Event (an RSVP:
// Join/Accept = going, TentativeAccept = maybe, Leave/Reject = declined, as
// Mobilizon and AS2 §5.5 use them). Shared by accept.cc, reject.cc,
// tentative_accept.cc, join.cc, leave.cc and undo.cc.
#pragma once

#include <optional>

#include "federation/activities/context.h"
#include "federation/inbox/processor.h"
#include "storage/model/records/rsvp.h"

namespace guildhall::federation {

// nullopt when `a.object_id` is not a Follow we sent; otherwise the outcome
// of activating (accepted) or dropping our membership in that group. Only
// the followed group itself may answer.
std::optional<Outcome> ApplyFollowAnswer(ApplyContext& ctx, const as::Activity& a, bool accepted);

// An RSVP by the sender to the local event `event_id` names.
Outcome ApplyRsvp(ApplyContext& ctx, const as::Activity& a, const Inbound& in,
                  std::string_view event_id, storage::RsvpAnswer answer);

}  // namespace guildhall::federation
