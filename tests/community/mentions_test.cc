// @mention parsing (node/community/mentions.cc).
#include "node/community/mentions.h"

#include <gtest/gtest.h>

namespace guildhall::community {
namespace {

using V = std::vector<std::string>;

TEST(Mentions, FindsUsernames) {
  EXPECT_EQ(ParseMentions("Hi @Alice, and @bob_2!"), (V{"alice", "bob_2"}));
  EXPECT_EQ(ParseMentions("(@carol) @carol again"), (V{"carol"}));
  EXPECT_EQ(ParseMentions("@dave\n@erin"), (V{"dave", "erin"}));
}

TEST(Mentions, SkipsCodeMailUrlsAndRemoteHandles) {
  EXPECT_EQ(ParseMentions("mail me at x@alice.example"), V{});
  EXPECT_EQ(ParseMentions("see https://host/@alice"), V{});
  EXPECT_EQ(ParseMentions("`@alice` is a mention"), V{});
  EXPECT_EQ(ParseMentions("```\n@alice\n```\n@bob"), (V{"bob"}));
  EXPECT_EQ(ParseMentions("@alice@partner.example"), V{});
  EXPECT_EQ(ParseMentions("@" + std::string(31, 'a')), V{});
  EXPECT_EQ(ParseMentions("@ alone"), V{});
}

TEST(Mentions, AreBounded) {
  std::string many;
  for (int i = 0; i < 50; ++i) many += "@user" + std::to_string(i) + " ";
  EXPECT_EQ(ParseMentions(many).size(), kMaxMentions);
}

}  // namespace
}  // namespace guildhall::community
