// LoginThrottle: slows password guessing (spec/API.md "Sign-in throttling").
// Failed password checks are counted per account — the normalized username,
// whether or not such a member exists, so the answer never tells which names
// are taken — and per client address. After `free_failures` failures in a
// row a key is locked for `first_lock`; each failure after a lock ends
// doubles the next lock, up to `max_lock`. While either key of an attempt is
// locked the password is not even checked (a lockout is a lockout, and costs
// no hashing). A success clears its account's count but never its address's,
// so one valid account cannot launder guesses at others; a count is
// forgotten `forget_after` its last failure. Admins list and clear locks.
//
// State lives in memory and is bounded: at most `max_keys` keys per kind;
// past that the least recently failed key that is not locked goes first (a
// locked one only when the oldest kEvictScan are all locked). Keys are cut at
// kMaxKeyBytes. A restart forgets every count. Thread-safe (one mutex).
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/model/clock.h"

namespace guildhall::community {

struct LoginThrottleOptions {
  uint32_t account_free_failures = 5;
  // An office behind one NAT address shares this one.
  uint32_t address_free_failures = 20;
  std::chrono::seconds first_lock{60};
  std::chrono::seconds max_lock{15 * 60};
  std::chrono::seconds forget_after{24 * 3600};
  size_t max_keys = 10000;  // per kind
};

enum class ThrottleKind : uint8_t { kAccount, kAddress };

// A key that is locked now.
struct ThrottleLock {
  ThrottleKind kind = ThrottleKind::kAccount;
  std::string key;  // the username or the address
  uint32_t failures = 0;
  int64_t locked_until = 0;  // unix ms
};

class LoginThrottle {
 public:
  static constexpr size_t kMaxKeyBytes = 64;
  static constexpr size_t kEvictScan = 64;

  LoginThrottle(const Clock& clock, LoginThrottleOptions options)
      : clock_(clock), options_(options) {}
  LoginThrottle(const LoginThrottle&) = delete;
  LoginThrottle& operator=(const LoginThrottle&) = delete;

  // How long until `account` may try again from `address` (the longer of
  // the two locks); zero when it may try now. An empty address is not
  // counted (callers without one, like the command line).
  std::chrono::seconds RetryAfter(std::string_view account, std::string_view address) const;
  // Counts a failed password check against both keys.
  void Failed(std::string_view account, std::string_view address);
  // Clears the account's count (not the address's).
  void Succeeded(std::string_view account);
  // The keys locked now, those locked longest first; at most `max`.
  std::vector<ThrottleLock> Locks(size_t max = 200) const;
  // Forgets a key's count and lock; false if it had none.
  bool Clear(ThrottleKind kind, std::string_view key);

 private:
  struct Entry {
    uint32_t failures = 0;
    int64_t last_failure = 0;  // unix ms
    int64_t locked_until = 0;
    std::list<std::string>::iterator order;
  };
  struct Table {
    std::unordered_map<std::string, Entry> entries;
    std::list<std::string> order;  // most recent failure first
  };

  Table& TableOf(ThrottleKind kind) {
    return kind == ThrottleKind::kAccount ? accounts_ : addresses_;
  }
  const Table& TableOf(ThrottleKind kind) const {
    return kind == ThrottleKind::kAccount ? accounts_ : addresses_;
  }
  int64_t LockedUntil(const Table& table, std::string_view key, int64_t now) const;
  void Fail(Table& table, std::string_view key, uint32_t free_failures, int64_t now);
  void Evict(Table& table, int64_t now);
  int64_t NowMs() const { return UnixMillis(clock_.Now()); }

  const Clock& clock_;
  const LoginThrottleOptions options_;
  mutable std::mutex mu_;
  Table accounts_;   // GUARDED_BY(mu_)
  Table addresses_;  // GUARDED_BY(mu_)
};

}  // namespace guildhall::community
