// Profiles: field validation, permissions, avatars (node/community/profiles.cc).
#include <gtest/gtest.h>

#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using testing::CodeOf;
using testing::Must;
using Profiles = testing::CommunityFixture;

TEST_F(Profiles, EveryBadFieldGetsItsOwnMessage) {
  const Id alice = Member("alice");
  ProfileUpdate u;
  u.display_name = "";
  u.bio = std::string(2001, 'b');
  u.title = "Line\nbreak";
  u.team = std::string(101, 't');
  u.location = "\xC3";  // cut UTF-8
  u.skills = std::vector<std::string>{"ok", std::string(51, 's')};
  u.interests = std::vector<std::string>(31, "");
  for (int i = 0; i < 31; ++i) (*u.interests)[i] = "interest " + std::to_string(i);
  auto r = c_.profiles.Update(alice, alice, u);
  ASSERT_EQ(CodeOf(r), Code::kInvalid);
  EXPECT_EQ(r.error().message,
            "display_name: is required; bio: must be at most 2000 characters; "
            "title: must be a single line; team: must be at most 100 characters; "
            "location: is not valid UTF-8 text; skills: must be at most 50 characters; "
            "interests: must have at most 30 entries");
}

TEST_F(Profiles, UpdatesCleanListsAndBumpVersion) {
  const Id alice = Member("alice");
  auto p = Must(c_.profiles.Update(alice, alice,
                                   {.display_name = "  Alice A.  ",
                                    .skills = std::vector<std::string>{"Go", " go ", "", "Rust"}}));
  EXPECT_EQ(p.display_name, "Alice A.");
  EXPECT_EQ(p.skills, (std::vector<std::string>{"Go", "Rust"}));
  EXPECT_EQ(p.version, 2u);
  EXPECT_EQ(CodeOf(c_.profiles.Update(alice, alice, {.title = "x", .expected_version = 1})),
            Code::kConflict);
}

TEST_F(Profiles, OnlyTheMemberOrAnAdminEdits) {
  const Id alice = Member("alice"), bob = Member("bob"), admin = Admin();
  EXPECT_EQ(CodeOf(c_.profiles.Update(bob, alice, {.title = "Hacked"})), Code::kForbidden);
  EXPECT_EQ(Must(c_.profiles.Update(admin, alice, {.title = "Fixed"})).title, "Fixed");
  EXPECT_EQ(Must(c_.profiles.Get(bob, alice)).title, "Fixed");
  EXPECT_EQ(Must(c_.profiles.GetByHandle(bob, "ALICE")).id, alice);
  const Id remote = Remote("rita");
  EXPECT_EQ(Must(c_.profiles.GetByHandle(bob, "rita@partner.example")).id, remote);
  EXPECT_EQ(CodeOf(c_.profiles.Get(remote, alice)), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.profiles.Get(Id{}, alice)), Code::kUnauthorized);
  auto cards = Must(c_.profiles.Cards(std::vector<Id>{alice, Id{777}, bob}));
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[1].username, "bob");
}

TEST_F(Profiles, AvatarsMustBeImages) {
  const Id alice = Member("alice");
  EXPECT_EQ(CodeOf(c_.profiles.SetAvatar(alice, "<svg onload=alert(1)>")), Code::kInvalid);
  const std::string gif(
      "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01"
      "\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
      43);
  auto p = Must(c_.profiles.SetAvatar(alice, gif));
  EXPECT_EQ(p.avatar.size(), 64u);
  EXPECT_TRUE(blobs_->Exists(p.avatar));
  EXPECT_EQ(Must(c_.profiles.SetAvatar(alice, "")).avatar, "");
  const std::string huge(3u << 20, '\0');
  EXPECT_EQ(CodeOf(c_.profiles.SetAvatar(alice, huge)), Code::kTooLarge);
}

}  // namespace
}  // namespace guildhall::community
