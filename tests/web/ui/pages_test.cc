// Every page renders for the viewer it is meant for, hidden groups are 404s
// that look exactly like missing ones, and forms change state only with a
// valid CSRF token.
#include <gtest/gtest.h>

#include "storage/model/records/group.h"
#include "storage/model/table.h"
#include "tests/web/ui/ui_fixture.h"

namespace guildhall::web::testing {
namespace {

using storage::GroupScope;
using storage::JoinMode;

class PagesTest : public UiFixture {
 protected:
  void SetUp() override {
    Start();
    admin_ = SignIn("root", storage::NodeRole::kAdmin);
    alice_ = SignIn("alice");
    bob_ = SignIn("bob");
    auto g = c_->groups.Create(
        alice_.id, {.slug = "design", .name = "Design practice", .description = "We **draw**."});
    ASSERT_TRUE(g);
    group_ = g->group.id;
    ASSERT_TRUE(c_->memberships.Join(bob_.id, group_));
    auto t = c_->threads.Create(alice_.id, group_, {.title = "Grids", .body = "Use _grids_."});
    ASSERT_TRUE(t);
    thread_ = t->id;
    auto r = c_->replies.Create(bob_.id, thread_, {.body = "Agreed"});
    ASSERT_TRUE(r);
    reply_ = r->id;
    ASSERT_TRUE(c_->replies.Create(alice_.id, thread_, {.in_reply_to = reply_, .body = "Thanks"}));
    const int64_t start = UnixMillis(clock_.Now()) + 86400000;
    auto e = c_->events.Create(alice_.id, group_,
                               {.title = "Crit night",
                                .start = start,
                                .end = start + 7200000,
                                .time_zone = "Europe/Berlin",
                                .place = "Room 4",
                                .capacity = 1});
    ASSERT_TRUE(e) << e.error().message;
    event_ = e->id;
    auto link =
        c_->library.AddLink(alice_.id, group_, {.title = "Guide", .url = "https://example.org/g"});
    ASSERT_TRUE(link);
  }

