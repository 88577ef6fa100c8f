// Content through the API: threads and replies (with pagination, stale
// edits and concurrent writers), events and RSVPs, the library (links, raw
// file uploads, size limits) (routes_threads.cc, routes_replies.cc,
// routes_events.cc, routes_resources.cc).
#include <atomic>
#include <thread>
#include <vector>

#include "tests/web/api/api_fixture.h"

namespace guildhall::web::testing {
namespace {

class ApiContent : public ApiFixture {
 protected:
  void SetUp() override {
    alice_ = UserToken("alice");
    bob_ = UserToken("bob");
    Start();
    MakeGroup(alice_, "team");
    ASSERT_EQ(Post("/api/v1/groups/team/join", bob_).status, 200u);
  }
  std::string NewThread(std::string_view title) {
    auto r = Post("/api/v1/groups/team/threads", alice_,
                  R"({"title":")" + std::string(title) + R"(","body":"Hello **team**"})");
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.Str("id");
  }
  std::string alice_, bob_;
};

TEST_F(ApiContent, ThreadsAreCreatedListedAndPaginated) {
  for (int i = 0; i < 5; ++i) NewThread("Topic " + std::to_string(i));
  auto first = Get("/api/v1/groups/team/threads?limit=2", bob_);
  ASSERT_EQ(first.status, 200u) << first.body;
  ASSERT_EQ(first.Count("items"), 2u);
  EXPECT_EQ(first.Str("items.0.title"), "Topic 4");  // latest activity first
  EXPECT_EQ(first.Str("items.0.author.username"), "alice");
  EXPECT_TRUE(first.Bool("items.0.unread"));
  std::string next = first.Str("next");
  ASSERT_FALSE(next.empty());
  auto second = Get("/api/v1/groups/team/threads?limit=2&cursor=" + next, bob_);
  EXPECT_EQ(second.Str("items.0.title"), "Topic 2");
  auto third = Get("/api/v1/groups/team/threads?limit=2&cursor=" + second.Str("next"), bob_);
  EXPECT_EQ(third.Count("items"), 1u);
  EXPECT_EQ(third.At("next")->kind(), json::Value::Kind::kNull);
  EXPECT_EQ(Get("/api/v1/groups/team/threads?cursor=zz", bob_).status, 400u);

  auto missing = Post("/api/v1/groups/team/threads", alice_, R"({"title":"No body"})");
  EXPECT_EQ(missing.Str("field"), "body");
  auto empty = Post("/api/v1/groups/team/threads", alice_, R"({"title":"","body":"x"})");
  EXPECT_EQ(empty.Str("field"), "title") << empty.body;
}

// Issue 9 item 7: an author from another node is "name@host" and not
// local, never a bare name that reads as one of ours.
TEST_F(ApiContent, RemoteAuthorsCarryTheirHandle) {
  // A public group needs an admin (community.group_creation's default).
  const std::string root = UserToken("root", storage::NodeRole::kAdmin);
  MakeGroup(root, "plaza", "public");
  ASSERT_EQ(Post("/api/v1/groups/plaza/join", alice_).status, 200u);
  auto posted = Post("/api/v1/groups/plaza/threads", alice_, R"({"title":"Visitors","body":"Hi"})");
  ASSERT_EQ(posted.status, 201u) << posted.body;
  const std::string id = posted.Str("id");
  auto carol = c_->accounts.UpsertRemote({.actor_uri = "https://beta.example/u/carol",
                                          .username = "carol",
                                          .domain = "beta.example",
                                          .display_name = "Carol C."});
  ASSERT_TRUE(carol) << carol.error().message;
  auto plaza = c_->groups.GetBySlug(IdOf("alice"), "plaza");
  ASSERT_TRUE(plaza);
  ASSERT_TRUE(c_->memberships.Join(carol->id, plaza->group.id));
  ASSERT_TRUE(c_->replies.Create(carol->id, *Id::Parse(id), {.body = "Hello from beta"}));
  auto replies = Get("/api/v1/threads/" + id + "/replies", alice_);
  ASSERT_EQ(replies.status, 200u) << replies.body;
  EXPECT_EQ(replies.Str("items.0.author.handle"), "carol@beta.example") << replies.body;
  EXPECT_FALSE(replies.Bool("items.0.author.local"));
  EXPECT_EQ(replies.Str("items.0.author.display_name"), "Carol C.");
  auto own = Get("/api/v1/threads/" + id, alice_);
  EXPECT_EQ(own.Str("author.handle"), "alice") << own.body;
  EXPECT_TRUE(own.Bool("author.local"));
}

TEST_F(ApiContent, ThreadEditsCheckTheVersion) {
  std::string id = NewThread("Draft");
  auto edited =
      Call("PATCH", "/api/v1/threads/" + id, alice_, R"({"title":"Final","expected_version":1})");
  ASSERT_EQ(edited.status, 200u) << edited.body;
  EXPECT_EQ(edited.Str("title"), "Final");
  EXPECT_EQ(edited.Str("body"), "Hello **team**");  // kept
  EXPECT_EQ(edited.Int("version"), 2);
  EXPECT_FALSE(edited.Str("edited_at").empty());

  auto stale = Call("PATCH", "/api/v1/threads/" + id, alice_,
                    R"({"body":"Older edit","expected_version":1})");
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.Str("error"), "conflict");
  EXPECT_EQ(Call("PATCH", "/api/v1/threads/" + id, bob_, R"({"title":"Mine"})").status, 403u);
  EXPECT_EQ(Call("PATCH", "/api/v1/threads/99", alice_, R"({"title":"x"})").status, 404u);
  EXPECT_EQ(Call("PATCH", "/api/v1/threads/abc", alice_, R"({"title":"x"})").status, 404u);
}

TEST_F(ApiContent, ThreadModerationAndLikes) {
  std::string id = NewThread("Rules");
  EXPECT_EQ(Post("/api/v1/threads/" + id + "/pin", bob_).status, 403u);
  EXPECT_TRUE(Post("/api/v1/threads/" + id + "/pin", alice_).Bool("pinned"));
  EXPECT_FALSE(Post("/api/v1/threads/" + id + "/unpin", alice_).Bool("pinned"));
  EXPECT_TRUE(Post("/api/v1/threads/" + id + "/lock", alice_).Bool("locked"));
  auto locked = Post("/api/v1/threads/" + id + "/replies", bob_, R"({"body":"late"})");
  EXPECT_EQ(locked.status, 403u) << locked.body;
  EXPECT_FALSE(Post("/api/v1/threads/" + id + "/unlock", alice_).Bool("locked"));

  auto liked = Post("/api/v1/threads/" + id + "/like", bob_);
  EXPECT_EQ(liked.Int("like_count"), 1) << liked.body;
  EXPECT_EQ(Post("/api/v1/threads/" + id + "/like", bob_).Int("like_count"), 1);
  EXPECT_TRUE(Get("/api/v1/threads/" + id, bob_).Bool("liked"));
  EXPECT_EQ(Post("/api/v1/threads/" + id + "/unlike", bob_).Int("like_count"), 0);

  EXPECT_EQ(Call("DELETE", "/api/v1/threads/" + id, bob_).status, 403u);
  EXPECT_EQ(Call("DELETE", "/api/v1/threads/" + id, alice_).status, 200u);
  EXPECT_TRUE(Get("/api/v1/threads/" + id, alice_).Bool("removed"));
}

TEST_F(ApiContent, RepliesNestEditAndDelete) {
  std::string id = NewThread("Question");
  auto reply = Post("/api/v1/threads/" + id + "/replies", bob_, R"({"body":"Answer"})");
  ASSERT_EQ(reply.status, 201u) << reply.body;
  std::string rid = reply.Str("id");
  auto nested = Post("/api/v1/threads/" + id + "/replies", alice_,
                     R"({"body":"Thanks","in_reply_to":")" + rid + "\"}");
  ASSERT_EQ(nested.status, 201u) << nested.body;
  EXPECT_EQ(nested.Str("in_reply_to"), rid);
  auto bad_parent =
      Post("/api/v1/threads/" + id + "/replies", alice_, R"({"body":"x","in_reply_to":"12345"})");
  EXPECT_EQ(bad_parent.Str("field"), "in_reply_to") << bad_parent.body;

