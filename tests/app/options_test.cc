// Tests node/app/options.cc: each module's options come from its config keys.
#include "node/app/options.h"

#include <gtest/gtest.h>

namespace guildhall::app {
namespace {

TEST(Options, ServerOptionsFromHttpKeys) {
  auto config = ParseConfig(R"(
[http]
listen = "[::1]:9000"
header_limit_bytes = "32KiB"
header_timeout = "3s"
request_timeout = "4s"
idle_timeout = "5s"
threads = 3
max_connections = 77
)",
                            "t.toml");
  ASSERT_TRUE(config) << config.error().message;
  web::ServerOptions options = ServerOptions(*config);
  EXPECT_EQ(options.listen, "[::1]:9000");
  EXPECT_EQ(options.header_limit, 32u * 1024);
  EXPECT_EQ(options.header_timeout, std::chrono::seconds(3));
  EXPECT_EQ(options.request_timeout, std::chrono::seconds(4));
  EXPECT_EQ(options.idle_timeout, std::chrono::seconds(5));
  EXPECT_EQ(options.threads, 3u);
  EXPECT_EQ(options.max_connections, 77u);
  EXPECT_TRUE(options.tls_cert.empty());
}

TEST(Options, StoreLivesUnderTheDataDir) {
  auto config = ParseConfig(
      "[node]\ndata_dir = \"/srv/g\"\n[storage]\nmap_size_bytes = \"64MiB\"\n"
      "max_map_size_bytes = \"2GiB\"\n",
      "t.toml");
  ASSERT_TRUE(config) << config.error().message;
  auto options = StoreOptions(*config);
  EXPECT_EQ(options.dir, "/srv/g/store");
  EXPECT_EQ(options.initial_map_bytes, 64u << 20);
  EXPECT_EQ(options.max_map_bytes, 2ull << 30);
  EXPECT_FALSE(options.no_sync);
}

}  // namespace
}  // namespace guildhall::app
