// Relevance over a generated corpus with known answers: a few hundred filler
// threads and replies made of a fixed vocabulary, plus needles whose words the
// filler never uses, so every query below has exactly one right answer set.
// Covers words, stemming, phrases, prefixes, the field filters, the recency
// boost, snippets (escaped, matches marked) and paging.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "node/search/query.h"
#include "tests/search/fixture.h"

namespace guildhall::search {
namespace {

using community::testing::CodeOf;
using community::testing::Must;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

constexpr const char* kVocabulary[] = {"meeting", "budget",  "quarter", "office",  "printer",
                                       "coffee",  "laptop",  "badge",   "parking", "lunch",
                                       "holiday", "payroll", "travel",  "desk",    "monitor"};

std::string Day(int64_t unix_ms) {
  const auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(unix_ms)));
  const std::chrono::year_month_day ymd(day);
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

class RelevanceTest : public testing::SearchFixture {
 protected:
  void SetUp() override {
    alice_ = Member("alice");
    bob_ = Member("bob");
    garden_ = Group(alice_, "garden", storage::GroupScope::kInternal);
    kitchen_ = Group(alice_, "kitchen", storage::GroupScope::kInternal);
    AddMember(alice_, garden_, bob_);
    AddMember(alice_, kitchen_, bob_);
    // Filler: 300 threads of 12 vocabulary words each (a linear congruential
    // sequence, so the corpus is the same on every run), a reply every tenth.
    uint32_t x = 12345;
    for (int i = 0; i < 300; ++i) {
      std::string body;
      for (int w = 0; w < 12; ++w) {
        x = x * 1103515245 + 12345;
        body += std::string(kVocabulary[(x >> 16) % std::size(kVocabulary)]) + " ";
      }
      const Id t = NewThread(i % 2 ? alice_ : bob_, i % 3 ? garden_ : kitchen_,
                             "Note " + std::to_string(i), body);
      if (i % 10 == 0) Must(c_.replies.Create(alice_, t, {Id{}, body, ""}));
    }
    Advance(std::chrono::hours(24 * 40));
    compost_ = NewThread(bob_, garden_, "Composting in winter",
                         "How do you keep the heap warm when the ground freezes?");
    tomato_ = NewThread(alice_, garden_, "Seedlings", "A red tomato ripens on the sill.");
    swapped_ = NewThread(alice_, kitchen_, "Sauce", "The tomato was red and ripe.");
    gardens_ = NewThread(bob_, kitchen_, "Rooftop gardens", "Herbs on the roof of the canteen.");
  }

  Id alice_, bob_, garden_, kitchen_, compost_, tomato_, swapped_, gardens_;
};

TEST_F(RelevanceTest, AWordFindsExactlyTheThreadsThatHaveIt) {
  EXPECT_THAT(Ids(alice_, "freezes"), ElementsAre(compost_));
  EXPECT_THAT(Ids(alice_, "nonexistentword"), IsEmpty());
}

TEST_F(RelevanceTest, StemmingMatchesOtherFormsOfAWord) {
  // "composted" and "composting" share the English stem "compost".
  EXPECT_THAT(Ids(alice_, "composted"), ElementsAre(compost_));
  // (The group "garden" matches too; kind: keeps to threads.)
  EXPECT_THAT(Ids(alice_, "gardening", {.kind = DocKind::kThread}), ElementsAre(gardens_));
}

TEST_F(RelevanceTest, APhraseMatchesOnlyTheWordsInThatOrder) {
  EXPECT_THAT(Ids(alice_, "\"red tomato\""), ElementsAre(tomato_));
  EXPECT_THAT(Ids(alice_, "red tomato"), UnorderedElementsAre(tomato_, swapped_));
}

TEST_F(RelevanceTest, APrefixMatchesEveryWordThatStartsWithIt) {
  EXPECT_THAT(Ids(alice_, "seedl*"), ElementsAre(tomato_));
  EXPECT_THAT(Ids(alice_, "ro*", {.kind = DocKind::kThread}), ElementsAre(gardens_));
}

TEST_F(RelevanceTest, FieldFiltersNarrowWithoutChangingWhatMatches) {
  EXPECT_THAT(Ids(alice_, "tomato group:kitchen"), ElementsAre(swapped_));
  EXPECT_THAT(Ids(alice_, "tomato", {.group = "garden"}), ElementsAre(tomato_));
  EXPECT_THAT(Ids(alice_, "tomato author:alice"), UnorderedElementsAre(tomato_, swapped_));
  EXPECT_THAT(Ids(alice_, "tomato author:bob"), IsEmpty());
  // Filler replies repeat their thread's words; kind: tells them apart.
  const auto replies = Find(alice_, "kind:reply");
  EXPECT_EQ(replies.total, 30u);
  for (const auto& hit : replies.hits) EXPECT_EQ(hit.ref.kind, DocKind::kReply);
  const auto groups = Find(alice_, "kind:group");
  EXPECT_EQ(groups.total, 2u);
}

TEST_F(RelevanceTest, DatesBoundWhatIsFound) {
  const std::string today = Day(Now());
  EXPECT_THAT(Ids(alice_, "tomato before:" + today), IsEmpty());
  EXPECT_THAT(Ids(alice_, "tomato after:" + today), UnorderedElementsAre(tomato_, swapped_));
  // Only the 300 filler threads (and their replies) are older than today.
  EXPECT_EQ(Find(alice_, "kind:thread before:" + today).total, 300u);
  EXPECT_EQ(CodeOf(Search(store_.store(), *index_).Run(alice_, {.q = "after:yesterday"})),
            Code::kInvalid);
}

TEST_F(RelevanceTest, NewerRanksFirstAmongEquallyRelevantHits) {
  const Id old_one = NewThread(bob_, garden_, "Greenhouse", "Greenhouse vents");
  Advance(std::chrono::hours(24 * 400));
  const Id new_one = NewThread(bob_, garden_, "Greenhouse", "Greenhouse vents");
  EXPECT_THAT(Ids(alice_, "greenhouse"), ElementsAre(new_one, old_one));
}

TEST_F(RelevanceTest, SnippetsAreEscapedAndMarkTheMatches) {
  NewThread(bob_, garden_, "Markup", "Never run <script>alert(1)</script> beside the trellis.");
  const auto found = Find(alice_, "trellis");
  ASSERT_EQ(found.hits.size(), 1u);
  const std::string& snippet = found.hits[0].snippet_html;
  EXPECT_NE(snippet.find("<mark>trellis</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<script>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
}

TEST_F(RelevanceTest, PagesFollowTheCursorWithoutRepeats) {
  std::vector<Id> seen;
  SearchRequest request{.kind = DocKind::kThread, .limit = 40};
  for (int pages = 0; pages < 20; ++pages) {
    const auto page = Find(alice_, "meeting", request);
    for (const auto& hit : page.hits) seen.push_back(hit.ref.id);
    if (!page.next_offset) break;
    request.offset = *page.next_offset;
  }
  const size_t total = Find(alice_, "meeting", {.kind = DocKind::kThread}).total;
  EXPECT_GT(total, 40u);
  EXPECT_EQ(seen.size(), total);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
}

TEST_F(RelevanceTest, MalformedOrOversizedQueriesAreRefusedClearly) {
  Search search(store_.store(), *index_);
  EXPECT_EQ(CodeOf(search.Run(alice_, {.q = std::string(kMaxQueryBytes + 1, 'a')})),
            Code::kInvalid);
  EXPECT_EQ(CodeOf(search.Run(alice_, {.q = "x", .limit = kMaxPageSize + 1})), Code::kInvalid);
}

}  // namespace
}  // namespace guildhall::search
