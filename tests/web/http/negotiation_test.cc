#include "web/http/negotiation.h"

#include <gtest/gtest.h>

namespace guildhall::web {
namespace {

Request WithAccept(std::string accept, std::string path = "/u/ada") {
  Request req;
  req.path = std::move(path);
  if (!accept.empty()) req.headers.Add("Accept", std::move(accept));
  return req;
}

TEST(Negotiation, ActivityPubPeersGetActivityJson) {
  EXPECT_TRUE(WantsActivityJson(WithAccept("application/activity+json")));
  EXPECT_TRUE(WantsActivityJson(
      WithAccept("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"")));
  EXPECT_TRUE(WantsActivityJson(WithAccept("application/ld+json")));
  // Mastodon's fetch header.
  EXPECT_TRUE(WantsActivityJson(
      WithAccept("application/activity+json, application/ld+json; "
                 "profile=\"https://www.w3.org/ns/activitystreams\", text/html;q=0.1")));
  EXPECT_TRUE(WantsActivityJson(WithAccept("APPLICATION/Activity+JSON")));
}

TEST(Negotiation, BrowsersGetHtml) {
  EXPECT_FALSE(WantsActivityJson(
      WithAccept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")));
  EXPECT_FALSE(WantsActivityJson(WithAccept("")));
  EXPECT_FALSE(WantsActivityJson(WithAccept("*/*")));
  EXPECT_FALSE(WantsActivityJson(WithAccept("text/html, application/activity+json")));
}

TEST(Negotiation, QValuesDecide) {
  EXPECT_TRUE(WantsActivityJson(WithAccept("text/html;q=0.5, application/activity+json")));
  EXPECT_FALSE(WantsActivityJson(WithAccept("text/html, application/activity+json;q=0.9")));
  EXPECT_FALSE(WantsActivityJson(WithAccept("application/activity+json;q=0")));
}

TEST(Negotiation, OtherLdProfilesAreNotActivityStreams) {
  Request req = WithAccept("application/ld+json; profile=\"https://example.com/other\"");
  EXPECT_FALSE(WantsActivityJson(req));
  EXPECT_TRUE(WantsJson(req));
}

TEST(Negotiation, JsonForApiClients) {
  EXPECT_TRUE(WantsJson(WithAccept("application/json")));
  EXPECT_TRUE(WantsJson(WithAccept("application/activity+json")));
  EXPECT_FALSE(WantsJson(WithAccept("text/html, application/json;q=0.9")));
  EXPECT_FALSE(WantsJson(WithAccept("")));
  EXPECT_TRUE(WantsJson(WithAccept("", "/api/v1/groups")));
  EXPECT_TRUE(WantsJson(WithAccept("*/*", "/api/v1/groups")));
  EXPECT_FALSE(WantsJson(WithAccept("text/html", "/api/v1/groups")));
}

}  // namespace
}  // namespace guildhall::web
