// Field validation helpers (node/community/validation.cc).
#include "node/community/validation.h"

#include <gtest/gtest.h>

namespace guildhall::community {
namespace {

TEST(Validation, CollectsOneMessagePerField) {
  Validator v;
  v.Text("name", "", 1, 10).Text("name", std::string(20, 'x'), 1, 10).Text("bio", "ok", 0, 10);
  auto r = v.Finish();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kInvalid);
  EXPECT_EQ(r.error().message, "name: is required");
}

TEST(Validation, CountsCharactersNotBytes) {
  EXPECT_TRUE(Validator().Text("name", "Zoë Ødegård", 1, 11).Finish());
  EXPECT_EQ(Validator().Text("name", "Zoë Ødegård!", 1, 11).Finish().error().message,
            "name: must be at most 11 characters");
  EXPECT_EQ(Utf8Length("日本"), 2);
  EXPECT_EQ(Utf8Length("\xC0\x80"), -1);  // overlong
  EXPECT_EQ(Validator().Text("x", "a", 2, 5).Finish().error().message,
            "x: must be at least 2 characters");
  EXPECT_EQ(Validator().Text("x", "\x01", 0, 5).Finish().error().message,
            "x: must be a single line");
  EXPECT_TRUE(Validator().Text("x", "a\nb\tc", 0, 5, true).Finish());
}

TEST(Validation, NamesAndUrls) {
  EXPECT_TRUE(IsValidUsername("alice_01"));
  EXPECT_FALSE(IsValidUsername("Alice"));
  EXPECT_FALSE(IsValidUsername(""));
  EXPECT_FALSE(IsValidUsername(std::string(31, 'a')));
  EXPECT_TRUE(IsValidSlug("rust-guild"));
  EXPECT_FALSE(IsValidSlug("-rust"));
  EXPECT_FALSE(IsValidSlug("a"));
  EXPECT_FALSE(IsValidSlug("under_score"));
  EXPECT_TRUE(IsValidWebUrl("https://example.org/x?y=1"));
  EXPECT_FALSE(IsValidWebUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsValidWebUrl("https://"));
  EXPECT_FALSE(IsValidWebUrl("https://user@evil.example/"));
  EXPECT_FALSE(IsValidWebUrl("https://a b"));
}

}  // namespace
}  // namespace guildhall::community
