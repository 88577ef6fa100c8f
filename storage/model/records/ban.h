// Ban: why and by whom a member was banned from a group. The membership in
// state kBanned is what blocks them; this record keeps the reason.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct Ban {
  Id group;
  Id member;
  Id by;
  std::string reason;
  int64_t at = 0;
};

// Key: (Id group, Id member). No indexes.
struct BanCodec {
  using Record = Ban;
  static constexpr const TableDef& kTable = tables::kBans;
  static std::string Key(const Ban& b);
  static std::string KeyOf(Id group, Id member);
  static std::string Encode(const Ban& b);
  static Result<Ban> Decode(std::string_view value);
  static void Indexes(const Ban&, IndexEntries&) {}
};

}  // namespace guildhall::storage
