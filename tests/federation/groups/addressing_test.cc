// The addressing rule of federation/groups/addressing.h over real-shaped
// payloads (tests/fixtures/ap): which posts a public group, a partners group
// and the mirror of a remote group may publish. Sources of the shapes:
//  - mastodon/create_note.json: a public reply (to Public).
//  - mastodon/create_note_unlisted.json: "unlisted" (cc Public) — mastodon
//    spec/lib/activitypub/activity/create_spec.rb 'when unlisted with
//    explicit public address'.
//  - mastodon/create_note_followers.json: "followers only" (to the author's
//    followers, cc the mentioned group) — create_spec.rb 'when private'.
//  - mastodon/create_note_direct.json: "mentioned people only" mentioning the
//    group (to the group alone) — create_spec.rb 'when direct'.
//  - mastodon/create_note_direct_audience.json: direct to a person, with
//    FEP-1b12 `audience` the group (the shape of issue 9's report).
//  - lemmy/create_page.json: a post to a public community (to the community
//    and Public) — LemmyNet/lemmy crates/apub/objects/src/utils/functions.rs
//    generate_to, public branch.
//  - lemmy/create_page_private_community.json: a post to a private community
//    (to the community and its followers) — generate_to, other branch.
#include "federation/groups/addressing.h"

#include <gtest/gtest.h>

#include "federation/protocol/as2_reader.h"
#include "tests/federation/fixtures.h"

namespace guildhall::federation::testing {
namespace {

const GroupAudience kPublicNews{"https://guild.example/g/news",
                                "https://guild.example/g/news/followers", true};
const GroupAudience kPartnersNews{"https://guild.example/g/news",
                                  "https://guild.example/g/news/followers", false};

as::Activity Fixture(const std::string& name) {
  auto a = as::ReadActivity(ReadFixture("ap/" + name));
  EXPECT_TRUE(a) << name << ": " << (a ? "" : a.error().message);
  EXPECT_TRUE(a && a->object) << name << " carries no object";
  return a ? *a : as::Activity{};
}

TEST(GroupAddressing, PublicGroupTakesPublicAndUnlistedPosts) {
  EXPECT_EQ(AddressingRefusal(kPublicNews, Fixture("mastodon/create_note.json")), "");
  EXPECT_EQ(AddressingRefusal(kPublicNews, Fixture("mastodon/create_note_unlisted.json")), "");
  EXPECT_EQ(AddressingRefusal(kPublicNews, Fixture("lemmy/create_page.json")), "");
}

TEST(GroupAddressing, PublicGroupRefusesEverythingNarrowerThanPublic) {
  for (const char* name :
       {"mastodon/create_note_direct.json", "mastodon/create_note_direct_audience.json",
        "mastodon/create_note_followers.json", "lemmy/create_page_private_community.json"}) {
    const as::Activity a = Fixture(name);
    const std::string why = AddressingRefusal(kPublicNews, a);
    EXPECT_NE(why.find("is not addressed to Public"), std::string::npos) << name << ": " << why;
    EXPECT_NE(why.find(a.object->id), std::string::npos) << "names the object: " << why;
    EXPECT_NE(why.find(kPublicNews.id), std::string::npos) << "names the group: " << why;
  }
}

TEST(GroupAddressing, PartnersGroupTakesWhatIsAddressedToItItsFollowersOrPublic) {
  EXPECT_EQ(AddressingRefusal(kPartnersNews, Fixture("lemmy/create_page_private_community.json")),
            "");
  EXPECT_EQ(AddressingRefusal(kPartnersNews, Fixture("mastodon/create_note_direct.json")), "");
  EXPECT_EQ(AddressingRefusal(kPartnersNews, Fixture("lemmy/create_page.json")), "");
  EXPECT_EQ(AddressingRefusal(kPartnersNews, Fixture("mastodon/create_note_followers.json")), "");
}

TEST(GroupAddressing, PartnersGroupRefusesAPersonAddressedPostWhateverItsAudience) {
  const std::string why =
      AddressingRefusal(kPartnersNews, Fixture("mastodon/create_note_direct_audience.json"));
  EXPECT_NE(why.find("is addressed to neither the group"), std::string::npos) << why;
}

TEST(GroupAddressing, TheObjectsAddressingDecidesNotTheActivitys) {
  as::Activity a = Fixture("lemmy/create_page.json");
  auto narrow = std::make_shared<as::Object>(*a.object);
  narrow->to = {"https://guild.example/g/news"};  // the Create still says Public
  a.object = narrow;
  EXPECT_NE(AddressingRefusal(kPublicNews, a), "");
}

TEST(GroupAddressing, AnObjectWithoutAddressingIsJudgedByItsActivity) {
  as::Activity a = Fixture("mastodon/create_note_direct.json");
  auto bare = std::make_shared<as::Object>(*a.object);
  bare->to.clear();
  bare->cc.clear();
  a.object = bare;
  EXPECT_NE(AddressingRefusal(kPublicNews, a), "");  // the Create is to the group only
  a.to = {std::string(as::kPublic)};
  EXPECT_EQ(AddressingRefusal(kPublicNews, a), "");
  a.to.clear();
  EXPECT_NE(AddressingRefusal(kPartnersNews, a), "");  // no addressing at all: refused
}

TEST(GroupAddressing, AudienceAloneNeverCounts) {
  as::Activity a = Fixture("mastodon/create_note_direct_audience.json");
  ASSERT_EQ(a.object->audience, kPartnersNews.id);
  EXPECT_NE(AddressingRefusal(kPartnersNews, a), "");
  EXPECT_NE(AddressingRefusal(kPublicNews, a), "");
}

TEST(GroupAddressing, AMirrorWithoutAKnownFollowersCollectionTakesTheGroupOrPublic) {
  const GroupAudience mirror{"https://guild.example/g/news", "", false};
  EXPECT_EQ(AddressingRefusal(mirror, Fixture("mastodon/create_note_direct.json")), "");
  EXPECT_NE(AddressingRefusal(mirror, Fixture("mastodon/create_note_direct_audience.json")), "");
}

}  // namespace
}  // namespace guildhall::federation::testing
