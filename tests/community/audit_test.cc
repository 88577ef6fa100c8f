// The audit log: filters, paging and JSON Lines export (node/community/audit.cc, jsonl.cc).
#include <gtest/gtest.h>

#include "node/community/jsonl.h"
#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using testing::CodeOf;
using testing::Must;

class AuditLog : public testing::CommunityFixture {
 protected:
  AuditLog() {
    admin_ = Admin();
    bob_ = Member("bob");
    carol_ = Member("carol");
    group_ = Group(bob_, "g1");
  }
  Id admin_, bob_, carol_, group_;
};

TEST_F(AuditLog, FiltersByActionActorAndTime) {
  Must(c_.accounts.Suspend(admin_, carol_, "one"));
  Advance(std::chrono::seconds(10));
  const int64_t later = Now();
  Must(c_.accounts.Unsuspend(admin_, carol_, "two"));
  Must(c_.accounts.SetRole(admin_, bob_, storage::NodeRole::kModerator));
  auto all = Must(c_.audit.List(admin_, {}, {})).items;
  // Newest first: role, unsuspend, suspend, group.create, member.create x3.
  ASSERT_GE(all.size(), 4u);
  EXPECT_EQ(all[0].action, "member.role");
  EXPECT_EQ(all[1].action, "member.unsuspend");
  auto by_action = Must(c_.audit.List(admin_, {.action = "member.suspend"}, {})).items;
  ASSERT_EQ(by_action.size(), 1u);
  EXPECT_EQ(by_action[0].reason, "one");
  auto by_actor = Must(c_.audit.List(admin_, {.actor = bob_}, {})).items;
  ASSERT_EQ(by_actor.size(), 1u);
  EXPECT_EQ(by_actor[0].action, "group.create");
  auto since = Must(c_.audit.List(admin_, {.since = later}, {})).items;
  ASSERT_EQ(since.size(), 2u);
  auto paged = Must(c_.audit.List(admin_, {}, {.limit = 2}));
  EXPECT_EQ(paged.items.size(), 2u);
  EXPECT_FALSE(paged.next_cursor.empty());
  EXPECT_EQ(CodeOf(c_.audit.List(carol_, {}, {})), Code::kForbidden);
  // A group's owner sees their group's entries only.
  EXPECT_TRUE(c_.audit.List(bob_, {.group = group_}, {}));
  EXPECT_EQ(CodeOf(c_.audit.List(bob_, {}, {})), Code::kForbidden);
}

TEST_F(AuditLog, ExportsJsonLinesOldestFirst) {
  Must(c_.accounts.Suspend(admin_, carol_, "said \"hi\"\nthen left"));
  const std::string out = Must(c_.audit.ExportJsonl(admin_, {.action = "member.suspend"}));
  const std::string expected_prefix = "{\"id\":\"";
  ASSERT_EQ(out.rfind(expected_prefix, 0), 0u);
  EXPECT_NE(out.find("\"action\":\"member.suspend\""), std::string::npos);
  EXPECT_NE(out.find("\"reason\":\"said \\\"hi\\\"\\nthen left\""), std::string::npos);
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  const std::string everything = Must(c_.audit.ExportJsonl(admin_, {}));
  EXPECT_LT(everything.find("member.create"), everything.find("member.suspend"));
  EXPECT_EQ(CodeOf(c_.audit.ExportJsonl(bob_, {})), Code::kForbidden);
}

TEST(Jsonl, EscapesEverythingJsonNeeds) {
  std::string out;
  AppendJsonString(out, std::string("q\"b\\s/\x01\t\x7f\xff"
                                    "é",
                                    12));
  EXPECT_EQ(out, "\"q\\\"b\\\\s/\\u0001\\t\\u007f\xEF\xBF\xBD\xC3\xA9\"");
  EXPECT_EQ(JsonObject().Str("a", "b").Int("n", -3).UInt("u", 7).Take(),
            "{\"a\":\"b\",\"n\":-3,\"u\":7}");
}

}  // namespace
}  // namespace guildhall::community
