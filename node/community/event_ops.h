// RSVP bookkeeping shared by events and RSVPs, inside the caller's write
// transaction: moving waitlisted attendees into free seats and telling
// attendees that an event changed. Internal to node/community.
// Stateless; thread-compatible.
#pragma once

#include "node/community/deps.h"
#include "storage/model/records/event.h"
#include "storage/model/records/group.h"

namespace guildhall::community {

// While the event has free seats, moves the first waitlisted "going" RSVPs
// (in waitlist order) into them, notifying each and publishing the change.
// Updates `event`'s counters in place; the caller stores the event.
Result<> PromoteWaitlisted(storage::WriteTxn& tx, const ServiceDeps& deps,
                           const storage::Group& group, storage::Event& event);

// Notifies every attendee answering going (waitlisted too) or maybe, except `actor`.
Result<> NotifyAttendees(storage::WriteTxn& tx, const ServiceDeps& deps,
                         const storage::Event& event, Id actor);

bool HasFreeSeat(const storage::Event& event);

// kNotFound "event not found".
Result<storage::Event> LoadEvent(storage::ReadTxn& tx, Id id);

}  // namespace guildhall::community
