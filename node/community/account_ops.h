// Building blocks shared by the account services (accounts, sessions,
// invites, API tokens) and moderation, each run inside the caller's write
// transaction so one operation stays one atomic write. Internal to
// node/community. Stateless; thread-compatible.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "node/community/crypto.h"
#include "node/community/deps.h"
#include "storage/model/records/member.h"
#include "storage/model/records/session.h"

namespace guildhall::community {

// Stores a session for `member` under token.hash, expiring after `ttl`.
Result<storage::Session> PutSession(storage::WriteTxn& tx, const ServiceDeps& deps, Id member,
                                    const Secret& token, std::string_view csrf_secret,
                                    std::chrono::milliseconds ttl);

// Deletes every session of `member` except the one whose hash is `keep_hash`.
Result<> RevokeSessions(storage::WriteTxn& tx, Id member, std::string_view keep_hash = {});
// Deletes every API token of `member` except the one whose hash is `keep_hash`.
Result<> RevokeApiTokens(storage::WriteTxn& tx, Id member, std::string_view keep_hash = {});

// Suspends (or reinstates) `member` on behalf of admin `actor`: sessions are
// revoked, the member leaves the directory, and an audit entry is written.
// kConflict when suspending oneself; kNotFound for unknown members.
Result<storage::Member> SetSuspended(storage::WriteTxn& tx, const ServiceDeps& deps, Id actor,
                                     Id member, bool suspended, std::string_view reason);

// The whole admin operation in its own write: checks that `actor` may manage
// accounts, then SetSuspended.
Result<storage::Member> SuspendByAdmin(const ServiceDeps& deps, Id actor, Id member, bool suspended,
                                       std::string_view reason);

// Username normalization: lower-cased, surrounding spaces dropped.
std::string NormalizeUsername(std::string_view username);

// Validates a sign-up or admin-created account's fields (one message per field).
Result<> ValidateAccountFields(std::string_view username, std::string_view display_name,
                               std::string_view password);
// kInvalid "password: ..." unless 10..256 characters and not weak for the
// account (password_policy.h: common, repeated or sequential, holding the
// username or display name).
Result<> ValidatePassword(std::string_view password, std::string_view username,
                          std::string_view display_name);

// Inserts a new local member; kConflict "username: is already taken".
Result<storage::Member> InsertLocalMember(storage::WriteTxn& tx, const ServiceDeps& deps,
                                          std::string_view username, std::string_view display_name,
                                          std::string password_hash, storage::NodeRole role);

}  // namespace guildhall::community
