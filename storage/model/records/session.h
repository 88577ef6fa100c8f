// Session: a browser login. The cookie carries a random 256-bit token; only
// its SHA-256 is stored, so a copy of the database cannot be replayed as
// cookies. Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct Session {
  std::string token_hash;  // SHA-256 of the token, 32 raw bytes
  Id member;
  int64_t created = 0;      // unix ms
  int64_t expires = 0;      // unix ms
  std::string csrf_secret;  // hex; forms echo a token derived from it
};

// Key: Raw token_hash. Indexes:
//   sessions_by_member (Id member, Raw token_hash) - to revoke all of a member's sessions
//   sessions_by_expiry (I64 expires, Raw token_hash) - to purge expired sessions
struct SessionCodec {
  using Record = Session;
  static constexpr const TableDef& kTable = tables::kSessions;
  static std::string Key(const Session& s);
  static std::string KeyOf(std::string_view token_hash);
  static std::string Encode(const Session& s);
  static Result<Session> Decode(std::string_view value);
  static void Indexes(const Session& s, IndexEntries& out);
  static std::string ByMemberPrefix(Id member);
  static std::string ExpiryKey(int64_t expires);  // a bound for scans of sessions_by_expiry
};

}  // namespace guildhall::storage
