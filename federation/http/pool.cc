#include "federation/http/connection.h"

namespace guildhall::federation::http_detail {
namespace {
// Above this many idle connections in total, Put first drops expired ones of
// every host, so a node that talked to many hosts once does not hoard sockets.
constexpr size_t kSweepThreshold = 256;
}  // namespace

std::unique_ptr<Connection> ConnectionPool::Take(const std::string& key) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  auto it = idle_.find(key);
  if (it == idle_.end()) return nullptr;
  auto& conns = it->second;
  while (!conns.empty()) {
    std::unique_ptr<Connection> conn = std::move(conns.back());
    conns.pop_back();
    --idle_count_;
    if (now - conn->idle_since < idle_timeout_) return conn;
  }
  idle_.erase(it);
  return nullptr;
}

void ConnectionPool::Put(const std::string& key, std::unique_ptr<Connection> conn) {
  const auto now = std::chrono::steady_clock::now();
  conn->idle_since = now;
  std::lock_guard lock(mu_);
  if (idle_count_ >= kSweepThreshold) SweepExpiredLocked(now);
  auto& conns = idle_[key];
  if (conns.size() >= max_idle_per_host_) return;  // closes `conn`
  conns.push_back(std::move(conn));
  ++idle_count_;
}

void ConnectionPool::Clear() {
  std::lock_guard lock(mu_);
  idle_.clear();
  idle_count_ = 0;
}

void ConnectionPool::SweepExpiredLocked(std::chrono::steady_clock::time_point now) {
  for (auto it = idle_.begin(); it != idle_.end();) {
    auto& conns = it->second;
    const size_t before = conns.size();
    std::erase_if(conns, [&](const auto& c) { return now - c->idle_since >= idle_timeout_; });
    idle_count_ -= before - conns.size();
    it = conns.empty() ? idle_.erase(it) : std::next(it);
  }
}

}  // namespace guildhall::federation::http_detail
