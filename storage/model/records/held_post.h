// HeldPost: a thread or reply sent into a local group by a member of a
// limited peer (spec/POLICY.md §1), held until one of the group's
// moderators approves it (it is then stored and announced like any post) or
// rejects it (the row is erased). Held posts are not content: members never
// see them and nothing is announced while they wait. Keyed by (group, id)
// so one prefix scan is a group's queue, oldest first.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct HeldPost {
  Id id;                  // arrival order
  Id group;               // the local group it was sent to
  Id author;              // the remote member (members table)
  std::string object_id;  // the Page/Note's id
  std::string activity;   // the inbound Create, verbatim JSON
  int64_t received = 0;   // unix ms
};

// Key: Id group, Id id. No indexes.
struct HeldPostCodec {
  using Record = HeldPost;
  static constexpr const TableDef& kTable = tables::kHeldPosts;
  static std::string Key(const HeldPost& h) { return KeyOf(h.group, h.id); }
  static std::string KeyOf(Id group, Id id);
  static std::string GroupPrefix(Id group);
  static std::string Encode(const HeldPost& h);
  static Result<HeldPost> Decode(std::string_view value);
  static void Indexes(const HeldPost&, IndexEntries&) {}
};

}  // namespace guildhall::storage
