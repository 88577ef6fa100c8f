// Reply: an answer in a thread, nested by in_reply_to (another reply's id, or
// 0 for the thread itself). Soft removal as for threads.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/records/content_extras.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct Reply {
  Id id;
  Id thread;
  Id group;
  Id author;
  Id in_reply_to;    // a reply in the same thread, or 0 for the thread
  std::string body;  // Markdown
  int64_t created = 0;
  int64_t edited_at = 0;
  bool removed = false;
  std::string removal_reason;  // empty when the author deleted it
  Id removed_by;
  uint64_t like_count = 0;
  std::string ap_id;  // remote object URI; empty if local
  uint64_t version = 1;
  uint64_t dislike_count = 0;  // Dislike activities received (Lemmy, Friendica)
  ContentExtras extras;        // received with the post (remote content only)
};

// Key: Id. Indexes:
//   replies_by_thread (Id thread, Id id): creation order
//   replies_by_ap_id  (Str ap_id) unique, remote replies only
struct ReplyCodec {
  using Record = Reply;
  static constexpr const TableDef& kTable = tables::kReplies;
  static std::string Key(const Reply& r);
  static std::string KeyOf(Id id);
  static std::string Encode(const Reply& r);
  static Result<Reply> Decode(std::string_view value);
  static void Indexes(const Reply& r, IndexEntries& out);
  static std::string ByThreadPrefix(Id thread);
  static std::string ByThreadKey(Id thread, Id reply);
  static std::string ApIdKey(std::string_view ap_id);
};

}  // namespace guildhall::storage
