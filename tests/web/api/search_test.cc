// GET /api/v1/search over a real server, store and Xapian index: results,
// total and facets for what the caller may see, filters, the cursor, and
// clear 400s for bad parameters (spec/API.md "Search").
#include "node/search/search.h"

#include <gtest/gtest.h>

#include "node/community/event_feed.h"
#include "tests/web/api/api_fixture.h"

namespace guildhall::web::testing {
namespace {

class ApiSearch : public ApiFixture {
 protected:
  void SetUp() override {
    auto index = search::SearchIndex::Open(index_dir_.path(), store_.store());
    ASSERT_TRUE(index) << index.error().message;
    index_ = std::move(*index);
    search_service_ = std::make_unique<search::Search>(store_.store(), *index_);
    search_ = search_service_.get();
    feed_ = std::make_unique<community::EventFeed>(store_.store(), c_->event_signal, clock_);
    feed_->Add(*index_);
    alice_ = UserToken("alice");
    bob_ = UserToken("bob");
    Start();
    MakeGroup(alice_, "team");
    MakeGroup(alice_, "board", "internal", "invite");
    ASSERT_EQ(Post("/api/v1/groups/team/join", bob_).status, 200u);
    Thread("team", "Quarterly planning", "Planning the roadmap for the quarter");
    Thread("team", "Offsite", "Planning the offsite in <Lisbon>");
    Thread("board", "Budget", "Planning the budget cuts");
  }
  void Thread(std::string_view group, std::string_view title, std::string_view body) {
    auto r =
        Post("/api/v1/groups/" + std::string(group) + "/threads", alice_,
             R"({"title":")" + std::string(title) + R"(","body":")" + std::string(body) + R"("})");
    ASSERT_EQ(r.status, 201u) << r.body;
  }
  ApiReply Search(std::string_view query, std::string_view token) {
    auto caught_up = feed_->CatchUp();  // the node's feed thread, run here
    EXPECT_TRUE(caught_up) << caught_up.error().message;
    return Get("/api/v1/search?" + std::string(query), token);
  }

  testutil::TempDir index_dir_{"guildhall-api-search"};
  std::unique_ptr<search::SearchIndex> index_;
  std::unique_ptr<search::Search> search_service_;
  std::unique_ptr<community::EventFeed> feed_;
  std::string alice_, bob_;
};

TEST_F(ApiSearch, FindsWhatTheCallerMaySeeWithFacets) {
  auto r = Search("q=planning", bob_);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.Int("total"), 2);
  EXPECT_EQ(r.Count("items"), 2u);
  EXPECT_EQ(r.Str("items.0.type"), "thread");
  EXPECT_EQ(r.Str("items.0.group"), "team");
  EXPECT_EQ(r.Str("items.0.author"), "alice");
  EXPECT_EQ(r.Str("groups.0.value"), "team");
  EXPECT_EQ(r.Int("groups.0.count"), 2);
  EXPECT_EQ(r.Count("groups"), 1u);  // not "board": bob is no member
  EXPECT_EQ(r.body.find("budget"), std::string::npos) << r.body;

  auto owner = Search("q=planning", alice_);
  EXPECT_EQ(owner.Int("total"), 3);
  EXPECT_EQ(owner.Count("groups"), 2u);
}

TEST_F(ApiSearch, SnippetsAreEscapedHtml) {
  auto r = Search("q=lisbon", bob_);
  ASSERT_EQ(r.status, 200u) << r.body;
  ASSERT_EQ(r.Count("items"), 1u);
  const std::string snippet = r.Str("items.0.snippet_html");
  EXPECT_NE(snippet.find("&lt;<mark>Lisbon</mark>&gt;"), std::string::npos) << snippet;
}

TEST_F(ApiSearch, FiltersAndTheCursorPage) {
  EXPECT_EQ(Search("q=planning&type=group", alice_).Int("total"), 0);
  EXPECT_EQ(Search("q=planning&group=board", alice_).Int("total"), 1);
  EXPECT_EQ(Search("q=planning&group=board", bob_).Int("total"), 0);
  auto first = Search("q=planning&limit=1", bob_);
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(first.Count("items"), 1u);
  const std::string next = first.Str("next");
  ASSERT_FALSE(next.empty());
  auto second = Search("q=planning&limit=1&cursor=" + next, bob_);
  ASSERT_EQ(second.Count("items"), 1u);
  EXPECT_NE(second.Str("items.0.id"), first.Str("items.0.id"));
  ASSERT_NE(second.At("next"), nullptr);
  EXPECT_TRUE(second.At("next")->is_null());
}

TEST_F(ApiSearch, BadParametersAreClear400s) {
  auto type = Search("q=x&type=pdf", bob_);
  EXPECT_EQ(type.status, 400u);
  EXPECT_NE(type.Str("message").find("type"), std::string::npos) << type.body;
  EXPECT_EQ(Search("q=x&cursor=abc", bob_).status, 400u);
  EXPECT_EQ(Search("q=x&limit=0", bob_).status, 400u);
  EXPECT_EQ(Search("q=after%3Asoon", bob_).status, 400u);
  EXPECT_EQ(Search("q=x", "").status, 401u);
}

}  // namespace
}  // namespace guildhall::web::testing
