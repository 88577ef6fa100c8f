// Event: a meetup in a group, online or in person. Times are unix ms UTC; the
// IANA time zone is kept so pages can show local wall-clock times.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct Event {
  Id id;
  Id group;
  Id organizer;
  std::string title;
  std::string description;  // Markdown
  int64_t start = 0;        // unix ms UTC
  int64_t end = 0;          // unix ms UTC, > start
  std::string time_zone;    // IANA name, e.g. "Europe/Berlin"
  std::string place;
  std::string online_url;
  uint64_t capacity = 0;  // 0: unlimited
  int64_t created = 0;
  int64_t updated = 0;
  bool cancelled = false;
  uint64_t going_count = 0;  // going and not waitlisted
  uint64_t maybe_count = 0;
  uint64_t waitlist_count = 0;
  std::string ap_id;     // remote object URI; empty if local
  uint64_t version = 1;  // also the iCalendar SEQUENCE (version - 1)
};

// Key: Id. Indexes:
//   events_by_group (Id group, I64 start, Id id)
//   events_by_start (I64 start, Id id)
//   events_by_ap_id (Str ap_id) unique, remote events only
struct EventCodec {
  using Record = Event;
  static constexpr const TableDef& kTable = tables::kEvents;
  static std::string Key(const Event& e);
  static std::string KeyOf(Id id);
  static std::string Encode(const Event& e);
  static Result<Event> Decode(std::string_view value);
  static void Indexes(const Event& e, IndexEntries& out);
  static std::string ByGroupPrefix(Id group);
  static std::string ByGroupKey(Id group, int64_t start, Id id);
  static std::string ByStartKey(int64_t start, Id id);
  static std::string ApIdKey(std::string_view ap_id);
};

}  // namespace guildhall::storage