  auto thread = Get("/api/v1/threads/" + id, alice_);
  ASSERT_EQ(thread.status, 200u) << thread.body;
  EXPECT_EQ(thread.Int("reply_count"), 2);
  EXPECT_EQ(thread.Count("replies.items"), 2u);
  EXPECT_EQ(thread.Str("replies.items.0.author.username"), "bob");
  EXPECT_EQ(Get("/api/v1/threads/" + id + "/replies?limit=1", alice_).Count("items"), 1u);

  auto edited = Call("PATCH", "/api/v1/replies/" + rid, bob_,
                     R"({"body":"Better answer","expected_version":1})");
  EXPECT_EQ(edited.Str("body"), "Better answer") << edited.body;
  EXPECT_EQ(
      Call("PATCH", "/api/v1/replies/" + rid, bob_, R"({"body":"Stale","expected_version":1})")
          .status,
      409u);
  EXPECT_EQ(Post("/api/v1/replies/" + rid + "/like", alice_).Int("like_count"), 1);
  EXPECT_EQ(Post("/api/v1/replies/" + rid + "/unlike", alice_).Int("like_count"), 0);
  EXPECT_EQ(Get("/api/v1/replies/" + rid, alice_).Str("body"), "Better answer");
  EXPECT_EQ(Call("DELETE", "/api/v1/replies/" + rid, alice_).status, 403u);
  EXPECT_EQ(Call("DELETE", "/api/v1/replies/" + rid, bob_).status, 200u);
  EXPECT_TRUE(Get("/api/v1/replies/" + rid, alice_).Bool("removed"));
}

