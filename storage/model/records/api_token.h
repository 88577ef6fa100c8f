// ApiToken: a named bearer token for the JSON API. Only the SHA-256 of the
// token is stored. Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct ApiToken {
  Id id;
  std::string token_hash;  // SHA-256, 32 raw bytes
  Id member;
  std::string name;
  int64_t created = 0;
};

// Key: Id. Indexes:
//   api_tokens_by_hash   (Raw token_hash) unique
//   api_tokens_by_member (Id member, Id id)
struct ApiTokenCodec {
  using Record = ApiToken;
  static constexpr const TableDef& kTable = tables::kApiTokens;
  static std::string Key(const ApiToken& t);
  static std::string KeyOf(Id id);
  static std::string Encode(const ApiToken& t);
  static Result<ApiToken> Decode(std::string_view value);
  static void Indexes(const ApiToken& t, IndexEntries& out);
  static std::string HashKey(std::string_view token_hash);
  static std::string ByMemberPrefix(Id member);
};

}  // namespace guildhall::storage
