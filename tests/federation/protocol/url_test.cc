#include "federation/protocol/url.h"

#include <gtest/gtest.h>

namespace guildhall::federation {
namespace {

TEST(Url, ParsesAndNormalizesOrigins) {
  auto u = ParseHttpUrl("HTTPS://Social.Example.:443/users/alice?x=1#main-key");
  ASSERT_TRUE(u) << u.error().message;
  EXPECT_EQ(u->origin.scheme, "https");
  EXPECT_EQ(u->origin.host, "social.example");
  EXPECT_EQ(u->origin.port, 443);
  EXPECT_EQ(u->path, "/users/alice");
  EXPECT_EQ(u->query, "x=1");
  EXPECT_EQ(u->fragment, "main-key");
  EXPECT_EQ(u->RequestTarget(), "/users/alice?x=1");
  EXPECT_EQ(u->origin.ToString(), "https://social.example");
  EXPECT_EQ(OriginOf("http://127.0.0.1:8080")->Authority(), "127.0.0.1:8080");
  EXPECT_EQ(OriginOf("http://[0:0::1]:80/")->host, "[::1]");
}

TEST(Url, SameOriginComparesTuples) {
  EXPECT_TRUE(SameOrigin("https://a.example/x", "https://A.EXAMPLE:443/y"));
  EXPECT_TRUE(SameOrigin("https://a.example./x", "https://a.example/y"));
  EXPECT_FALSE(SameOrigin("https://a.example/x", "http://a.example/x"));
  EXPECT_FALSE(SameOrigin("https://a.example/x", "https://a.example:8443/x"));
  EXPECT_FALSE(SameOrigin("https://a.example/x", "https://b.a.example/x"));
  EXPECT_FALSE(SameOrigin("https://a.example/x", "not a url"));
}

// CVE-2023-42451: "mastodon.so/cial" was normalised to "mastodon.social".
TEST(Url, Cve2023_42451HostWithSlashIsNotAnotherHost) {
  EXPECT_FALSE(SameOrigin("https://mastodon.so/cial", "https://mastodon.social"));
  EXPECT_FALSE(OriginOfHost("https", "mastodon.so/cial"));
  EXPECT_TRUE(OriginOfHost("https", "mastodon.social"));
  EXPECT_FALSE(OriginOfHost("https", "evil@mastodon.social"));
}

TEST(Url, RejectsWhatIdsMustNotBe) {
  const char* bad[] = {
      "javascript:alert(1)",
      "data:text/html,x",
      "#frag",
      "/relative",
      "//host/path",
      "ftp://a.example/",
      "https://user:pw@a.example/",
      "https://@a.example/",
      "https://a.example:0/",
      "https://a.example:65536/",
      "https://a%2eexample/",
      "https:///path",
      "https://a..example/",
      "",
  };
  for (const char* s : bad) EXPECT_FALSE(ParseHttpUrl(s)) << s;
  auto too_long = ParseHttpUrl("https://a.example/" + std::string(2100, 'x'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, Code::kTooLarge);
}

}  // namespace
}  // namespace guildhall::federation
