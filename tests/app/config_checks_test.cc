// Tests node/app/config_checks.cc: the address and name validators.
#include <gtest/gtest.h>

#include "node/app/config_schema.h"

namespace guildhall::app {
namespace {

TEST(ConfigChecks, HostPort) {
  for (const char* ok : {"127.0.0.1:8080", "localhost:0", "[::1]:443", "a-b.example:65535"}) {
    EXPECT_EQ(CheckHostPort(ok), "") << ok;
  }
  for (const char* bad :
       {"8080", "localhost", ":80", "a b:80", "[::1]", "[zz]:80", "h:65536", "h:-1", "h:8o"}) {
    EXPECT_EQ(CheckHostPort(bad), "\"" + std::string(bad) + "\" is not host:port") << bad;
  }
}

TEST(ConfigChecks, IpPortRequiresAnAddressLiteral) {
  EXPECT_EQ(CheckIpPort("127.0.0.1:9001"), "");
  EXPECT_EQ(CheckIpPort("[::1]:9001"), "");
  EXPECT_NE(CheckIpPort("localhost:9001"), "");
  EXPECT_NE(CheckIpPort("127.0.0.1"), "");
}

TEST(ConfigChecks, AuthorityIsHostWithOptionalPort) {
  EXPECT_EQ(CheckAuthority("localhost:8080"), "");
  EXPECT_EQ(CheckAuthority("guild.example.org"), "");
  EXPECT_NE(CheckAuthority("https://guild.example.org"), "");
  EXPECT_NE(CheckAuthority("guild.example.org/path"), "");
  EXPECT_NE(CheckAuthority(""), "");
}

TEST(ConfigChecks, ReadableFileIsOptional) {
  EXPECT_EQ(CheckReadableFile(""), "");
  EXPECT_EQ(CheckReadableFile(GUILDHALL_SOURCE_DIR "/CMakeLists.txt"), "");
  EXPECT_EQ(CheckReadableFile("/nonexistent"), "\"/nonexistent\" does not exist");
}

TEST(ConfigChecks, MetricsTokenIsEmptyOrLongVisibleAscii) {
  EXPECT_EQ(CheckMetricsToken(""), "");
  EXPECT_EQ(CheckMetricsToken("0123456789abcdef"), "");
  EXPECT_EQ(CheckMetricsToken("short"), "must be empty or at least 16 characters");
  EXPECT_NE(CheckMetricsToken("0123456789 abcdef"), "");
  EXPECT_NE(CheckMetricsToken("0123456789abcdef\n"), "");
}

}  // namespace
}  // namespace guildhall::app