TEST_F(ApiContent, ConcurrentRepliesAreAllCounted) {
  std::string id = NewThread("Busy");
  constexpr int kWriters = 8, kEach = 10;
  std::atomic<int> created{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        auto r = Post("/api/v1/threads/" + id + "/replies", w % 2 ? alice_ : bob_,
                      R"({"body":"reply )" + std::to_string(w * kEach + i) + "\"}");
        if (r.status == 201) ++created;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(created.load(), kWriters * kEach);
  EXPECT_EQ(Get("/api/v1/threads/" + id, alice_).Int("reply_count"), kWriters * kEach);
  size_t listed = 0;
  std::string cursor;
  do {
    auto page = Get("/api/v1/threads/" + id + "/replies?limit=200&cursor=" + cursor, alice_);
    listed += page.Count("items");
    cursor = page.Str("next");
  } while (!cursor.empty());
  EXPECT_EQ(listed, size_t{kWriters * kEach});
}

TEST_F(ApiContent, EventsAndRsvpsWithAWaitlist) {
  std::string carol = UserToken("carol");
  ASSERT_EQ(Post("/api/v1/groups/team/join", carol).status, 200u);
  auto created = Post("/api/v1/groups/team/events", alice_,
                      R"({"title":"Meetup","description":"Talks","start":"2026-12-01T18:00:00Z",)"
                      R"("end":"2026-12-01T20:00:00Z","time_zone":"Europe/Berlin",)"
                      R"("place":"Room 1","capacity":1})");
  ASSERT_EQ(created.status, 201u) << created.body;
  EXPECT_EQ(created.Str("start"), "2026-12-01T18:00:00Z");
  std::string id = created.Str("id");

  auto bad = Post("/api/v1/groups/team/events", alice_,
                  R"({"title":"x","start":"tomorrow","end":"2026-12-01T20:00:00Z"})");
  EXPECT_EQ(bad.Str("field"), "start") << bad.body;
  auto backwards =
      Post("/api/v1/groups/team/events", alice_,
           R"({"title":"x","start":"2026-12-01T20:00:00Z","end":"2026-12-01T18:00:00Z"})");
  EXPECT_EQ(backwards.Str("field"), "end") << backwards.body;

  EXPECT_EQ(
      Post("/api/v1/events/" + id + "/rsvp", bob_, R"({"answer":"going"})").Bool("waitlisted"),
      false);
  auto waiting = Post("/api/v1/events/" + id + "/rsvp", carol, R"({"answer":"going"})");
  EXPECT_TRUE(waiting.Bool("waitlisted")) << waiting.body;
  EXPECT_EQ(Post("/api/v1/events/" + id + "/rsvp", carol, R"({"answer":"soon"})").Str("field"),
            "answer");

  auto view = Get("/api/v1/events/" + id, bob_);
  ASSERT_EQ(view.status, 200u) << view.body;
  EXPECT_EQ(view.Str("attendees.going.0.username"), "bob");
  EXPECT_EQ(view.Str("waitlist.0.username"), "carol");
  EXPECT_EQ(view.Str("rsvp.answer"), "going");

  auto bigger = Call("PATCH", "/api/v1/events/" + id, alice_, R"({"capacity":2})");
  ASSERT_EQ(bigger.status, 200u) << bigger.body;
  EXPECT_EQ(bigger.Int("going_count"), 2);  // carol promoted
  EXPECT_EQ(Call("PATCH", "/api/v1/events/" + id, alice_, R"({"title":"Old","expected_version":1})")
                .status,
            409u);
  EXPECT_EQ(Call("PATCH", "/api/v1/events/" + id, bob_, R"({"title":"Mine"})").status, 403u);

  auto upcoming = Get("/api/v1/events/upcoming", carol);
  ASSERT_EQ(upcoming.Count("items"), 1u) << upcoming.body;
  EXPECT_EQ(Get("/api/v1/groups/team/events", bob_).Count("items"), 1u);

  auto cancelled = Post("/api/v1/events/" + id + "/cancel", alice_, R"({"reason":"Room flooded"})");
  EXPECT_TRUE(cancelled.Bool("cancelled")) << cancelled.body;
  EXPECT_EQ(Post("/api/v1/events/" + id + "/rsvp", bob_, R"({"answer":"maybe"})").status, 409u);
}

