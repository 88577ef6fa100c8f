// Metrics: a small Prometheus registry. The server counts requests by route
// name and status and records their latency in a histogram; other modules add
// counters, settable gauges, or gauges read through a callback at scrape time
// (store size, queue depth). Render() produces the text exposition format
// (version 0.0.4). Thread-safe; references returned by AddCounter/AddGauge
// stay valid for the registry's lifetime.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace guildhall::web {

class Counter {
 public:
  void Increment(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one answered request and its latency (header read to response
  // written) under guildhall_http_requests_total and
  // guildhall_http_request_duration_seconds, labelled by route and status.
  void ObserveRequest(std::string_view route, unsigned status, double seconds);

  // Names must be valid Prometheus metric names; registering a name twice
  // returns the existing series.
  Counter& AddCounter(std::string name, std::string help);
  Gauge& AddGauge(std::string name, std::string help);
  // `read` runs on the scraping thread at each Render(); it must be
  // thread-safe and stay callable until RemoveGauge(name) or the registry dies.
  // Re-adding a name replaces its callback.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  void RemoveGauge(std::string_view name);

  std::string Render() const;

 private:
  struct RouteStats;
  struct Series;

  Series& FindOrAdd(std::string name, std::string help);  // REQUIRES: mu_ held
  void RenderRequests(std::string& out) const;            // REQUIRES: mu_ held

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<RouteStats>, std::less<>> routes_;  // GUARDED_BY(mu_)
  std::map<std::string, std::unique_ptr<Series>, std::less<>> series_;      // GUARDED_BY(mu_)
};

}  // namespace guildhall::web
