// GroupShare: one peer a partners-scope group is shared with (DESIGN §4),
// and GroupPeerBan: one peer a group's moderators shut out of their group
// (whatever the node's list says). Both keyed by (group, domain) so one
// prefix scan lists a group's entries.
// Plain values + stateless codecs; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct GroupShare {
  Id group;
  std::string domain;  // lower-case authority
  Id set_by;
  int64_t set_at = 0;  // unix ms
};

// Key: (Id group, Str domain). No indexes.
struct GroupShareCodec {
  using Record = GroupShare;
  static constexpr const TableDef& kTable = tables::kGroupShares;
  static std::string Key(const GroupShare& s) { return KeyOf(s.group, s.domain); }
  static std::string KeyOf(Id group, std::string_view domain);
  static std::string GroupPrefix(Id group);
  static std::string Encode(const GroupShare& s);
  static Result<GroupShare> Decode(std::string_view value);
  static void Indexes(const GroupShare&, IndexEntries&) {}
};

struct GroupPeerBan {
  Id group;
  std::string domain;
  Id by;
  std::string reason;
  int64_t at = 0;  // unix ms
};

// Key: (Id group, Str domain). No indexes.
struct GroupPeerBanCodec {
  using Record = GroupPeerBan;
  static constexpr const TableDef& kTable = tables::kGroupPeerBans;
  static std::string Key(const GroupPeerBan& b) { return KeyOf(b.group, b.domain); }
  static std::string KeyOf(Id group, std::string_view domain);
  static std::string GroupPrefix(Id group);
  static std::string Encode(const GroupPeerBan& b);
  static Result<GroupPeerBan> Decode(std::string_view value);
  static void Indexes(const GroupPeerBan&, IndexEntries&) {}
};

}  // namespace guildhall::storage
