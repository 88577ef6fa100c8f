// Issue 10 item 12: the origin check on form posts (web/ui/origin_check.h),
// a second CSRF layer behind the token, and the security headers on the
// plain 404/405 pages.
#include "web/ui/origin_check.h"

#include <gtest/gtest.h>

#include "tests/web/ui/ui_fixture.h"
#include "web/http/security_headers.h"

namespace guildhall::web::testing {
namespace {

class OriginCheckTest : public UiFixture {
 protected:
  void SetUp() override {
    Start();  // public origin http://guild.example
    alice_ = SignIn("alice");
    auto g = c_->groups.Create(alice_.id, {.slug = "design", .name = "Design", .description = ""});
    ASSERT_TRUE(g);
    group_ = g->group.id;
  }

  // A new discussion posted with a valid session and CSRF token, plus
  // `headers` ("Name: value\r\n" lines) as the browser would add them.
  ClientResponse PostThread(const std::string& headers) {
    const std::string body =
        UrlEncodeForm({{"_csrf", alice_.csrf}, {"title", "Hello"}, {"body", "World"}});
    return Raw("POST", "/g/design/threads",
               "Content-Type: application/x-www-form-urlencoded\r\nCookie: " + alice_.cookie +
                   "\r\n" + headers,
               body);
  }

  size_t Threads() {
    auto threads = c_->threads.List(alice_.id, group_, {});
    EXPECT_TRUE(threads);
    return threads ? threads->items.size() : 0;
  }

  Browser alice_;
  Id group_;
};

TEST_F(OriginCheckTest, CrossSiteOriginWithAValidTokenIsRefused) {
  auto res = PostThread("Origin: https://evil.example\r\n");
  EXPECT_EQ(res.status, 403u);
  EXPECT_NE(res.body.find("was sent from https://evil.example, not from this node"),
            std::string::npos)
      << res.body;
  EXPECT_EQ(Threads(), 0u);  // nothing was posted
}

TEST_F(OriginCheckTest, CrossSiteFetchMetadataWithAValidTokenIsRefused) {
  for (const char* site : {"cross-site", "same-site"}) {
    auto res = PostThread(std::string("Sec-Fetch-Site: ") + site + "\r\n");
    EXPECT_EQ(res.status, 403u) << site;
    EXPECT_NE(res.body.find("sent from another site"), std::string::npos) << res.body;
  }
  // A sandboxed frame or a cross-site redirect says "null".
  EXPECT_EQ(PostThread("Origin: null\r\n").status, 403u);
  // Both headers must agree: a right Sec-Fetch-Site does not excuse a wrong Origin.
  EXPECT_EQ(PostThread("Sec-Fetch-Site: same-origin\r\nOrigin: http://evil.example\r\n").status,
            403u);
  EXPECT_EQ(Threads(), 0u);
}

TEST_F(OriginCheckTest, SameOriginPasses) {
  EXPECT_EQ(PostThread("Origin: http://guild.example\r\nSec-Fetch-Site: same-origin\r\n").status,
            303u);
  EXPECT_EQ(PostThread("Origin: HTTP://Guild.Example\r\n").status, 303u);
  EXPECT_EQ(PostThread("Sec-Fetch-Site: none\r\n").status, 303u);
  EXPECT_EQ(Threads(), 3u);
}

TEST_F(OriginCheckTest, NeitherHeaderPassesOnTheTokenAlone) {
  EXPECT_EQ(PostThread("").status, 303u);  // older browsers, scripts
  EXPECT_EQ(Threads(), 1u);
}

TEST_F(OriginCheckTest, PlainNotFoundAndMethodNotAllowedCarryTheSecurityHeaders) {
  for (auto res : {Get("/no/such/page", Anonymous()), Raw("DELETE", "/login", "", ""),
                   Raw("GET", "/no/such", "Accept: application/json\r\n", "")}) {
    EXPECT_TRUE(res.status == 404u || res.status == 405u) << res.status;
    EXPECT_EQ(res.Header("Content-Security-Policy"), kContentSecurityPolicy);
    EXPECT_EQ(res.Header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(res.Header("X-Frame-Options"), "DENY");
    EXPECT_EQ(res.Header("Referrer-Policy"), "same-origin");
  }
}

TEST(CrossOriginRefusal, DefaultPortsAreTheSameOrigin) {
  Request req;
  req.headers.Set("Origin", "https://guild.example");
  EXPECT_FALSE(CrossOriginRefusal(req, "https://guild.example:443"));
  req.headers.Set("Origin", "https://guild.example:8443");
  EXPECT_TRUE(CrossOriginRefusal(req, "https://guild.example"));
  req.headers.Set("Origin", "http://guild.example");  // another scheme is another origin
  EXPECT_TRUE(CrossOriginRefusal(req, "https://guild.example"));
}

}  // namespace
}  // namespace guildhall::web::testing
