// Thread: a discussion in a group. Removal is soft (the record stays, shown
// as removed, with the reason), so replies keep their parent and moderation
// can be reviewed. Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/records/content_extras.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct Thread {
  Id id;
  Id group;
  Id author;
  std::string title;
  std::string body;           // Markdown
  int64_t created = 0;        // unix ms
  int64_t edited_at = 0;      // 0: never edited
  int64_t last_activity = 0;  // created, or the newest reply's time
  bool pinned = false;
  bool locked = false;
  bool removed = false;        // by its author ("deleted") or a moderator
  std::string removal_reason;  // empty when the author deleted it
  Id removed_by;
  uint64_t reply_count = 0;  // every reply ever made, removed ones included
  uint64_t like_count = 0;
  std::string ap_id;  // remote object URI; empty if local
  uint64_t version = 1;
  uint64_t dislike_count = 0;  // Dislike activities received (Lemmy, Friendica)
  ContentExtras extras;        // received with the post (remote content only)
};

// Key: Id. Indexes:
//   threads_by_group (Id group, U8 pinned, I64 last_activity, Id id): scanned in
//     reverse, pinned threads come first, then the most recently active.
//   threads_by_ap_id (Str ap_id) unique, remote threads only
struct ThreadCodec {
  using Record = Thread;
  static constexpr const TableDef& kTable = tables::kThreads;
  static std::string Key(const Thread& t);
  static std::string KeyOf(Id id);
  static std::string Encode(const Thread& t);
  static Result<Thread> Decode(std::string_view value);
  static void Indexes(const Thread& t, IndexEntries& out);
  static std::string ByGroupPrefix(Id group);
  static std::string ByGroupKey(const Thread& t);
  static std::string ApIdKey(std::string_view ap_id);
};

}  // namespace guildhall::storage
