#include "web/server/body_budget.h"

#include <utility>

namespace guildhall::web::server_internal {

BodyBudget::Lease::Lease(Lease&& other) noexcept
    : budget_(std::exchange(other.budget_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}

BodyBudget::Lease& BodyBudget::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    budget_ = std::exchange(other.budget_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

BodyBudget::Lease::~Lease() { Release(); }

void BodyBudget::Lease::Release() {
  if (budget_) budget_->Release(bytes_);
  budget_ = nullptr;
  bytes_ = 0;
}

BodyBudget::BodyBudget(size_t limit, Gauge& in_use, Counter& refused)
    : limit_(limit), in_use_(in_use), refused_(refused) {}

BodyBudget::Lease BodyBudget::Reserve(size_t bytes) {
  size_t used = used_.load(std::memory_order_relaxed);
  do {
    if (bytes > limit_ || used > limit_ - bytes) {
      refused_.Increment();
      return Lease();
    }
  } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
  in_use_.Add(static_cast<double>(bytes));
  return Lease(this, bytes);
}

void BodyBudget::Release(size_t bytes) {
  used_.fetch_sub(bytes, std::memory_order_relaxed);
  in_use_.Add(-static_cast<double>(bytes));
}

}  // namespace guildhall::web::server_internal
