// Local URIs: minted in one place, parsed back only when on our origin.
#include "federation/uris.h"

#include <gtest/gtest.h>

namespace guildhall::federation {
namespace {

TEST(Uris, MintsEveryLocalUri) {
  Uris u("https", "guild.example");
  EXPECT_EQ(u.NodeActor(), "https://guild.example/actor");
  EXPECT_EQ(u.Member("alice"), "https://guild.example/u/alice");
  EXPECT_EQ(u.Group("news"), "https://guild.example/g/news");
  EXPECT_EQ(u.Thread(Id{42}), "https://guild.example/t/42");
  EXPECT_EQ(u.Reply(Id{43}), "https://guild.example/r/43");
  EXPECT_EQ(u.Event(Id{44}), "https://guild.example/e/44");
  EXPECT_EQ(u.Activity(Id{45}), "https://guild.example/activities/45");
  EXPECT_EQ(u.SharedInbox(), "https://guild.example/inbox");
  EXPECT_EQ(Uris::Inbox(u.Group("news")), "https://guild.example/g/news/inbox");
  EXPECT_EQ(Uris::KeyId(u.Member("alice")), "https://guild.example/u/alice#main-key");
}

TEST(Uris, ParsesOnlyOurOrigin) {
  Uris u("https", "guild.example:8443");
  auto ref = u.Parse("https://GUILD.example:8443/g/news/outbox");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->kind, LocalRef::Kind::kGroup);
  EXPECT_EQ(ref->name, "news");
  EXPECT_EQ(ref->collection, "outbox");
  EXPECT_FALSE(
      u.Parse("https://guild.example/g/news").has_value());  // default port: another origin
  EXPECT_FALSE(u.Parse("http://guild.example:8443/g/news").has_value());
  EXPECT_FALSE(u.Parse("https://evil.example/g/news").has_value());
  auto thread = u.Parse("https://guild.example:8443/t/7#frag");
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->kind, LocalRef::Kind::kThread);
  EXPECT_EQ(thread->id, Id{7});
}

TEST(Uris, RefusesWhatWeNeverMint) {
  EXPECT_FALSE(Uris::ParsePath("/g/News").has_value());           // names are lower-case
  EXPECT_FALSE(Uris::ParsePath("/u/alice/members").has_value());  // groups only
  EXPECT_FALSE(Uris::ParsePath("/t/abc").has_value());
  EXPECT_FALSE(Uris::ParsePath("/t/0").has_value());
  EXPECT_FALSE(Uris::ParsePath("/g/news/x/y").has_value());
  EXPECT_TRUE(Uris::ParsePath("/g/news/members").has_value());
  EXPECT_EQ(Uris::ParsePath("/inbox")->kind, LocalRef::Kind::kSharedInbox);
  EXPECT_EQ(Uris::ParsePath("/actor/inbox")->collection, "inbox");
}

}  // namespace
}  // namespace guildhall::federation
