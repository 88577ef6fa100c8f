// Member directory search (node/community/directory.cc) over the token index
// kept by the member codec (storage/model/records/text_tokens.cc).
#include <gtest/gtest.h>

#include "storage/model/records/text_tokens.h"
#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using testing::CodeOf;
using testing::Must;

class Directory : public testing::CommunityFixture {
 protected:
  Directory() {
    ana_ = Person("ana", "Ana Müller", "Staff Engineer", "Platform", "Berlin",
                  {"Rust", "C++", "Distributed systems"}, {"climbing"});
    ben_ = Person("ben", "Ben Okafor", "Designer", "Design Systems", "Lagos", {"Figma", "CSS"},
                  {"jazz", "climbing"});
    cleo_ = Person("cleo", "Cléo Martin", "Engineering Manager", "Platform", "Paris",
                   {"Go", "Hiring"}, {"cooking"});
  }
  Id Person(const std::string& username, const std::string& name, const std::string& title,
            const std::string& team, const std::string& location, std::vector<std::string> skills,
            std::vector<std::string> interests) {
    const Id id = Member(username);
    Must(c_.profiles.Update(id, id,
                            {.display_name = name,
                             .title = title,
                             .team = team,
                             .location = location,
                             .skills = skills,
                             .interests = interests}));
    return id;
  }
  std::vector<std::string> Find(const DirectoryQuery& q) {
    std::vector<std::string> out;
    for (const auto& p : Must(c_.directory.Search(ana_, q, {})).items) out.push_back(p.username);
    return out;
  }
  using Names = std::vector<std::string>;
  Id ana_, ben_, cleo_;
};

TEST_F(Directory, SearchesEachField) {
  EXPECT_EQ(Find({.name = "an"}), (Names{"ana"}));      // username prefix
  EXPECT_EQ(Find({.name = "okaf"}), (Names{"ben"}));    // display name prefix
  EXPECT_EQ(Find({.name = "muller"}), (Names{"ana"}));  // folded: Müller
  EXPECT_EQ(Find({.name = "CLEO"}), (Names{"cleo"}));   // case and accents folded
  EXPECT_EQ(Find({.skill = "c++"}), (Names{"ana"}));
  EXPECT_EQ(Find({.skill = "distributed sys"}), (Names{"ana"}));
  EXPECT_EQ(Find({.team = "platform"}), (Names{"ana", "cleo"}));
  EXPECT_EQ(Find({.location = "lagos"}), (Names{"ben"}));
  EXPECT_EQ(Find({.interest = "climb"}), (Names{"ana", "ben"}));
  EXPECT_EQ(Find({.q = "engineer"}), (Names{"ana", "cleo"}));  // title
  EXPECT_EQ(Find({.q = "systems"}), (Names{"ana", "ben"}));    // skill and team
  EXPECT_TRUE(Find({.skill = "cobol"}).empty());
}

TEST_F(Directory, CriteriaCombine) {
  EXPECT_EQ(Find({.team = "platform", .location = "paris"}), (Names{"cleo"}));
  EXPECT_EQ(Find({.interest = "climbing", .q = "design"}), (Names{"ben"}));
  EXPECT_TRUE(Find({.name = "ana", .location = "lagos"}).empty());
  EXPECT_EQ(Find({}), (Names{"ana", "ben", "cleo"}));
}

TEST_F(Directory, ProfileChangesAndSuspensionUpdateTheIndex) {
  Must(c_.profiles.Update(ben_, ben_, {.location = "Accra"}));
  EXPECT_TRUE(Find({.location = "lagos"}).empty());
  EXPECT_EQ(Find({.location = "accra"}), (Names{"ben"}));
  const Id admin = Admin();
  Must(c_.moderation.Suspend(admin, ben_, "left the company"));
  EXPECT_TRUE(Find({.location = "accra"}).empty());
  EXPECT_EQ(Find({.interest = "climbing"}), (Names{"ana"}));
}

TEST_F(Directory, PagesByMember) {
  for (int i = 0; i < 5; ++i) Member("extra" + std::to_string(i));
  auto p1 = Must(c_.directory.Search(ana_, {.name = "extra"}, {.limit = 3}));
  ASSERT_EQ(p1.items.size(), 3u);
  ASSERT_FALSE(p1.next_cursor.empty());
  auto p2 =
      Must(c_.directory.Search(ana_, {.name = "extra"}, {.cursor = p1.next_cursor, .limit = 3}));
  ASSERT_EQ(p2.items.size(), 2u);
  EXPECT_EQ(p2.items[1].username, "extra4");
  EXPECT_TRUE(p2.next_cursor.empty());
}

TEST_F(Directory, IsForLocalMembersOnly) {
  const Id remote = Remote("visitor");
  EXPECT_EQ(CodeOf(c_.directory.Search(remote, {.name = "ana"}, {})), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.directory.Search(Id{}, {.name = "ana"}, {})), Code::kUnauthorized);
  EXPECT_EQ(Find({.name = "visitor"}), Names{});
}

TEST(TextTokens, NormalizeAndSplit) {
  using V = std::vector<std::string>;
  EXPECT_EQ(storage::Tokenize("Ana Müller-Lüdenscheidt"), (V{"ana", "muller", "ludenscheidt"}));
  EXPECT_EQ(storage::Tokenize("C++, C#, F# and .NET"), (V{"c++", "c#", "f#", "and", "net"}));
  EXPECT_EQ(storage::Tokenize("Straße ÆON Łódź"), (V{"strasse", "aeon", "lodz"}));
  EXPECT_EQ(storage::Tokenize("日本語 テスト"), (V{"日本語", "テスト"}));
  EXPECT_EQ(storage::Tokenize("a+b"), (V{"a+", "b"}));
  EXPECT_EQ(storage::Tokenize("  --  "), V{});
  EXPECT_EQ(storage::Tokenize("dup Dup DUP"), (V{"dup"}));
  EXPECT_EQ(storage::Tokenize(std::string(100, 'z')).front().size(), storage::kMaxTokenBytes);
  EXPECT_EQ(storage::Tokenize("bad\xff"
                              "byte"),
            (V{"bad", "byte"}));
}

}  // namespace
}  // namespace guildhall::community
