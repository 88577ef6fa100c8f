// RSVPs: answering an event going / maybe / declined. With a capacity, a
// "going" beyond the free seats lands on the waitlist (in arrival order);
// when a seat frees (someone stops going, or the organizer raises the
// capacity), the first waitlisted member is promoted and notified - all in
// the one write that freed the seat. Lowering the capacity below the number
// already going sends nobody away; new answers wait. Thread-safe.
#pragma once

#include <vector>

#include "node/community/deps.h"
#include "node/community/profile.h"
#include "storage/model/records/rsvp.h"

namespace guildhall::community {

struct Attendee {
  storage::Rsvp rsvp;
  Profile member;
};

struct Attendees {
  std::vector<Attendee> going;     // with a seat, by answer time
  std::vector<Attendee> waitlist;  // in waitlist order
  std::vector<Attendee> maybe;
  std::vector<Attendee> declined;
};

class Rsvps {
 public:
  Rsvps(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Rsvps(const Rsvps&) = delete;
  Rsvps& operator=(const Rsvps&) = delete;

  // Active members of the event's group. Answering "going" again keeps one's
  // seat or waitlist place. kConflict if the event was cancelled or is over.
  Result<storage::Rsvp> Answer(Id actor, Id event, storage::RsvpAnswer answer);
  // Everyone who answered; needs the right to read the group's content.
  Result<Attendees> List(Id viewer, Id event);

 private:
  ServiceDeps deps_;
};

}  // namespace guildhall::community
