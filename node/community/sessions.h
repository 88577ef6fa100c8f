// Sessions: password login for browsers. Login verifies the argon2id hash
// outside any transaction (it is slow on purpose), then stores a session
// under the SHA-256 of a random 256-bit token; the token itself goes only to
// the client (cookie). Sessions expire after CommunityOptions::session_ttl
// from login (no sliding renewal); suspended members cannot log in and their
// sessions are revoked. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "node/community/deps.h"
#include "node/community/login_throttle.h"
#include "node/community/options.h"
#include "node/community/profile.h"
#include "storage/model/records/session.h"

namespace guildhall::community {

// The message of the kUnavailable error of a throttled sign-in or password check.
inline constexpr std::string_view kThrottledMessage =
    "too many failed password attempts; try again later";

struct LoginResult {
  std::string token;  // the cookie value; not stored anywhere
  storage::Session session;
  Profile member;
};

struct Authenticated {
  Profile member;
  storage::Session session;
};

class Sessions {
 public:
  Sessions(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher,
           const CommunityOptions& options, LoginThrottle& throttle)
      : deps_{store, clock, ids, publisher}, options_(options), throttle_(throttle) {}
  Sessions(const Sessions&) = delete;
  Sessions& operator=(const Sessions&) = delete;

  // kUnauthorized "wrong username or password" for an unknown user or a wrong
  // password (the same message and roughly the same time either way);
  // kForbidden "account suspended" only once the password was right.
  // kUnavailable kThrottledMessage, without checking the password, while
  // the username or `address` is locked (login_throttle.h; the same for
  // unknown names); callers answer 429 with the throttle's RetryAfter.
  Result<LoginResult> Login(std::string_view username, std::string_view password,
                            std::string_view address = {});
  // Ends the session; an unknown token is not an error.
  Result<> Logout(std::string_view token);
  // The member behind a session cookie; kUnauthorized if the token is
  // unknown, expired, or its member suspended.
  Result<Authenticated> Authenticate(std::string_view token);
  // True if `csrf_token` (from a form) matches the session's secret.
  static bool CheckCsrf(const storage::Session& session, std::string_view csrf_token);
  // Deletes up to `max` sessions that expired before now; returns how many.
  Result<size_t> PurgeExpired(size_t max = 1000);

 private:
  // A real argon2id hash to verify against when the username is unknown.
  const std::string& DummyHash();

  ServiceDeps deps_;
  const CommunityOptions& options_;
  LoginThrottle& throttle_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace guildhall::community
