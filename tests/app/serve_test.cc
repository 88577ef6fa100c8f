// `guildhall serve` as a child process: listens on a free port, reports it
// through --ready-file, answers /healthz and /metrics, stops cleanly on
// SIGTERM (exit 0), and leaves a store that opens again.
#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>

#include "tests/app/child_process.h"
#include "tests/testutil/temp_dir.h"

namespace guildhall::app {
namespace {

using testing::Child;
using testing::HttpGet;
using testing::RunGuildhall;
using testing::WaitForFile;

constexpr auto kTimeout = std::chrono::seconds(60);

class Serve : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "guildhall.toml") << "[http]\nlisten = \"127.0.0.1:0\"\n"
                                           << "shutdown_grace = \"5s\"\n";
  }
  std::string Log() {
    std::ifstream in(dir_ / "serve.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  testutil::TempDir dir_;
};

TEST_F(Serve, AnswersHealthzThenStopsCleanlyOnSigterm) {
  Child node({"--config", "guildhall.toml", "serve", "--ready-file", "ready"}, dir_.path(),
             dir_ / "serve.log");
  std::string address = WaitForFile(dir_ / "ready", node, kTimeout);
  ASSERT_FALSE(address.empty()) << Log();
  address.pop_back();  // newline
  EXPECT_TRUE(address.starts_with("127.0.0.1:")) << address;
  EXPECT_NE(address, "127.0.0.1:0");

  std::string health = HttpGet(address, "/healthz");
  EXPECT_TRUE(health.starts_with("HTTP/1.1 200")) << health;
  std::string metrics = HttpGet(address, "/metrics");
  EXPECT_NE(metrics.find("guildhall_store_used_bytes "), std::string::npos) << metrics;

  node.Signal(SIGTERM);
  EXPECT_EQ(node.Wait(kTimeout), 0) << Log();
  EXPECT_FALSE(std::filesystem::exists(dir_ / "ready"));
  std::string log = Log();
  EXPECT_NE(log.find("federation_mode=allowlist"), std::string::npos) << log;
  EXPECT_NE(log.find("store closed"), std::string::npos) << log;

  auto check = RunGuildhall({"--config", "guildhall.toml", "check"}, dir_.path());
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(Serve, BackupWhileServing) {
  Child node({"--config", "guildhall.toml", "serve", "--ready-file", "ready"}, dir_.path(),
             dir_ / "serve.log");
  ASSERT_FALSE(WaitForFile(dir_ / "ready", node, kTimeout).empty()) << Log();
  auto backup = RunGuildhall({"--config", "guildhall.toml", "backup", "copy"}, dir_.path());
  EXPECT_EQ(backup.exit_code, 0) << backup.out << backup.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "copy/store/data.mdb"));
  node.Signal(SIGINT);
  EXPECT_EQ(node.Wait(kTimeout), 0) << Log();
}

TEST_F(Serve, SighupReloadsTheLogLevel) {
  Child node({"--config", "guildhall.toml", "serve", "--ready-file", "ready"}, dir_.path(),
             dir_ / "serve.log");
  ASSERT_FALSE(WaitForFile(dir_ / "ready", node, kTimeout).empty()) << Log();
  std::ofstream(dir_ / "guildhall.toml", std::ios::app) << "[log]\nlevel = \"warn\"\n";
  node.Signal(SIGHUP);
  // The reload line is the last info line: after it, the level is warn.
  EXPECT_FALSE(WaitForFile(dir_ / "serve.log", node, kTimeout, "reload: applied").empty()) << Log();
  node.Signal(SIGTERM);
  EXPECT_EQ(node.Wait(kTimeout), 0) << Log();
  std::string log = Log();
  EXPECT_EQ(log.find("info app: stopped"), std::string::npos) << log;
}

TEST_F(Serve, PortInUseFailsWithExitOne) {
  Child first({"--config", "guildhall.toml", "serve", "--ready-file", "ready"}, dir_.path(),
              dir_ / "serve.log");
  std::string address = WaitForFile(dir_ / "ready", first, kTimeout);
  ASSERT_FALSE(address.empty()) << Log();
  address.pop_back();
  std::ofstream(dir_ / "second.toml")
      << "[node]\ndata_dir = \"data2\"\n[http]\nlisten = \"" << address << "\"\n";
  auto second = RunGuildhall({"--config", "second.toml", "serve"}, dir_.path());
  EXPECT_EQ(second.exit_code, 1) << second.err;
  EXPECT_NE(second.err.find("cannot listen"), std::string::npos) << second.err;
  first.Signal(SIGTERM);
  EXPECT_EQ(first.Wait(kTimeout), 0);
}

// Issue 10 item 8: [http] metrics_token reaches the server. Behind a proxy
// (X-Forwarded-For) /metrics needs the token; on loopback it needs nothing.
TEST_F(Serve, MetricsNeedTheConfiguredTokenBehindAProxy) {
  std::ofstream(dir_ / "guildhall.toml", std::ios::app)
      << "metrics_token = \"scrape-7f3a9c2e1b\"\n";
  Child node({"--config", "guildhall.toml", "serve", "--ready-file", "ready"}, dir_.path(),
             dir_ / "serve.log");
  std::string address = WaitForFile(dir_ / "ready", node, kTimeout);
  ASSERT_FALSE(address.empty()) << Log();
  address.pop_back();
  const std::string proxied = "X-Forwarded-For: 198.51.100.4\r\n";
  const std::string refused = HttpGet(address, "/metrics", proxied);
  EXPECT_TRUE(refused.starts_with("HTTP/1.1 403")) << refused;
  EXPECT_EQ(refused.find("guildhall_store_used_bytes"), std::string::npos) << refused;
  const std::string wrong =
      HttpGet(address, "/metrics", proxied + "Authorization: Bearer scrape-7f3a9c2e1c\r\n");
  EXPECT_TRUE(wrong.starts_with("HTTP/1.1 403")) << wrong;
  const std::string with_token =
      HttpGet(address, "/metrics", proxied + "Authorization: Bearer scrape-7f3a9c2e1b\r\n");
  EXPECT_TRUE(with_token.starts_with("HTTP/1.1 200")) << with_token;
  EXPECT_NE(with_token.find("guildhall_storage_full 0"), std::string::npos) << with_token;
  EXPECT_TRUE(HttpGet(address, "/metrics").starts_with("HTTP/1.1 200"));
  node.Signal(SIGTERM);
  EXPECT_EQ(node.Wait(kTimeout), 0) << Log();
}

}  // namespace
}  // namespace guildhall::app
