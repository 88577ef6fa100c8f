// Rsvp: one member's answer to one event. When the event is full, "going"
// is kept on a waitlist in arrival order (waitlist_seq) until a seat frees.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class RsvpAnswer : uint8_t { kGoing = 0, kMaybe = 1, kDeclined = 2 };

struct Rsvp {
  Id event;
  Id member;
  RsvpAnswer answer = RsvpAnswer::kGoing;
  bool waitlisted = false;  // only with kGoing
  Id waitlist_seq;          // orders the waitlist; set when waitlisted
  int64_t at = 0;           // unix ms of the last answer
};

// Key: (Id event, Id member). Indexes:
//   rsvps_by_member (Id member, Id event)
//   rsvps_waitlist  (Id event, Id waitlist_seq, Id member), waitlisted only
struct RsvpCodec {
  using Record = Rsvp;
  static constexpr const TableDef& kTable = tables::kRsvps;
  static std::string Key(const Rsvp& r);
  static std::string KeyOf(Id event, Id member);
  static std::string Encode(const Rsvp& r);
  static Result<Rsvp> Decode(std::string_view value);
  static void Indexes(const Rsvp& r, IndexEntries& out);
  static std::string ByEventPrefix(Id event);
  static std::string ByMemberPrefix(Id member);
  static std::string WaitlistPrefix(Id event);
};

}  // namespace guildhall::storage
