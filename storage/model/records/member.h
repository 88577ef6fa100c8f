// Member: a person the node knows. Local members log in with a password;
// remote members (actors on other nodes who joined a group) are Member records
// too, with actor_uri and domain set and no password, like Mastodon's
// accounts table, so memberships, threads and replies refer to one id space.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class NodeRole : uint8_t { kMember = 0, kModerator = 1, kAdmin = 2 };
enum class MemberState : uint8_t { kActive = 0, kSuspended = 1 };

struct Member {
  Id id;
  std::string username;   // lower-case; local: [a-z0-9_]{1,30}; remote: preferredUsername
  std::string domain;     // empty for local members
  std::string actor_uri;  // remote only
  std::string display_name;
  std::string bio;     // Markdown
  std::string avatar;  // local: blob sha256 (hex); remote: image URL
  std::string title;
  std::string team;
  std::string location;
  std::vector<std::string> skills;
  std::vector<std::string> interests;
  NodeRole role = NodeRole::kMember;
  MemberState state = MemberState::kActive;
  std::string password_hash;          // argon2id encoded string; empty for remote members
  bool must_change_password = false;  // after an admin reset
  bool federation = true;             // may follow and be seen by other nodes
  int64_t created = 0;                // unix ms
  int64_t updated = 0;
  uint64_t version = 1;  // bumped on every change; optimistic concurrency for edits

  bool IsLocal() const { return domain.empty(); }
  bool IsActive() const { return state == MemberState::kActive; }
};

// Key: Id. Indexes:
//   members_by_username  (Str domain, Str username) unique
//   members_by_actor_uri (Str actor_uri) unique, remote members only
//   member_tokens        (U8 field, Str token, Id member), active local members only
struct MemberCodec {
  using Record = Member;
  static constexpr const TableDef& kTable = tables::kMembers;
  static std::string Key(const Member& m);
  static std::string KeyOf(Id id);
  static std::string Encode(const Member& m);
  static Result<Member> Decode(std::string_view value);
  static void Indexes(const Member& m, IndexEntries& out);

  static std::string UsernameKey(std::string_view domain, std::string_view username);
  static std::string ActorUriKey(std::string_view actor_uri);
  // Prefix of member_tokens entries for one field whose token starts with
  // `token_prefix` (a raw prefix: "ali" matches "alice").
  static std::string TokenPrefix(uint8_t field, std::string_view token_prefix);
  // Prefix of member_tokens entries for exactly `token`.
  static std::string TokenExact(uint8_t field, std::string_view token);
};

}  // namespace guildhall::storage
