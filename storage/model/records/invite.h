// Invite: a single-use sign-up link, optionally joining the new member to a
// group. Only the SHA-256 of the link's token is stored.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct Invite {
  Id id;
  std::string token_hash;  // SHA-256, 32 raw bytes
  Id created_by;
  Id group;  // 0: no group
  int64_t created = 0;
  int64_t expires = 0;
  Id used_by;  // 0 until accepted
  int64_t used_at = 0;
};

// Key: Id. Indexes: invites_by_hash (Raw token_hash) unique.
struct InviteCodec {
  using Record = Invite;
  static constexpr const TableDef& kTable = tables::kInvites;
  static std::string Key(const Invite& i);
  static std::string KeyOf(Id id);
  static std::string Encode(const Invite& i);
  static Result<Invite> Decode(std::string_view value);
  static void Indexes(const Invite& i, IndexEntries& out);
  static std::string HashKey(std::string_view token_hash);
};

}  // namespace guildhall::storage
