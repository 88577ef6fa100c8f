// Like: one member liking one thread or reply. Thread and reply ids come from
// the same generator, so the object id alone names the object.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class LikeTarget : uint8_t { kThread = 0, kReply = 1 };

struct Like {
  Id object;
  Id member;
  LikeTarget target = LikeTarget::kThread;
  int64_t at = 0;
};

// Key: (Id object, Id member). No indexes.
struct LikeCodec {
  using Record = Like;
  static constexpr const TableDef& kTable = tables::kLikes;
  static std::string Key(const Like& l);
  static std::string KeyOf(Id object, Id member);
  static std::string Encode(const Like& l);
  static Result<Like> Decode(std::string_view value);
  static void Indexes(const Like&, IndexEntries&) {}
  static std::string ByObjectPrefix(Id object);
};

}  // namespace guildhall::storage
