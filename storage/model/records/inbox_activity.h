// InboxActivity: one activity accepted by an inbox, persisted before the 202
// (DESIGN §3 "persisted before answering, processed after") and applied later
// by federation/inbox's workers. The activity id is a unique index, so the
// dedupe check and the insert are one write: a replay (or the same activity
// delivered to several of our inboxes) finds the id taken and is a no-op.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class InboxState : uint8_t {
  kPending = 0,  // persisted, not applied yet (re-processed after a crash)
  kDone = 1,     // applied
  kIgnored = 2,  // understood and dropped (policy, unknown object, ...)
  kFailed = 3,   // could not be applied (time budget, remote fetch failed)
};

// "pending", "done", "ignored", "failed".
const char* InboxStateName(InboxState state);

struct InboxActivity {
  Id id;                    // arrival order
  std::string activity_id;  // the activity's AP id (unique)
  std::string actor;        // the verified signer == the activity's actor
  std::string type;         // the activity type, for logs and listings
  std::string inbox;        // path it arrived at: "/inbox", "/g/news/inbox"
  std::string json;         // the body exactly as received (STYLE 29)
  int64_t received = 0;     // unix ms
  InboxState state = InboxState::kPending;
  uint32_t attempts = 0;
  int64_t finished = 0;  // unix ms; 0 while pending
  std::string result;    // why it was ignored or failed; empty when applied
};

// Key: Id. Indexes:
//   inbox_pending (Id) pending only: the work queue, replayed at startup
//   inbox_seen    (Str activity_id) unique: the dedupe key
struct InboxActivityCodec {
  using Record = InboxActivity;
  static constexpr const TableDef& kTable = tables::kInboxActivities;
  static std::string Key(const InboxActivity& a) { return KeyOf(a.id); }
  static std::string KeyOf(Id id);
  static std::string Encode(const InboxActivity& a);
  static Result<InboxActivity> Decode(std::string_view value);
  static void Indexes(const InboxActivity& a, IndexEntries& out);
  static std::string SeenKey(std::string_view activity_id);
};

}  // namespace guildhall::storage