TEST_F(ApiContent, LibraryLinksAndFiles) {
  auto link = Post("/api/v1/groups/team/resources", alice_,
                   R"({"kind":"link","url":"https://example.org/guide","title":"Guide",)"
                   R"("description":"Read first"})");
  ASSERT_EQ(link.status, 201u) << link.body;
  EXPECT_EQ(link.Str("url"), "https://example.org/guide");
  auto bad_url = Post("/api/v1/groups/team/resources", alice_,
                      R"({"kind":"link","url":"ftp://x","title":"Guide"})");
  EXPECT_EQ(bad_url.Str("field"), "url") << bad_url.body;

  std::string bytes = "%PDF-1.4\n% a tiny file\n";
  auto file = Call("POST", "/api/v1/groups/team/resources?filename=notes.pdf&title=Notes", bob_,
                   bytes, "application/octet-stream");
  ASSERT_EQ(file.status, 201u) << file.body;
  EXPECT_EQ(file.Str("kind"), "file");
  EXPECT_EQ(file.Str("file_name"), "notes.pdf");
  EXPECT_EQ(file.Int("size"), static_cast<int64_t>(bytes.size()));
  auto noname =
      Call("POST", "/api/v1/groups/team/resources", bob_, bytes, "application/octet-stream");
  EXPECT_EQ(noname.Str("field"), "filename");

  EXPECT_EQ(Get("/api/v1/resources/" + file.Str("id"), alice_).Str("media_type"),
            "application/pdf");
  auto download = Get("/api/v1/resources/" + file.Str("id") + "/download", alice_);
  EXPECT_EQ(download.status, 200u);
  EXPECT_EQ(download.body, bytes);
  EXPECT_EQ(Get("/api/v1/groups/team/resources", alice_).Count("items"), 2u);

  // Over community.max_upload_bytes (64 KiB here) but within the route's limit.
  auto too_big = Call("POST", "/api/v1/groups/team/resources?filename=big.bin", bob_,
                      std::string(100 * 1024, 'x'), "application/octet-stream");
  EXPECT_EQ(too_big.status, 413u) << too_big.body;
  EXPECT_EQ(too_big.Str("error"), "too_large");
  EXPECT_NE(too_big.Str("message").find("limit"), std::string::npos) << too_big.body;
  // Over the route's own limit: the server refuses before the handler runs.
  auto huge = Call("POST", "/api/v1/groups/team/resources?filename=huge.bin", bob_,
                   std::string(300 * 1024, 'x'), "application/octet-stream");
  EXPECT_EQ(huge.status, 413u);

  EXPECT_EQ(Call("DELETE", "/api/v1/resources/" + file.Str("id"), bob_).status, 200u);
  EXPECT_EQ(Get("/api/v1/groups/team/resources", alice_).Count("items"), 1u);
}

}  // namespace
}  // namespace guildhall::web::testing
