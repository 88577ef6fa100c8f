// An XSS corpus in every field a member can edit, then every page that shows
// those fields is fetched and must hold no executable markup.
#include <gtest/gtest.h>

#include "tests/web/ui/ui_fixture.h"

namespace guildhall::web::testing {
namespace {

const char* const kPayloads[] = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[click](javascript:alert(1))",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>",
    "{{csrf}}<style>*{}</style>",
    "<math><mi xlink:href=\"data:x\">m",
};

class XssTest : public UiFixture, public ::testing::WithParamInterface<const char*> {};

TEST_P(XssTest, NoPageRunsUserInput) {
  Start();
  const std::string p = GetParam();
  Browser admin = SignIn("root", storage::NodeRole::kAdmin);
  Browser alice = SignIn("alice");
  Browser bob = SignIn("bob");
  ASSERT_TRUE(c_->profiles.Update(alice.id, alice.id,
                                  {.display_name = p,
                                   .bio = p + "\n\n" + p,
                                   .title = p,
                                   .team = p,
                                   .location = p,
                                   .skills = std::vector<std::string>{p, "x" + p},
                                   .interests = std::vector<std::string>{p}}));
  auto g = c_->groups.Create(alice.id, {.slug = "xss", .name = "G " + p, .description = p});
  ASSERT_TRUE(g) << g.error().message;
  const Id group = g->group.id;
  ASSERT_TRUE(c_->memberships.Join(bob.id, group));
  auto t = c_->threads.Create(alice.id, group, {.title = p, .body = p + " @bob"});
  ASSERT_TRUE(t);
  auto r = c_->replies.Create(bob.id, t->id, {.body = p});
  ASSERT_TRUE(r);
  ASSERT_TRUE(c_->replies.Create(alice.id, t->id, {.in_reply_to = r->id, .body = p}));
  const int64_t start = UnixMillis(clock_.Now()) + 3600000;
  auto e = c_->events.Create(alice.id, group,
                             {.title = p,
                              .description = p,
                              .start = start,
                              .end = start + 3600000,
                              .time_zone = "UTC",
                              .place = p});
  ASSERT_TRUE(e) << e.error().message;
  ASSERT_TRUE(c_->rsvps.Answer(alice.id, e->id, storage::RsvpAnswer::kGoing));
  ASSERT_TRUE(c_->library.AddLink(alice.id, group,
                                  {.title = p, .description = p, .url = "https://example.org/"}));
  ASSERT_TRUE(c_->library.AddFile(
      alice.id, group, {.title = p, .description = p, .file_name = p, .bytes = "hello"}));
  ASSERT_TRUE(c_->moderation.File(
      bob.id, {.kind = storage::ReportTarget::kThread, .target = t->id, .reason = p}));
  ASSERT_TRUE(c_->moderation.File(
      bob.id, {.kind = storage::ReportTarget::kMember, .target = alice.id, .reason = p}));
  ASSERT_TRUE(c_->moderation.RemoveReply(alice.id, r->id, p));
  Browser carol = SignIn("carol");
  ASSERT_TRUE(c_->memberships.Join(carol.id, group));
  ASSERT_TRUE(c_->moderation.Ban(alice.id, group, carol.id, p));

  const std::string tid = t->id.ToString(), eid = e->id.ToString(), rid = r->id.ToString();
  const std::vector<std::pair<std::string, const Browser*>> pages = {
      {"/", &alice},
      {"/groups", &bob},
      {"/g/xss", &bob},
      {"/g/xss/members", &bob},
      {"/g/xss/events", &bob},
      {"/g/xss/library", &bob},
      {"/g/xss/moderation", &alice},
      {"/g/xss/settings", &alice},
      {"/t/" + tid, &bob},
      {"/t/" + tid, &alice},
      {"/t/" + tid + "/edit", &alice},
      {"/e/" + eid, &bob},
      {"/e/" + eid + "/edit", &alice},
      {"/events", &bob},
      {"/members", &bob},
      {"/u/alice", &bob},
      {"/settings/profile", &alice},
      {"/notifications", &bob},
      {"/notifications", &alice},
      {"/moderation", &admin},
      {"/admin/audit", &admin},
      {"/admin/users?member=alice", &admin},
      {"/admin/users", &admin},
      {"/report?kind=thread&id=" + tid, &bob},
      {"/report?kind=member&id=" + alice.id.ToString(), &bob}};
  for (const auto& [path, who] : pages) {
    auto res = Get(path, *who);
    EXPECT_EQ(res.status, 200u) << path;
    EXPECT_EQ(ExecutableMarkup(res.body), "") << path << " with payload " << p;
  }
  // And a form re-rendered with the payload after a validation error.
  auto res = Post("/g/xss/threads", bob, {{"title", ""}, {"body", p}});
  EXPECT_EQ(res.status, 400u);
  EXPECT_EQ(ExecutableMarkup(res.body), "");
}

INSTANTIATE_TEST_SUITE_P(Corpus, XssTest, ::testing::ValuesIn(kPayloads));

TEST(ExecutableMarkup, CatchesWhatItLooksFor) {
  EXPECT_NE(ExecutableMarkup("<p><script>x</script></p>"), "");
  EXPECT_NE(ExecutableMarkup("<img src=x onerror=alert(1)>"), "");
  EXPECT_NE(ExecutableMarkup("<a href=\"javascript:alert(1)\">"), "");
  EXPECT_NE(ExecutableMarkup("<svg>"), "");
  EXPECT_EQ(ExecutableMarkup("<p>&lt;script&gt; onerror=1</p>"), "");
}

}  // namespace
}  // namespace guildhall::web::testing
