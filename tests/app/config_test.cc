// Tests node/app/config.cc: defaults, every type, and that each invalid
// config is refused with "FILE: KEY: REASON".
#include "node/app/config.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/testutil/temp_dir.h"

namespace guildhall::app {
namespace {

Config MustParse(std::string_view text) {
  auto config = ParseConfig(text, "guildhall.toml");
  EXPECT_TRUE(config) << config.error().message;
  return config ? *config : Config{};
}

TEST(Config, DefaultsAreTheDocumentedOnes) {
  auto config = DefaultConfig();
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->source, kDefaultConfigSource);
  EXPECT_EQ(config->node.data_dir, "./data");
  EXPECT_EQ(config->node.domain, "localhost:8080");
  EXPECT_EQ(config->http.listen, "127.0.0.1:8080");
  EXPECT_EQ(config->http.public_scheme, PublicScheme::kHttp);
  EXPECT_EQ(config->federation.mode, FederationMode::kAllowlist);
  EXPECT_FALSE(config->federation.allow_private_addresses);
  EXPECT_TRUE(config->federation.resolve.empty());
  EXPECT_EQ(config->http.inbox_body_limit_bytes, 1u << 20);
  EXPECT_EQ(config->federation.signature_max_skew, std::chrono::hours(1));
  EXPECT_EQ(config->community.session_ttl, std::chrono::hours(24 * 30));
  EXPECT_EQ(config->log.level, LogLevel::kInfo);
  EXPECT_EQ(config->testing.clock_offset_seconds, 0);
}

TEST(Config, EmptyFileEqualsTheEmbeddedDefault) {
  Config parsed = MustParse("");
  Config defaults = *DefaultConfig();
  parsed.source = defaults.source;
  EXPECT_EQ(parsed, defaults);
}

TEST(Config, ParsesEveryType) {
  Config c = MustParse(R"(
[node]
domain = "a.test:8443"
data_dir = "/var/lib/guildhall"
[http]
listen = "[::1]:0"
public_scheme = "https"
threads = 4
header_limit_bytes = 8192
upload_body_limit_bytes = "30MiB"
request_timeout = "2m"
[federation]
mode = "open"
allow_private_addresses = true
signature_max_skew = 300
[log]
level = "debug"
[testing]
clock_offset_seconds = -3600
)");
  EXPECT_EQ(c.node.domain, "a.test:8443");
  EXPECT_EQ(c.node.data_dir, "/var/lib/guildhall");
  EXPECT_EQ(c.http.listen, "[::1]:0");
  EXPECT_EQ(c.http.public_scheme, PublicScheme::kHttps);
  EXPECT_EQ(c.http.threads, 4);
  EXPECT_EQ(c.http.header_limit_bytes, 8192u);
  EXPECT_EQ(c.http.upload_body_limit_bytes, 30u << 20);
  EXPECT_EQ(c.http.request_timeout, std::chrono::minutes(2));
  EXPECT_EQ(c.federation.mode, FederationMode::kOpen);
  EXPECT_TRUE(c.federation.allow_private_addresses);
  EXPECT_EQ(c.federation.signature_max_skew, std::chrono::seconds(300));
  EXPECT_EQ(c.log.level, LogLevel::kDebug);
  EXPECT_EQ(c.testing.clock_offset_seconds, -3600);
}

TEST(Config, ParsesFederationResolve) {
  Config c = MustParse(R"(
[federation.resolve]
"b.test:8443" = "127.0.0.1:9001"
"c.test" = "[::1]:9002"
)");
  std::map<std::string, std::string> want = {{"b.test:8443", "127.0.0.1:9001"},
                                             {"c.test", "[::1]:9002"}};
  EXPECT_EQ(c.federation.resolve, want);
  // The dotted-key spelling inside [federation] is the same table.
  Config d = MustParse("[federation]\nresolve = { \"b.test:8443\" = \"127.0.0.1:9001\" }\n");
  EXPECT_EQ(d.federation.resolve.at("b.test:8443"), "127.0.0.1:9001");
}

struct BadConfig {
  const char* toml;
  const char* error;
};

TEST(Config, EveryErrorNamesFileKeyAndReason) {
  const BadConfig cases[] = {
      {"[http]\nlisten = \"8080\"\n", R"(guildhall.toml: http.listen: "8080" is not host:port)"},
      {"[http]\nlisten = \"host:99999\"\n",
       R"(guildhall.toml: http.listen: "host:99999" is not host:port)"},
      {"[http]\nlisten_addr = \"x\"\n", "guildhall.toml: http.listen_addr: unknown key"},
      {"[nope]\nx = 1\n", "guildhall.toml: nope: unknown key"},
      {"domain = \"a.test\"\n", "guildhall.toml: domain: unknown key"},
      {"[http]\nthreads = \"four\"\n",
       R"(guildhall.toml: http.threads: expected an integer, got "four")"},
      {"[http]\nthreads = -1\n",
       "guildhall.toml: http.threads: -1 is out of range (from 0 to 1024)"},
      {"[http]\nlisten = 8080\n", "guildhall.toml: http.listen: expected a string, got 8080"},
      {"[federation]\nmode = \"semi\"\n",
       R"(guildhall.toml: federation.mode: "semi" is not one of closed, allowlist, open)"},
      {"[log]\ndump_bodies = 1\n",
       "guildhall.toml: log.dump_bodies: expected true or false, got 1"},
      {"[http]\ntls_cert = \"/nonexistent/cert.pem\"\ntls_key = \"/nonexistent/key.pem\"\n",
       R"(guildhall.toml: http.tls_cert: "/nonexistent/cert.pem" does not exist)"},
      {"[federation]\nca_file = \"/\"\n",
       R"(guildhall.toml: federation.ca_file: "/" is not a regular file)"},
      {"[node]\ndomain = \"https://a.test/\"\n",
       R"(guildhall.toml: node.domain: "https://a.test/" is not a host name with an optional :port)"},
      {"[node]\ndata_dir = \"\"\n", "guildhall.toml: node.data_dir: must not be empty"},
      {"[storage]\nmap_size_bytes = \"10 parsecs\"\n",
       "guildhall.toml: storage.map_size_bytes: \"10 parsecs\" is not a size (bytes, or a string "
       "like \"64MiB\" with unit B, KiB, MiB, GiB or TiB)"},
      {"[http]\nidle_timeout = \"soon\"\n",
       "guildhall.toml: http.idle_timeout: \"soon\" is not a duration (seconds, or a string like "
       "\"30s\" with unit s, m, h or d)"},
      {"[federation.resolve]\n\"b.test\" = \"nowhere\"\n",
       R"(guildhall.toml: federation.resolve: b.test: "nowhere" is not ip:port)"},
      {"[federation]\nresolve = \"b.test\"\n",
       R"(guildhall.toml: federation.resolve: expected a table, got "b.test")"},
      {"[community]\nmax_upload_bytes = \"100MiB\"\n",
       "guildhall.toml: http.upload_body_limit_bytes: 27262976 is less than "
       "community.max_upload_bytes (104857600)"},
  };
  for (const BadConfig& c : cases) {
    auto config = ParseConfig(c.toml, "guildhall.toml");
    ASSERT_FALSE(config) << c.toml;
    EXPECT_EQ(config.error().code, Code::kInvalid);
    EXPECT_EQ(config.error().message, c.error) << c.toml;
  }
}

TEST(Config, TlsCertNeedsKey) {
  testutil::TempDir dir;
  std::ofstream(dir / "cert.pem") << "-----BEGIN CERTIFICATE-----\n";
  std::string text = "[http]\ntls_cert = \"" + (dir / "cert.pem").string() + "\"\n";
  auto config = ParseConfig(text, "guildhall.toml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "guildhall.toml: http.tls_key: http.tls_cert and http.tls_key must be set together");
}

TEST(Config, SyntaxErrorNamesFileAndLine) {
  auto config = ParseConfig("[http]\nlisten = \n", "guildhall.toml");
  ASSERT_FALSE(config);
  EXPECT_TRUE(config.error().message.starts_with("guildhall.toml:2:")) << config.error().message;
}

TEST(Config, LoadFileNamesThePathGiven) {
  testutil::TempDir dir;
  auto missing = LoadConfigFile(dir / "absent.toml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            (dir / "absent.toml").string() + ": cannot read: No such file or directory");

  std::ofstream(dir / "g.toml") << "[federation]\nmode = \"closed\"\n";
  auto config = LoadConfigFile(dir / "g.toml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->federation.mode, FederationMode::kClosed);
  EXPECT_EQ(config->source, (dir / "g.toml").string());
}

}  // namespace
}  // namespace guildhall::app
