// ReadMarker: how far a member has read a thread, so thread lists can show
// "3 new" and the thread page can jump to the first unread reply.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct ReadMarker {
  Id member;
  Id thread;
  Id last_read_reply;         // newest reply seen; 0: only the thread itself
  uint64_t replies_seen = 0;  // the thread's reply_count when last read
  int64_t at = 0;             // unix ms of the visit
};

// Key: (Id member, Id thread). No indexes.
struct ReadMarkerCodec {
  using Record = ReadMarker;
  static constexpr const TableDef& kTable = tables::kReadMarkers;
  static std::string Key(const ReadMarker& m);
  static std::string KeyOf(Id member, Id thread);
  static std::string Encode(const ReadMarker& m);
  static Result<ReadMarker> Decode(std::string_view value);
  static void Indexes(const ReadMarker&, IndexEntries&) {}
};

}  // namespace guildhall::storage
