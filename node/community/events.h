// Events: meetups in a group - create, update (attendees are notified; more
// capacity promotes the waitlist), cancel, read, list a group's upcoming or
// past events, the viewer's upcoming events across all their groups, and
// iCalendar export. RSVPs are in rsvps.h. Organizers and group moderators
// may update and cancel. Events last at most 31 days, which bounds every
// "what is on now or later" scan. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "node/community/deps.h"
#include "node/community/options.h"
#include "node/community/pagination.h"
#include "node/community/permissions.h"
#include "storage/model/records/event.h"
#include "storage/model/records/rsvp.h"

namespace guildhall::community {

inline constexpr int64_t kMaxEventMillis = int64_t{31} * 24 * 3600 * 1000;

struct EventDraft {
  std::string title;        // 1-200 characters
  std::string description;  // Markdown, up to 20,000 characters
  int64_t start = 0;        // unix ms UTC
  int64_t end = 0;          // unix ms UTC, after start, at most 31 days later
  std::string time_zone;    // IANA name, e.g. "Europe/Berlin"
  std::string place;        // up to 300 characters
  std::string online_url;   // empty or an http(s) URL
  uint64_t capacity = 0;    // 0: unlimited; at most 1,000,000
  std::string ap_id;        // federation only
};

struct EventView {
  storage::Event event;
  std::optional<storage::Rsvp> rsvp;  // the viewer's
  GroupCapabilities can;
  bool can_edit = false;  // organizer or moderator, and not cancelled
};

class Events {
 public:
  Events(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher,
         const CommunityOptions& options)
      : deps_{store, clock, ids, publisher}, options_(options) {}
  Events(const Events&) = delete;
  Events& operator=(const Events&) = delete;

  // Active members. kInvalid per field (time_zone, end, online_url, ...).
  Result<storage::Event> Create(Id actor, Id group, const EventDraft& draft);
  // The organizer or a moderator. Going/maybe attendees are notified.
  Result<storage::Event> Update(Id actor, Id event, const EventDraft& draft,
                                uint64_t expected_version = 0);
  // The organizer or a moderator; attendees are notified; audited.
  Result<storage::Event> Cancel(Id actor, Id event, std::string_view reason);

  Result<EventView> Get(Id viewer, Id event);
  // Not yet ended (by start, oldest first), or with `past` ended ones (newest first).
  Result<Page<storage::Event>> ListGroup(Id viewer, Id group, const PageRequest& page,
                                         bool past = false);
  // Not cancelled, not yet ended events of every group the viewer is an
  // active member of, soonest first.
  Result<std::vector<storage::Event>> Upcoming(Id viewer, size_t limit = 20);

  // Node-wide: not cancelled, not yet ended events of every group the viewer
  // may read, soonest first (the "what's on" page; works for anonymous
  // visitors too, who see public groups' events).
  Result<Page<storage::Event>> ListUpcoming(Id viewer, const PageRequest& page);

  // RFC 5545 text of one event / of a group's events (from 90 days ago on,
  // at most 500): for "Add to calendar" and calendar subscriptions.
  Result<std::string> ExportEvent(Id viewer, Id event);
  Result<std::string> ExportGroup(Id viewer, Id group);

 private:
  Result<> Validate(const EventDraft& d) const;
  Result<storage::Event> Change(Id actor, Id event, uint64_t expected_version,
                                const std::function<Result<>(storage::Event&)>& apply, bool cancel,
                                std::string_view reason);

  ServiceDeps deps_;
  const CommunityOptions& options_;
};

}  // namespace guildhall::community