  Browser admin_, alice_, bob_;
  Id group_, thread_, reply_, event_;
};

TEST_F(PagesTest, EveryPageRendersForItsViewer) {
  const std::string t = thread_.ToString(), e = event_.ToString(), r = reply_.ToString();
  const std::vector<std::pair<std::string, const Browser*>> pages = {
      {"/", &alice_},
      {"/groups", &alice_},
      {"/groups/new", &alice_},
      {"/g/design", &alice_},
      {"/g/design/members", &bob_},
      {"/g/design/events", &bob_},
      {"/g/design/library", &bob_},
      {"/g/design/moderation", &alice_},
      {"/g/design/settings", &alice_},
      {"/g/design/threads/new", &bob_},
      {"/g/design/events/new", &bob_},
      {"/t/" + t, &bob_},
      {"/t/" + t + "/edit", &alice_},
      {"/r/" + r + "/edit", &bob_},
      {"/e/" + e, &bob_},
      {"/e/" + e + "/edit", &alice_},
      {"/events", &bob_},
      {"/members", &bob_},
      {"/members?skill=x", &bob_},
      {"/u/alice", &bob_},
      {"/settings/profile", &bob_},
      {"/settings/password", &bob_},
      {"/notifications", &alice_},
      {"/report?kind=thread&id=" + t, &bob_},
      {"/moderation", &admin_},
      {"/admin/users", &admin_},
      {"/admin/users?member=bob", &admin_},
      {"/admin/invites", &admin_},
      {"/admin/audit", &admin_},
      {"/login", nullptr}};
  for (const auto& [path, who] : pages) {
    auto res = Get(path, who ? *who : Anonymous());
    EXPECT_EQ(res.status, 200u) << path << "\n" << res.body.substr(0, 400);
    EXPECT_NE(res.Header("Content-Type").find("text/html"), std::string::npos) << path;
    EXPECT_EQ(ExecutableMarkup(res.body), "") << path;
    EXPECT_NE(res.body.find("<main id=\"main\""), std::string::npos) << path;
  }
}

TEST_F(PagesTest, GroupPageListsItsThreads) {
  auto res = Get("/g/design", bob_);
  ASSERT_EQ(res.status, 200u);
  EXPECT_NE(res.body.find(">Grids</a>"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("2 replies"), std::string::npos);
  EXPECT_NE(res.body.find("<strong>draw</strong>"), std::string::npos);
}

TEST_F(PagesTest, ThreadShowsNestedRepliesAndMarkdown) {
  auto res = Get("/t/" + thread_.ToString(), bob_);
  ASSERT_EQ(res.status, 200u);
  EXPECT_NE(res.body.find("<em>grids</em>"), std::string::npos);
  EXPECT_NE(res.body.find("reply depth-0"), std::string::npos);
  EXPECT_NE(res.body.find("reply depth-1"), std::string::npos);
}

// Issue 9 item 7: someone from another node is shown with their display
// name and "@name@host", never under a bare name that looks local; a group
// on another node shows its handle and the kind its home node gives it.
TEST_F(PagesTest, RemoteAuthorsAndGroupsShowTheirHandle) {
  auto carol = c_->accounts.UpsertRemote({.actor_uri = "https://beta.example/u/carol",
                                          .username = "carol",
                                          .domain = "beta.example",
                                          .display_name = "Carol C."});
  ASSERT_TRUE(carol) << carol.error().message;
  // Internal groups have no members from other nodes: a public one.
  auto plaza = c_->groups.Create(admin_.id,
                                 {.slug = "plaza", .name = "Plaza", .scope = GroupScope::kPublic});
  ASSERT_TRUE(plaza) << plaza.error().message;
  ASSERT_TRUE(c_->memberships.Join(carol->id, plaza->group.id));
  auto thread = c_->threads.Create(admin_.id, plaza->group.id, {.title = "Hi", .body = "Hi"});
  ASSERT_TRUE(thread);
  ASSERT_TRUE(c_->replies.Create(carol->id, thread->id, {.body = "From afar"}));
  auto res = Get("/t/" + thread->id.ToString(), admin_);
  ASSERT_EQ(res.status, 200u);
  EXPECT_NE(res.body.find("<span class=\"person-name\">Carol C.</span> <span "
                          "class=\"person-handle\">@carol@beta.example</span>"),
            std::string::npos)
      << res.body;
  // Local members keep their plain name.
  EXPECT_EQ(res.body.find("@root"), std::string::npos);

  storage::Group mirror;
  mirror.id = ids_.Next();
  mirror.slug = "club@beta.example";
  mirror.name = "Beta club";
  mirror.kind = storage::GroupKind::kProject;
  mirror.scope = GroupScope::kPartners;
  mirror.created_by = bob_.id;
  mirror.ap_id = "https://beta.example/g/club";
  ASSERT_TRUE(store_.store().Write(
      [&](storage::WriteTxn& tx) { return storage::Table<storage::GroupCodec>::Put(tx, mirror); }));
  auto page = Get("/g/club@beta.example", bob_);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_NE(page.body.find("<p class=\"group-handle\">@club@beta.example · on another node</p>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find(">Project</span>"), std::string::npos) << page.body;
}

TEST_F(PagesTest, EventShowsTimeInItsZoneAndServesICalendar) {
  auto res = Get("/e/" + event_.ToString(), bob_);
  ASSERT_EQ(res.status, 200u);
  // 2025-03-02 12:00 UTC is 13:00 in Berlin (CET).
  EXPECT_NE(res.body.find("Sun 2 Mar 2025, 13:00"), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("CET (Europe/Berlin)"), std::string::npos);
  auto ics = Get("/e/" + event_.ToString() + ".ics", bob_);
  EXPECT_EQ(ics.status, 200u);
  EXPECT_EQ(ics.Header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics.Header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(ics.body.find("BEGIN:VCALENDAR"), std::string::npos);
  auto feed = Get("/g/design/events.ics", bob_);
  EXPECT_EQ(feed.status, 200u);
  EXPECT_NE(feed.body.find("Crit night"), std::string::npos);
}

TEST_F(PagesTest, RsvpBeyondCapacityWaitlists) {
  auto first = Post("/e/" + event_.ToString() + "/rsvp", bob_, {{"answer", "going"}});
  EXPECT_EQ(first.status, 303u);
  Browser carol = SignIn("carol");
  ASSERT_TRUE(c_->memberships.Join(carol.id, group_));
  Post("/e/" + event_.ToString() + "/rsvp", carol, {{"answer", "going"}});
  auto page = Get("/e/" + event_.ToString(), carol);
  EXPECT_NE(page.body.find("You are on the waitlist"), std::string::npos);
}

TEST_F(PagesTest, HiddenGroupIsTheSame404AsAMissingOne) {
  auto secret = c_->groups.Create(alice_.id, {.slug = "secret",
                                              .name = "Secret",
                                              .scope = GroupScope::kInternal,
                                              .join_mode = JoinMode::kInvite});
  ASSERT_TRUE(secret);
  Browser carol = SignIn("carol");
  auto hidden = Get("/g/secret", carol);
  auto missing = Get("/g/no-such-group", carol);
  EXPECT_EQ(hidden.status, 404u);
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(hidden.body, missing.body);
  for (const char* tab : {"/events", "/library", "/members", "/moderation", "/events.ics"}) {
    EXPECT_EQ(Get(std::string("/g/secret") + tab, carol).status, 404u) << tab;
  }
  // Anonymous visitors do not see internal groups at all.
  EXPECT_EQ(Get("/g/design", Anonymous()).status, 404u);
  // Members do.
  EXPECT_EQ(Get("/g/secret", alice_).status, 200u);
}

TEST_F(PagesTest, FormsWithoutAValidCsrfTokenAre403) {
  auto missing = Post("/g/design/threads", bob_, {{"title", "x"}, {"body", "y"}}, false);
  EXPECT_EQ(missing.status, 403u);
  EXPECT_NE(missing.body.find("did not come from this site"), std::string::npos);
  Browser forged = bob_;
  forged.csrf = alice_.csrf;  // another session's token
  EXPECT_EQ(Post("/g/design/threads", forged, {{"title", "x"}, {"body", "y"}}).status, 403u);
  auto threads = c_->threads.List(bob_.id, group_, {});
  ASSERT_TRUE(threads);
  EXPECT_EQ(threads->items.size(), 1u);  // nothing was posted
  auto ok = Post("/g/design/threads", bob_, {{"title", "Hello"}, {"body", "World"}});
  EXPECT_EQ(ok.status, 303u);
  EXPECT_EQ(ok.Header("Location").rfind("/t/", 0), 0u);
  EXPECT_NE(ok.Header("Set-Cookie").find("gh_flash="), std::string::npos);
}

TEST_F(PagesTest, ValidationErrorsAreShownBesideTheirField) {
  auto res = Post("/g/design/threads", bob_, {{"title", ""}, {"body", "text"}});
  EXPECT_EQ(res.status, 400u);
  EXPECT_NE(res.body.find("id=\"f-title-error\""), std::string::npos) << res.body;
  EXPECT_NE(res.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(res.body.find(">text</textarea>"), std::string::npos);  // input kept
}

TEST_F(PagesTest, SecurityHeadersOnEveryPage) {
  for (const std::string path : {"/login", "/g/design", "/no/such/page/x"}) {
    auto res = Get(path, alice_);
    if (res.status == 404 && path == "/no/such/page/x") continue;  // the router's own 404
    EXPECT_EQ(res.Header("Content-Security-Policy"),
              "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src "
              "'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        << path;
    EXPECT_EQ(res.Header("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(res.Header("Referrer-Policy"), "same-origin") << path;
  }
}

TEST_F(PagesTest, ModeratorRemovalShowsTheReasonToTheAuthor) {
  auto removed =
      Post("/r/" + reply_.ToString() + "/remove", alice_, {{"reason", "Off topic here"}});
  EXPECT_EQ(removed.status, 303u);
  auto as_author = Get("/t/" + thread_.ToString(), bob_);
  EXPECT_NE(as_author.body.find("Reason: Off topic here"), std::string::npos);
  Browser carol = SignIn("carol");
  ASSERT_TRUE(c_->memberships.Join(carol.id, group_));
  auto as_other = Get("/t/" + thread_.ToString(), carol);
  EXPECT_EQ(as_other.body.find("Off topic here"), std::string::npos);
  EXPECT_NE(as_other.body.find("A moderator removed this reply."), std::string::npos);
}

TEST_F(PagesTest, DirectoryFindsByskill) {
  ASSERT_TRUE(
      c_->profiles.Update(bob_.id, bob_.id, {.skills = std::vector<std::string>{"Typography"}}));
  auto res = Get("/members?skill=typo", alice_);
  EXPECT_NE(res.body.find("href=\"/u/bob\""), std::string::npos);
  EXPECT_EQ(res.body.find("href=\"/u/root\""), std::string::npos);
}

TEST_F(PagesTest, StaticStylesheetIsCachedByContentHash) {
  auto page = Get("/login", Anonymous());
  const size_t at = page.body.find("/static/guildhall.css?v=");
  ASSERT_NE(at, std::string::npos);
  const std::string href = page.body.substr(at, page.body.find('"', at) - at);
  auto css = Get(href, Anonymous());
  EXPECT_EQ(css.status, 200u);
  EXPECT_EQ(css.Header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_NE(css.Header("Cache-Control").find("immutable"), std::string::npos);
  auto again = Raw("GET", href, "If-None-Match: " + css.Header("ETag") + "\r\n", "");
  EXPECT_EQ(again.status, 304u);
}

}  // namespace
}  // namespace guildhall::web::testing
