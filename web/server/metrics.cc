#include "web/server/metrics.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "web/log.h"

namespace guildhall::web {
namespace {

// Upper bounds in seconds; a page or an inbox POST should land in the first
// few, a remote fetch in the middle.
constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                             0.05,   0.1,   0.25,   0.5,   1,    5};

void AppendNumber(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else if (v == std::trunc(v) && std::fabs(v) < 9007199254740992.0) {
    // Whole numbers (counts, bytes) print as integers, not "1.5e+09".
    out += std::to_string(static_cast<int64_t>(v));
  } else {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general);
    out.append(buf, end);
  }
}

// Label values escape backslash, double quote and newline (exposition format).
void AppendLabelValue(std::string& out, std::string_view v) {
  out.push_back('"');
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

void AppendHeader(std::string& out, std::string_view name, std::string_view help,
                  std::string_view type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  for (char c : help) out += c == '\n' ? std::string_view("\\n") : std::string_view(&c, 1);
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

}  // namespace

struct Metrics::RouteStats {
  std::map<unsigned, uint64_t> by_status;
  std::array<uint64_t, kBuckets.size() + 1> buckets{};  // last one is +Inf
  double sum = 0;
  uint64_t count = 0;
};

struct Metrics::Series {
  enum class Kind { kCounter, kGauge, kCallback };
  Kind kind = Kind::kCounter;
  std::string help;
  Counter counter;
  Gauge gauge;
  std::function<double()> read;
};

Metrics::Metrics() = default;
Metrics::~Metrics() = default;

void Metrics::ObserveRequest(std::string_view route, unsigned status, double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(mu_);
  auto it = routes_.find(route);
  if (it == routes_.end()) {
    it = routes_.emplace(std::string(route), std::make_unique<RouteStats>()).first;
  }
  RouteStats& stats = *it->second;
  ++stats.by_status[status];
  ++stats.buckets[bucket];
  stats.sum += seconds;
  ++stats.count;
}

Metrics::Series& Metrics::FindOrAdd(std::string name, std::string help) {
  auto it = series_.find(name);
  if (it == series_.end()) {
    auto series = std::make_unique<Series>();
    series->help = std::move(help);
    it = series_.emplace(std::move(name), std::move(series)).first;
  }
  return *it->second;
}

Counter& Metrics::AddCounter(std::string name, std::string help) {
  std::lock_guard lock(mu_);
  Series& series = FindOrAdd(std::move(name), std::move(help));
  series.kind = Series::Kind::kCounter;
  return series.counter;
}

Gauge& Metrics::AddGauge(std::string name, std::string help) {
  std::lock_guard lock(mu_);
  Series& series = FindOrAdd(std::move(name), std::move(help));
  series.kind = Series::Kind::kGauge;
  return series.gauge;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  Series& series = FindOrAdd(std::move(name), std::move(help));
  series.kind = Series::Kind::kCallback;
  series.read = std::move(read);
}

void Metrics::RemoveGauge(std::string_view name) {
  std::lock_guard lock(mu_);
  if (auto it = series_.find(name); it != series_.end()) series_.erase(it);
}

void Metrics::RenderRequests(std::string& out) const {
  AppendHeader(out, "guildhall_http_requests_total", "HTTP requests answered, by route and status.",
               "counter");
  for (const auto& [route, stats] : routes_) {
    for (const auto& [status, n] : stats->by_status) {
      out += "guildhall_http_requests_total{route=";
      AppendLabelValue(out, route);
      out += ",status=\"" + std::to_string(status) + "\"} " + std::to_string(n) + "\n";
    }
  }
  AppendHeader(out, "guildhall_http_request_duration_seconds",
               "Time from request header read to response written.", "histogram");
  for (const auto& [route, stats] : routes_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += stats->buckets[i];
      out += "guildhall_http_request_duration_seconds_bucket{route=";
      AppendLabelValue(out, route);
      out += ",le=\"";
      AppendNumber(out, i < kBuckets.size() ? kBuckets[i] : INFINITY);
      out += "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "guildhall_http_request_duration_seconds_sum{route=";
    AppendLabelValue(out, route);
    out += "} ";
    AppendNumber(out, stats->sum);
    out += "\nguildhall_http_request_duration_seconds_count{route=";
    AppendLabelValue(out, route);
    out += "} " + std::to_string(stats->count) + "\n";
  }
}

std::string Metrics::Render() const {
  struct Row {
    std::string name, help;
    bool counter = false;
    double value = 0;
    std::function<double()> read;
  };
  std::string out;
  std::vector<Row> rows;
  {
    std::lock_guard lock(mu_);
    RenderRequests(out);
    for (const auto& [name, series] : series_) {
      Row row;
      row.name = name;
      row.help = series->help;
      row.counter = series->kind == Series::Kind::kCounter;
      if (series->kind == Series::Kind::kCounter) row.value = series->counter.value();
      if (series->kind == Series::Kind::kGauge) row.value = series->gauge.value();
      if (series->kind == Series::Kind::kCallback) row.read = series->read;
      rows.push_back(std::move(row));
    }
  }
  // Callbacks run outside the lock: they may be slow or take their own locks.
  for (const Row& row : rows) {
    AppendHeader(out, row.name, row.help, row.counter ? "counter" : "gauge");
    out += row.name + " ";
    AppendNumber(out, row.read ? row.read() : row.value);
    out += '\n';
  }
  return out;
}

}  // namespace guildhall::web
