#include "federation/http/target.h"

#include <gtest/gtest.h>

#include "federation/http/client.h"

namespace guildhall::federation {
namespace {

TEST(Target, ParsesHttpsWithDefaults) {
  auto t = ParseTarget("https://Peer.Example/u/alice?x=1#main-key");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_TRUE(t->tls);
  EXPECT_EQ(t->host, "peer.example");
  EXPECT_EQ(t->port, 443);
  EXPECT_EQ(t->host_header, "peer.example");
  EXPECT_EQ(t->request_target, "/u/alice?x=1");
  EXPECT_EQ(t->url, "https://peer.example/u/alice?x=1");
  EXPECT_EQ(t->PoolKey(), "https://peer.example:443");
}

TEST(Target, KeepsNonDefaultPortInHostHeader) {
  auto t = ParseTarget("http://[::1]:8080");
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->host, "::1");
  EXPECT_EQ(t->port, 8080);
  EXPECT_EQ(t->host_header, "[::1]:8080");
  EXPECT_EQ(t->request_target, "/");
  EXPECT_EQ(HostHeaderFor("https://a.example:8443/x"), "a.example:8443");
}

TEST(Target, RefusesOtherSchemesAndUserInfo) {
  EXPECT_FALSE(ParseTarget("ftp://a.example/"));
  EXPECT_FALSE(ParseTarget("https://user@a.example/"));
  EXPECT_FALSE(ParseTarget("/relative"));
  EXPECT_FALSE(ParseTarget("javascript:alert(1)"));
}

TEST(Target, ResolvesRedirects) {
  auto r = ResolveRedirect("https://a.example/x/y", "../z");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "https://a.example/z");
  r = ResolveRedirect("http://a.example/x", "https://b.example/");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "https://b.example/");
  EXPECT_FALSE(ResolveRedirect("https://a.example/x", "http://a.example/y"));  // downgrade
  EXPECT_FALSE(ResolveRedirect("https://a.example/x", "file:///etc/passwd"));
  EXPECT_FALSE(ResolveRedirect("https://a.example/x", ""));
}

}  // namespace
}  // namespace guildhall::federation
