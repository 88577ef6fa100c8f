// BodyBudget: the request-body bytes the server is receiving at once, across
// every connection, in memory or spooled to disk. A session reserves a
// body's size (Content-Length, or the route's limit for chunked bodies)
// before reading it and holds the Lease until its response is written, so
// many slow senders together cannot pin more than `limit` bytes; a
// reservation that would pass it fails and the request gets 503.
// Thread-safe (one atomic); a Lease is move-only and used by one session.
#pragma once

#include <atomic>
#include <cstddef>

#include "web/server/metrics.h"

namespace guildhall::web::server_internal {

class BodyBudget {
 public:
  // Releases its bytes when destroyed; an empty Lease (failed reservation)
  // tests false and releases nothing.
  class Lease {
   public:
    Lease() = default;
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();
    explicit operator bool() const { return budget_ != nullptr; }

   private:
    friend class BodyBudget;
    Lease(BodyBudget* budget, size_t bytes) : budget_(budget), bytes_(bytes) {}
    void Release();

    BodyBudget* budget_ = nullptr;
    size_t bytes_ = 0;
  };

  // `in_use` mirrors the reserved bytes; `refused` counts failed reservations.
  BodyBudget(size_t limit, Gauge& in_use, Counter& refused);
  BodyBudget(const BodyBudget&) = delete;
  BodyBudget& operator=(const BodyBudget&) = delete;

  // A Lease of `bytes`, or an empty one when it would take the total past
  // the limit. A single body larger than the whole budget never fits.
  Lease Reserve(size_t bytes);
  size_t in_use() const { return used_.load(std::memory_order_relaxed); }

 private:
  void Release(size_t bytes);

  const size_t limit_;
  std::atomic<size_t> used_{0};
  Gauge& in_use_;
  Counter& refused_;
};

}  // namespace guildhall::web::server_internal
