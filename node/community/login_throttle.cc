#include "node/community/login_throttle.h"

#include <algorithm>
#include <iterator>

#include "node/community/account_ops.h"
#include "node/community/jsonl.h"
#include "node/community/log.h"

namespace guildhall::community {
namespace {

std::string KeyOf(std::string_view key) {
  return std::string(key.substr(0, LoginThrottle::kMaxKeyBytes));
}

std::string AccountKey(std::string_view username) { return KeyOf(NormalizeUsername(username)); }

int64_t Ms(std::chrono::seconds s) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(s).count();
}

}  // namespace

int64_t LoginThrottle::LockedUntil(const Table& table, std::string_view key, int64_t now) const {
  auto it = table.entries.find(std::string(key));
  if (it == table.entries.end() || it->second.locked_until <= now) return 0;
  return it->second.locked_until;
}

std::chrono::seconds LoginThrottle::RetryAfter(std::string_view account,
                                               std::string_view address) const {
  const int64_t now = NowMs();
  std::lock_guard lock(mu_);
  int64_t until = LockedUntil(accounts_, AccountKey(account), now);
  if (!address.empty()) until = std::max(until, LockedUntil(addresses_, KeyOf(address), now));
  if (until <= now) return std::chrono::seconds(0);
  return std::chrono::seconds((until - now + 999) / 1000);  // rounded up: never "0 s"
}

void LoginThrottle::Fail(Table& table, std::string_view key, uint32_t free_failures, int64_t now) {
  auto [it, inserted] = table.entries.try_emplace(std::string(key));
  Entry& e = it->second;
  if (inserted) {
    table.order.push_front(it->first);
  } else {
    table.order.splice(table.order.begin(), table.order, e.order);
    if (now - e.last_failure > Ms(options_.forget_after)) e = Entry{.order = e.order};
  }
  e.order = table.order.begin();
  e.last_failure = now;
  ++e.failures;
  if (e.failures >= free_failures) {
    // 1x, 2x, 4x ... the first lock; the shift stops before it overflows.
    const uint32_t doublings = std::min<uint32_t>(e.failures - free_failures, 20);
    const int64_t lock = std::min(Ms(options_.first_lock) << doublings, Ms(options_.max_lock));
    e.locked_until = now + lock;
    std::string quoted;  // the key is what a client typed: quoted, control characters escaped
    AppendJsonString(quoted, it->first);
    Log().warn("sign-in locked {}={} failures={} seconds={}",
               &table == &accounts_ ? "account" : "address", quoted, e.failures, lock / 1000);
  }
  if (table.entries.size() > options_.max_keys) Evict(table, now);
}

void LoginThrottle::Evict(Table& table, int64_t now) {
  auto victim = std::prev(table.order.end());
  auto candidate = victim;
  for (size_t i = 0; i < kEvictScan; ++i) {
    if (table.entries.at(*candidate).locked_until <= now) {
      victim = candidate;
      break;
    }
    if (candidate == table.order.begin()) break;
    --candidate;
  }
  table.entries.erase(*victim);
  table.order.erase(victim);
}

void LoginThrottle::Failed(std::string_view account, std::string_view address) {
  const int64_t now = NowMs();
  std::lock_guard lock(mu_);
  Fail(accounts_, AccountKey(account), options_.account_free_failures, now);
  if (!address.empty()) Fail(addresses_, KeyOf(address), options_.address_free_failures, now);
}

void LoginThrottle::Succeeded(std::string_view account) {
  std::lock_guard lock(mu_);
  auto it = accounts_.entries.find(AccountKey(account));
  if (it == accounts_.entries.end()) return;
  accounts_.order.erase(it->second.order);
  accounts_.entries.erase(it);
}

std::vector<ThrottleLock> LoginThrottle::Locks(size_t max) const {
  const int64_t now = NowMs();
  std::vector<ThrottleLock> out;
  std::lock_guard lock(mu_);
  for (ThrottleKind kind : {ThrottleKind::kAccount, ThrottleKind::kAddress}) {
    for (const auto& [key, e] : TableOf(kind).entries) {
      if (e.locked_until > now) out.push_back({kind, key, e.failures, e.locked_until});
    }
  }
  std::sort(out.begin(), out.end(), [](const ThrottleLock& a, const ThrottleLock& b) {
    return a.locked_until != b.locked_until ? a.locked_until > b.locked_until : a.key < b.key;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

bool LoginThrottle::Clear(ThrottleKind kind, std::string_view key) {
  std::lock_guard lock(mu_);
  Table& table = TableOf(kind);
  auto it = table.entries.find(kind == ThrottleKind::kAccount ? AccountKey(key) : KeyOf(key));
  if (it == table.entries.end()) return false;
  table.order.erase(it->second.order);
  table.entries.erase(it);
  return true;
}

}  // namespace guildhall::community
