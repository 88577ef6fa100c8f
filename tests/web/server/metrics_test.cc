#include "web/server/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace guildhall::web {
namespace {

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(Metrics, RendersRequestCountersAndCumulativeHistogram) {
  Metrics metrics;
  metrics.ObserveRequest("group_page", 200, 0.0004);
  metrics.ObserveRequest("group_page", 200, 0.02);
  metrics.ObserveRequest("group_page", 404, 3.0);
  std::string out = metrics.Render();
  EXPECT_TRUE(Contains(out, "# TYPE guildhall_http_requests_total counter\n"));
  EXPECT_TRUE(
      Contains(out, "guildhall_http_requests_total{route=\"group_page\",status=\"200\"} 2\n"));
  EXPECT_TRUE(
      Contains(out, "guildhall_http_requests_total{route=\"group_page\",status=\"404\"} 1\n"));
  EXPECT_TRUE(Contains(out, "# TYPE guildhall_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(Contains(
      out,
      "guildhall_http_request_duration_seconds_bucket{route=\"group_page\",le=\"0.0005\"} 1\n"));
  EXPECT_TRUE(Contains(
      out,
      "guildhall_http_request_duration_seconds_bucket{route=\"group_page\",le=\"0.025\"} 2\n"));
  EXPECT_TRUE(Contains(
      out, "guildhall_http_request_duration_seconds_bucket{route=\"group_page\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(
      Contains(out, "guildhall_http_request_duration_seconds_count{route=\"group_page\"} 3\n"));
}

TEST(Metrics, GaugesAndCounters) {
  Metrics metrics;
  Counter& sent = metrics.AddCounter("guildhall_delivery_sent_total", "Activities delivered.");
  sent.Increment(5);
  EXPECT_EQ(&metrics.AddCounter("guildhall_delivery_sent_total", "again"), &sent);
  metrics.AddGauge("guildhall_queue_depth", "Queued deliveries.").Set(7);
  double size = 1.5e9;
  metrics.AddGauge("guildhall_store_bytes", "Size of the store.", [&] { return size; });
  std::string out = metrics.Render();
  EXPECT_TRUE(Contains(out, "# TYPE guildhall_delivery_sent_total counter\n"));
  EXPECT_TRUE(Contains(out, "guildhall_delivery_sent_total 5\n"));
  EXPECT_TRUE(Contains(out, "# HELP guildhall_queue_depth Queued deliveries.\n"));
  EXPECT_TRUE(Contains(out, "guildhall_queue_depth 7\n"));
  EXPECT_TRUE(Contains(out, "guildhall_store_bytes 1500000000\n"));
  metrics.RemoveGauge("guildhall_store_bytes");
  EXPECT_FALSE(Contains(metrics.Render(), "guildhall_store_bytes"));
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.ObserveRequest("a\"b\\c\nd", 200, 0.1);
  EXPECT_TRUE(Contains(metrics.Render(), "{route=\"a\\\"b\\\\c\\nd\",status=\"200\"}"));
}

TEST(Metrics, CountsFromManyThreads) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) metrics.ObserveRequest("r", 200, 0.001);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(Contains(metrics.Render(),
                       "guildhall_http_requests_total{route=\"r\",status=\"200\"} 4000\n"));
}

}  // namespace
}  // namespace guildhall::web
