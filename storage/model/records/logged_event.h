// LoggedEvent: one entry of the event log, the persisted form of a community
// domain event (node/community/domain_event.h, DESIGN §7). Written in the
// same transaction as the change it reports, so the log holds exactly the
// committed changes in commit order; consumers (search index, health rollups,
// notification channels) read it after commit from their own position
// (node/community/event_feed.h). An entry carries ids, not copies: a consumer
// reads the current records and applies the same visibility rules as a page.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

// Stored numbers: append only, never renumber (spec/STORAGE.md).
enum class EventKind : uint8_t {
  kGroupCreated = 0,
  kGroupChanged = 1,
  kThreadCreated = 2,
  kThreadUpdated = 3,
  kThreadModerated = 4,
  kThreadDeleted = 5,
  kReplyCreated = 6,
  kReplyUpdated = 7,
  kReplyDeleted = 8,
  kLikeAdded = 9,
  kLikeRemoved = 10,
  kEventCreated = 11,
  kEventUpdated = 12,
  kEventCancelled = 13,
  kRsvpChanged = 14,
  kResourceAdded = 15,
  kResourceRemoved = 16,
  kMemberJoined = 17,
  kMemberLeft = 18,
  kMemberBanned = 19,
  kJoinDenied = 20,
  kProfileUpdated = 21,
  kReportFiled = 22,
};
inline constexpr EventKind kLastEventKind = EventKind::kReportFiled;

// "thread_created", ...: for logs and metrics.
std::string_view EventKindName(EventKind kind);

struct LoggedEvent {
  uint64_t seq = 0;  // 1, 2, 3, ... in commit order; the key
  EventKind kind = EventKind::kGroupCreated;
  int64_t at = 0;       // unix ms of the change
  Id actor;             // who made the change (0: the node itself)
  Id group;             // the group it happened in (0: none, e.g. a profile)
  Id subject;           // the thread, reply, event, resource, member or report changed
  Id parent;            // the reply's thread, the RSVP's event; 0 otherwise
  bool remote = false;  // the change arrived from another node (its record has an ap_id)
};

// Key: U64 seq (big-endian, so a scan runs in commit order). No indexes.
struct LoggedEventCodec {
  using Record = LoggedEvent;
  static constexpr const TableDef& kTable = tables::kEventLog;
  static std::string Key(const LoggedEvent& e) { return KeyOf(e.seq); }
  static std::string KeyOf(uint64_t seq);
  static std::optional<uint64_t> SeqOfKey(std::string_view key);
  static std::string Encode(const LoggedEvent& e);
  static Result<LoggedEvent> Decode(std::string_view value);
  static void Indexes(const LoggedEvent&, IndexEntries&) {}
};

}  // namespace guildhall::storage
