// The search leak test: what a member may not see never reaches them through
// search - not as a hit, not in the total, not in a facet, not in a snippet.
// Content of an internal invite-only group, removed posts, and a followed
// external group that shares with its followers only; and a member who
// leaves or is banned from a group stops finding its content at once,
// before the index hears of it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/model/records/membership.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"
#include "tests/search/fixture.h"

namespace guildhall::search {
namespace {

using community::testing::Must;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class LeakTest : public testing::SearchFixture {
 protected:
  void SetUp() override {
    alice_ = Member("alice");
    bob_ = Member("bob");
    carol_ = Member("carol");
    board_ = Group(alice_, "board", storage::GroupScope::kInternal, storage::JoinMode::kInvite);
    AddMember(alice_, board_, bob_);
    lobby_ = Group(alice_, "lobby", storage::GroupScope::kInternal, storage::JoinMode::kOpen);
    AddMember(alice_, lobby_, carol_);
    secret_ = NewThread(alice_, board_, "Merger plans", "The merger with Initech closes in May.");
    Must(c_.replies.Create(bob_, secret_, {Id{}, "Merger terms look fair to me.", ""}));
    open_ = NewThread(carol_, lobby_, "Merger rumours", "Heard anything about a merger?");
  }

  // Every way a search result could carry `slug` or the word `word`.
  static void ExpectNoTrace(const SearchResults& r, const std::string& slug,
                            const std::string& word) {
    for (const auto& hit : r.hits) {
      EXPECT_NE(hit.group_slug, slug);
      EXPECT_EQ(hit.snippet_html.find(word), std::string::npos) << hit.snippet_html;
      EXPECT_EQ(hit.title.find(word), std::string::npos) << hit.title;
    }
    for (const auto& facet : r.groups) EXPECT_NE(facet.value, slug);
  }

  Id alice_, bob_, carol_, board_, lobby_, secret_, open_;
};

TEST_F(LeakTest, AnInviteOnlyGroupsContentIsFoundByItsMembersOnly) {
  const auto member = Find(bob_, "merger");
  EXPECT_EQ(member.total, 3u);  // the board's thread and reply, the lobby's thread

  const auto outsider = Find(carol_, "merger");
  EXPECT_EQ(outsider.total, 1u);
  ASSERT_EQ(outsider.hits.size(), 1u);
  EXPECT_EQ(outsider.hits[0].ref.id, open_);
  ExpectNoTrace(outsider, "board", "Initech");
  EXPECT_EQ(outsider.kinds.size(), 1u);
  EXPECT_EQ(outsider.kinds[0].count, 1u);
  // Nor the group itself, nor anything by asking for it by name.
  EXPECT_THAT(Ids(carol_, "group:board"), IsEmpty());
  EXPECT_THAT(Ids(carol_, "initech"), IsEmpty());
  EXPECT_EQ(Find(carol_, "", {.group = "board"}).total, 0u);
  // Anonymous visitors see no internal content at all.
  EXPECT_EQ(Find(Id{}, "merger").total, 0u);
}

TEST_F(LeakTest, RemovedPostsAreFoundByNobody) {
  const Id spreadsheet = NewThread(bob_, board_, "Salary spreadsheet", "Everyone's salary.");
  const Id reply = Must(c_.replies.Create(bob_, secret_, {Id{}, "Salary bands attached.", ""})).id;
  EXPECT_EQ(Find(alice_, "salary").total, 2u);
  Must(c_.moderation.RemoveThread(alice_, spreadsheet, "private data"));
  Must(c_.replies.Delete(bob_, reply));
  for (Id viewer : {alice_, bob_, carol_}) {
    const auto r = Find(viewer, "salary");
    EXPECT_EQ(r.total, 0u);
    EXPECT_THAT(r.hits, IsEmpty());
    EXPECT_THAT(r.groups, IsEmpty());
  }
  // The index dropped them too, not just the filter.
  EXPECT_TRUE(Must(index_->Drift()).ok());
}

TEST_F(LeakTest, AMemberWhoLeavesOrIsBannedStopsFindingTheGroupAtOnce) {
  EXPECT_EQ(Find(bob_, "initech").total, 1u);
  Must(c_.memberships.Leave(bob_, board_));
  // No CatchUp: the index has not heard of the change; the check at query
  // time has.
  Search search(store_.store(), *index_);
  EXPECT_EQ(Must(search.Run(bob_, {.q = "initech"})).total, 0u);

  AddMember(alice_, lobby_, bob_);
  EXPECT_EQ(Find(bob_, "rumours").total, 1u);
  Must(c_.moderation.Ban(alice_, lobby_, bob_, "spam"));
  EXPECT_EQ(Must(search.Run(bob_, {.q = "rumours"})).total, 0u);
}

// A followed external group that approves its followers (a Lemmy private
// community; federation/follows/mirror.h): written here as federation's
// follow path writes it (follows.cc UpsertGroup, mirror.cc ActivateExternal).
TEST_F(LeakTest, AFollowedExternalGroupIsFoundByItsFollowersOnly) {
  const Id author = Remote("erin");
  storage::Group mirror{.id = ids_.Next(),
                        .slug = "allotments@lemmy.example",
                        .name = "Allotments",
                        .kind = storage::GroupKind::kInterest,
                        .scope = storage::GroupScope::kPartners,
                        .join_mode = storage::JoinMode::kApproval,
                        .created_by = bob_,
                        .created = Now(),
                        .ap_id = "https://lemmy.example/c/allotments"};
  const Id thread = ids_.Next();
  Must(store_.store().Write([&](storage::WriteTxn& tx) -> Result<> {
    GH_CHECK(storage::Table<storage::GroupCodec>::Insert(tx, mirror));
    for (Id m : {bob_, author}) {
      GH_CHECK(storage::Table<storage::MembershipCodec>::Insert(
          tx, {.group = mirror.id, .member = m, .since = Now()}));
    }
    return storage::Table<storage::ThreadCodec>::Insert(tx,
                                                        {.id = thread,
                                                         .group = mirror.id,
                                                         .author = author,
                                                         .title = "Plot waiting list",
                                                         .body = "The rhubarb plot is free again.",
                                                         .created = Now(),
                                                         .last_activity = Now(),
                                                         .ap_id = "https://lemmy.example/post/7"});
  }));
  Must(index_->Rebuild());  // direct writes log no events

  EXPECT_THAT(Ids(bob_, "rhubarb"), ElementsAre(thread));
  const auto outsider = Find(carol_, "rhubarb");
  EXPECT_EQ(outsider.total, 0u);
  ExpectNoTrace(Find(carol_, "plot"), mirror.slug, "rhubarb");
  EXPECT_EQ(Find(Id{}, "rhubarb").total, 0u);
}

}  // namespace
}  // namespace guildhall::search
