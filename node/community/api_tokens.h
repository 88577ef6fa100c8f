// ApiTokens: named bearer tokens for the JSON API (/api/v1). The token is
// shown once at creation; only its SHA-256 is stored. Tokens stop working
// when revoked or when their member is suspended. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "node/community/deps.h"
#include "node/community/profile.h"
#include "storage/model/records/api_token.h"

namespace guildhall::community {

struct NewApiToken {
  std::string token;  // "Authorization: Bearer <token>"; not stored
  storage::ApiToken record;
};

class ApiTokens {
 public:
  ApiTokens(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  ApiTokens(const ApiTokens&) = delete;
  ApiTokens& operator=(const ApiTokens&) = delete;

  // For the actor itself (local, signed in). kInvalid "name: ..." (1-100 chars).
  Result<NewApiToken> Create(Id actor, std::string_view name);
  // The actor's own tokens (an admin may revoke anyone's); kNotFound otherwise.
  Result<> Revoke(Id actor, Id token_id);
  // The actor's tokens, oldest first (hashes included, tokens are not).
  Result<std::vector<storage::ApiToken>> List(Id actor);
  // The member behind a bearer token; kUnauthorized if unknown or suspended.
  Result<Profile> Authenticate(std::string_view token);

 private:
  ServiceDeps deps_;
};

}  // namespace guildhall::community
