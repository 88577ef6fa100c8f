// Accounts: local member accounts as administered - admins create members,
// reset passwords, suspend and reinstate, set node roles; members change their
// own password. Federation registers remote actors as (password-less) members
// through UpsertRemote. Every admin action writes an audit entry in the same
// transaction. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "node/community/deps.h"
#include "node/community/login_throttle.h"
#include "node/community/options.h"
#include "node/community/profile.h"

namespace guildhall::community {

struct NewMember {
  std::string username;      // case-insensitive: stored lower-cased
  std::string display_name;  // empty: the username
  std::string password;
  storage::NodeRole role = storage::NodeRole::kMember;
};

// The credential a self-service password change was made with: it keeps
// working, every other session and API token of the member ends.
struct CurrentCredential {
  std::string_view session_token;  // the page's session cookie, or empty
  std::string_view api_token;      // the API's bearer token, or empty
};

// What federation knows about a remote actor.
struct RemoteActor {
  std::string actor_uri;  // the key: one member per actor URI
  std::string username;   // preferredUsername
  std::string domain;     // the actor's host
  std::string display_name;
  std::string bio;
  std::string avatar_url;
};

class Accounts {
 public:
  Accounts(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher,
           const CommunityOptions& options, LoginThrottle& throttle)
      : deps_{store, clock, ids, publisher}, options_(options), throttle_(throttle) {}
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // Admins only. kInvalid per field; kConflict "username: is already taken".
  Result<Profile> Create(Id actor, const NewMember& member);
  // No permission check: for the command line that creates the first admin.
  Result<Profile> CreateBootstrap(const NewMember& member);

  // The member's own password. kInvalid "password: ..." for a weak new one;
  // kUnauthorized "old_password: ..." if `old_password` is wrong, counted by
  // the login throttle like a failed sign-in (per account and `address`);
  // kUnavailable kThrottledMessage, without checking, while locked.
  // Revokes every session and API token of the member except `keep`.
  Result<> ChangePassword(Id actor, std::string_view old_password, std::string_view new_password,
                          CurrentCredential keep = {}, std::string_view address = {});
  // Admins only: sets a random one-time password (returned, to pass on out of
  // band), marks must_change_password, revokes every session and API token
  // of the member and lifts a sign-in lock on the account.
  Result<std::string> ResetPassword(Id actor, Id member);

  // Admins only: the sign-in locks in force (login_throttle.h).
  Result<std::vector<ThrottleLock>> LoginLocks(Id actor);
  // Admins only: lifts a lock (audited); kNotFound if the key has none.
  Result<> ClearLoginLock(Id actor, ThrottleKind kind, std::string_view key);

  // Admins only. Suspended members cannot log in, their sessions and API
  // tokens stop working, and they leave the directory. kConflict for oneself.
  Result<Profile> Suspend(Id actor, Id member, std::string_view reason);
  Result<Profile> Unsuspend(Id actor, Id member, std::string_view reason);
  // Admins only. kConflict when it would leave the node without an admin.
  Result<Profile> SetRole(Id actor, Id member, storage::NodeRole role);

  // Creates or refreshes the member record of a remote actor (no audit).
  Result<Profile> UpsertRemote(const RemoteActor& actor);

 private:
  Result<Profile> Insert(Id actor, const NewMember& member, bool check_admin);

  ServiceDeps deps_;
  const CommunityOptions& options_;
  LoginThrottle& throttle_;
};

}  // namespace guildhall::community
