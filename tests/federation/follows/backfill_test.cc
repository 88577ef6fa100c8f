// Backfill of a followed group (federation/follows/backfill.h): the
// group's outbox and its threads' replies read into our mirror once the
// follow is accepted, through the inbox's store path, within the bounds.
// Also the group-authored Creates of issue 9 item 5 (create.cc), which
// share the mirror's door.
#include "federation/follows/backfill.h"

#include <gtest/gtest.h>

#include "federation/follows/follows.h"
#include "federation/protocol/json.h"
#include "storage/model/records/event.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"
#include "tests/federation/fixtures.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

constexpr char kPublic[] = "https://www.w3.org/ns/activitystreams#Public";

std::string Quote(const std::string& s) { return json::Serialize(json::Value::String(s)); }

// A Page or Note by `author`, addressed as a post in `group` is.
std::string ObjectJson(const std::string& type, const std::string& id, const Peer& author,
                       const std::string& group, const std::string& text,
                       const std::string& extra = "") {
  return "{\"id\":" + Quote(id) + ",\"type\":" + Quote(type) +
         ",\"attributedTo\":" + Quote(author.id) + ",\"name\":" + Quote(text) +
         ",\"content\":" + Quote("<p>" + text + "</p>") + ",\"audience\":" + Quote(group) +
         ",\"to\":[" + Quote(group) + "," + Quote(kPublic) + "]" + extra + "}";
}

std::string CreateJson(const std::string& id, const Peer& author, const std::string& object) {
  return "{\"id\":" + Quote(id) + ",\"type\":\"Create\",\"actor\":" + Quote(author.id) +
         ",\"to\":[" + Quote(kPublic) + "],\"object\":" + object + "}";
}

// An OrderedCollection (or page) holding `items` (JSON values), linking `next`.
std::string CollectionJson(const std::string& id, const std::vector<std::string>& items,
                           const std::string& next = "",
                           const std::string& type = "OrderedCollection") {
  std::string out = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":" + Quote(id) +
                    ",\"type\":" + Quote(type) + ",\"orderedItems\":[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
  out += "]";
  if (!next.empty()) out += ",\"next\":" + Quote(next);
  return out + "}";
}

class BackfillTest : public FederationHarness {
 protected:
  explicit BackfillTest(const std::function<void(FederationOptions&)>& configure = nullptr)
      : FederationHarness(FederationMode::kOpen, {}, configure) {
    ann_ = LocalMember("ann");
    club_ = AddPeer("club", kPeer, "Group");
    alice_ = AddPeer("alice");
    webfinger_["acct:club@peer.test"] = club_.id;
  }

  // `member` follows `group` and the group accepts: the backfill runs.
  FollowStatus FollowAccepted(Id member, const Peer& group, const std::string& handle) {
    auto status = Must(fed_->follows().Follow(member, handle));
    auto follows = DeliveriesOfType("Follow");
    const std::string follow_id = follows.empty() ? "" : follows.back().activity_id;
    EXPECT_EQ(Post("/inbox", Simple("Accept", NewActivityId(group), group, follow_id), group),
              202u);
    return status;
  }
  FollowStatus FollowClub() { return FollowAccepted(ann_, club_, "@club@peer.test"); }

  std::string Outbox() const { return club_.id + "/outbox"; }
  // The club's outbox with one thread by alice, titled `title`.
  void ServeOnePost(const std::string& title) {
    const std::string post = std::string(kPeer) + "/post/1";
    remote_.Serve(
        Outbox(),
        CollectionJson(Outbox(), {CreateJson(post + "/create", alice_,
                                             ObjectJson("Page", post, alice_, club_.id, title))}));
  }

  // Titles of the mirror's threads, in the order the group lists them.
  std::vector<std::string> Titles(Id group) {
    std::vector<std::string> out;
    Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
      return storage::Table<storage::ThreadCodec>::ScanIndexPrefix(
          tx, storage::tables::kThreadsByGroup, storage::ThreadCodec::ByGroupPrefix(group),
          storage::ScanOrder::kForward, [&](const storage::Thread& t) {
            out.push_back(t.title);
            return true;
          });
    }));
    return out;
  }
  std::vector<storage::Reply> Replies(const std::string& thread_ap_id) {
    auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, thread_ap_id);
    std::vector<storage::Reply> out;
    if (!thread) return out;
    Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
      return storage::Table<storage::ReplyCodec>::ScanIndexPrefix(
          tx, storage::tables::kRepliesByThread, storage::ReplyCodec::ByThreadPrefix(thread->id),
          storage::ScanOrder::kForward, [&](const storage::Reply& r) {
            out.push_back(r);
            return true;
          });
    }));
    return out;
  }

  Id ann_;
  Peer club_, alice_;
};

// Lemmy's outbox holds Announce(Create(Page)) (fixture from Lemmy's
// crates/apub/assets shape, tests/fixtures/ap/lemmy/outbox.json).
TEST_F(BackfillTest, LemmyOutboxFillsTheMirrorWhenTheFollowIsAccepted) {
  Peer community = AddPeer("selfhosting", "https://lemmy.example", "Group");
  webfinger_["acct:selfhosting@lemmy.example"] = community.id;
  remote_.Serve("https://lemmy.example/u/dave", ReadFixture("ap/lemmy/person.json"));
  remote_.Serve(community.id + "/outbox", ReadFixture("ap/lemmy/outbox.json"));
  auto status = FollowAccepted(ann_, community, "!selfhosting@lemmy.example");
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId,
                                                 "https://lemmy.example/post/4242");
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->group, status.group.id);
  EXPECT_EQ(thread->title, "Which reverse proxy do you run in front of your node?");
  EXPECT_EQ(thread->author, MemberIdOf("https://lemmy.example/u/dave"));
  EXPECT_TRUE(DeliveriesOfType("Announce").empty());  // a mirror never re-announces
}

// FEP-7888: the replies come from the thread's `context` collection; an
// embedded reply from another origin is fetched from its own origin.
TEST_F(BackfillTest, RepliesComeFromTheContextCollection) {
  Peer carol = AddPeer("carol", "https://other.test");
  const std::string post = std::string(kPeer) + "/post/1";
  const std::string context = post + "/context";
  const std::string r1 = std::string(kPeer) + "/comment/1";
  const std::string r2 = "https://other.test/notes/2";
  const std::string r3 = std::string(kPeer) + "/comment/3";
  const std::string page =
      ObjectJson("Page", post, alice_, club_.id, "Garden plans", ",\"context\":" + Quote(context));
  remote_.Serve(Outbox(), CollectionJson(Outbox(), {CreateJson(post + "/create", alice_, page)}));
  remote_.Serve(r2,
                ObjectJson("Note", r2, carol, club_.id, "Real", ",\"inReplyTo\":" + Quote(post)));
  remote_.Serve(
      context,
      CollectionJson(
          context,
          {page, ObjectJson("Note", r1, alice_, club_.id, "First", ",\"inReplyTo\":" + Quote(post)),
           ObjectJson("Note", r2, carol, club_.id, "Forged", ",\"inReplyTo\":" + Quote(post)),
           ObjectJson("Note", r3, alice_, club_.id, "Nested", ",\"inReplyTo\":" + Quote(r1))}));
  FollowClub();
  auto replies = Replies(post);
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].ap_id, r1);
  EXPECT_EQ(replies[1].ap_id, r2);
  EXPECT_NE(replies[1].body.find("Real"), std::string::npos);  // the origin's copy
  EXPECT_EQ(replies[2].ap_id, r3);
  EXPECT_EQ(replies[2].in_reply_to, replies[0].id);
}

// A second member's follow (or a replayed Accept) reads the outbox again
// and stores nothing twice.
TEST_F(BackfillTest, RunningAgainStoresNothingTwice) {
  const std::string post = std::string(kPeer) + "/post/1";
  const std::string context = post + "/context";
  const std::string page =
      ObjectJson("Page", post, alice_, club_.id, "Once", ",\"context\":" + Quote(context));
  remote_.Serve(Outbox(), CollectionJson(Outbox(), {CreateJson(post + "/create", alice_, page)}));
  remote_.Serve(
      context,
      CollectionJson(context, {page, ObjectJson("Note", post + "/r", alice_, club_.id, "Reply",
                                                ",\"inReplyTo\":" + Quote(post))}));
  auto status = FollowClub();
  const Id bob = LocalMember("bob");
  FollowAccepted(bob, club_, "club@peer.test");
  EXPECT_EQ(Titles(status.group.id), std::vector<std::string>{"Once"});
  EXPECT_EQ(Replies(post).size(), 1u);
}

// Mastodon-style threads have no `context`: each object's `replies`
// collection (first page embedded) is followed down to the depth bound.
class BackfillDepthTest : public BackfillTest {
 protected:
  BackfillDepthTest() : BackfillTest([](FederationOptions& o) { o.backfill.depth = 2; }) {}
};

TEST_F(BackfillDepthTest, RepliesCollectionsAreFollowedDownToTheDepth) {
  const std::string post = std::string(kPeer) + "/post/1";
  std::vector<std::string> notes = {post + "/r1", post + "/r2", post + "/r3"};
  auto replies_of = [](const std::string& parent, const std::string& child) {
    // Mastodon's shape: a Collection whose `first` page is embedded.
    return ",\"replies\":{\"id\":" + Quote(parent + "/replies") +
           ",\"type\":\"Collection\",\"first\":{\"type\":\"CollectionPage\",\"partOf\":" +
           Quote(parent + "/replies") + ",\"items\":[" + Quote(child) + "]}}";
  };
  const std::string page =
      ObjectJson("Page", post, alice_, club_.id, "Deep", replies_of(post, notes[0]));
  remote_.Serve(Outbox(), CollectionJson(Outbox(), {CreateJson(post + "/create", alice_, page)}));
  remote_.Serve(post + "/replies", "{\"id\":" + Quote(post + "/replies") +
                                       ",\"type\":\"Collection\",\"items\":[" + Quote(notes[0]) +
                                       "]}");
  std::string parent = post;
  for (size_t i = 0; i < notes.size(); ++i) {
    const std::string children = i + 1 < notes.size() ? replies_of(notes[i], notes[i + 1]) : "";
    remote_.Serve(notes[i],
                  ObjectJson("Note", notes[i], alice_, club_.id, "level " + std::to_string(i + 1),
                             ",\"inReplyTo\":" + Quote(parent) + children));
    remote_.Serve(notes[i] + "/replies", "{\"id\":" + Quote(notes[i] + "/replies") +
                                             ",\"type\":\"Collection\",\"items\":[" +
                                             (i + 1 < notes.size() ? Quote(notes[i + 1]) : "") +
                                             "]}");
    parent = notes[i];
  }
  FollowClub();
  auto replies = Replies(post);
  ASSERT_EQ(replies.size(), 2u);  // levels 1 and 2; level 3 is past the bound
  EXPECT_EQ(replies[0].ap_id, notes[0]);
  EXPECT_EQ(replies[1].ap_id, notes[1]);
}

// What the group's history holds is stored no wider than addressed: a
// followers-only post of a person never becomes a thread of the mirror.
TEST_F(BackfillTest, NarrowlyAddressedHistoryIsNotStored) {
  const std::string open = std::string(kPeer) + "/post/1";
  const std::string narrow = std::string(kPeer) + "/post/2";
  const std::string narrow_note =
      "{\"id\":" + Quote(narrow) + ",\"type\":\"Page\",\"attributedTo\":" + Quote(alice_.id) +
      ",\"name\":\"Followers only\",\"content\":\"<p>x</p>\",\"audience\":" + Quote(club_.id) +
      ",\"to\":[" + Quote(alice_.id + "/followers") + "]}";
  remote_.Serve(
      Outbox(),
      CollectionJson(Outbox(), {CreateJson(narrow + "/create", alice_, narrow_note),
                                CreateJson(open + "/create", alice_,
                                           ObjectJson("Page", open, alice_, club_.id, "Open"))}));
  auto status = FollowClub();
  EXPECT_EQ(Titles(status.group.id), std::vector<std::string>{"Open"});
}

class BackfillBoundsTest : public BackfillTest {
 protected:
  BackfillBoundsTest()
      : BackfillTest([](FederationOptions& o) {
          o.backfill.threads = 3;
          o.backfill.bytes = 64 * 1024;
        }) {}

  static std::string PostUri(int n) { return std::string(kPeer) + "/post/" + std::to_string(n); }
  std::string Item(int n) {
    return CreateJson(PostUri(n) + "/create", alice_,
                      ObjectJson("Page", PostUri(n), alice_, club_.id, "T" + std::to_string(n)));
  }
};

// The newest `threads` items are taken, and stored oldest first.
TEST_F(BackfillBoundsTest, TakesTheNewestThreadsUpToTheCount) {
  std::vector<std::string> items;
  for (int n = 10; n >= 1; --n) items.push_back(Item(n));  // newest first
  remote_.Serve(Outbox(), CollectionJson(Outbox(), items));
  auto status = FollowClub();
  EXPECT_EQ(Titles(status.group.id), (std::vector<std::string>{"T8", "T9", "T10"}));
}

// A peer serving an endless chain of pages gets at most `pages` requests.
TEST_F(BackfillBoundsTest, AnEndlessOutboxStopsAtThePageBound) {
  const std::string like = "{\"id\":" + Quote(std::string(kPeer) + "/likes/1") +
                           ",\"type\":\"Like\",\"actor\":" + Quote(alice_.id) +
                           ",\"object\":" + Quote(PostUri(1)) + "}";
  for (int n = 0; n < 100; ++n) {
    const std::string id = Outbox() + (n == 0 ? "" : "?page=" + std::to_string(n));
    remote_.Serve(id, CollectionJson(id, {like}, Outbox() + "?page=" + std::to_string(n + 1)));
  }
  const int before = remote_.fetches();
  auto status = FollowClub();
  const int fetched = remote_.fetches() - before;
  // The pages, plus the group's actor document three times (the Follow, the
  // Accept's signature, the backfill's outbox lookup).
  const int pages = static_cast<int>(BackfillLimits{}.pages);
  EXPECT_GE(fetched, pages);
  EXPECT_LE(fetched, pages + 3);
  EXPECT_TRUE(Titles(status.group.id).empty());
}

// A page bigger than the byte budget is the last one read.
TEST_F(BackfillBoundsTest, AHugeOutboxStopsAtTheByteBound) {
  const std::string padding(80 * 1024, 'x');
  const std::string first =
      ObjectJson("Page", PostUri(1), alice_, club_.id, "Big", ",\"summary\":" + Quote(padding));
  remote_.Serve(Outbox(),
                CollectionJson(Outbox(), {CreateJson(PostUri(1) + "/create", alice_, first)},
                               Outbox() + "?page=2"));
  remote_.Serve(Outbox() + "?page=2",
                CollectionJson(Outbox() + "?page=2", {Item(2)}, "", "OrderedCollectionPage"));
  auto status = FollowClub();
  EXPECT_EQ(Titles(status.group.id), std::vector<std::string>{"Big"});  // not T2
}

// Out of time before anything is read: nothing is fetched from the outbox.
class BackfillTimeTest : public BackfillTest {
 protected:
  BackfillTimeTest()
      : BackfillTest([](FederationOptions& o) { o.backfill.time = std::chrono::milliseconds(0); }) {
  }
};

TEST_F(BackfillTimeTest, StopsAtTheTimeBound) {
  ServeOnePost("Late");
  EXPECT_TRUE(Titles(FollowClub().group.id).empty());
}

// Turned off (threads = 0): following reads nothing.
class BackfillOffTest : public BackfillTest {
 protected:
  BackfillOffTest() : BackfillTest([](FederationOptions& o) { o.backfill.threads = 0; }) {}
};

TEST_F(BackfillOffTest, ZeroThreadsTurnsItOff) {
  ServeOnePost("Never");
  EXPECT_TRUE(Titles(FollowClub().group.id).empty());
}

// Issue 9 item 5: a Create sent by the followed group itself
// (PeerTube/Mobilizon style) lands in the mirror.
TEST_F(BackfillTest, CreateSentByTheFollowedGroupIsStored) {
  auto status = FollowClub();
  const std::string post = std::string(kPeer) + "/c/club/posts/1";
  EXPECT_EQ(Post("/inbox",
                 CreateJson(NewActivityId(club_), club_,
                            ObjectJson("Page", post, club_, club_.id, "From the group")),
                 club_),
            202u);
  auto thread = FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post);
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->group, status.group.id);
  EXPECT_EQ(thread->author, MemberIdOf(club_.id));
}

// Mobilizon's convention: `actor` is the organizer, `attributedTo` the
// group. Payload: framasoft/mobilizon test/fixtures/
// mobilizon-post-activity-group.json (commit 9fdf7bad), verbatim.
TEST_F(BackfillTest, MobilizonEventByAMemberAttributedToTheGroupIsStored) {
  Peer group = AddActor("http://mobilizon1.com/@group", "group", "Group");
  Peer user = AddActor("http://mobilizon1.com/@user", "user", "Person");
  webfinger_["acct:group@mobilizon1.com"] = group.id;
  auto status = FollowAccepted(ann_, group, "@group@mobilizon1.com");
  EXPECT_EQ(Post("/inbox", ReadFixture("ap/mobilizon/post_activity_group.json"), user), 202u);
  auto event = FindByApId<storage::EventCodec>(
      storage::tables::kEventsByApId,
      "http://mobilizon1.com/events/f270ae07-7991-453c-9bb7-3d2122ededae");
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->group, status.group.id);
  EXPECT_EQ(event->title, "My first event");
  EXPECT_EQ(event->organizer, MemberIdOf(user.id));
}

// ...but not from a server other than the group's: nobody else may speak
// for it.
TEST_F(BackfillTest, CreateAttributedToTheGroupFromAnotherServerIsIgnored) {
  auto status = FollowClub();
  Peer mallory = AddPeer("mallory", "https://evil.test");
  const std::string post = "https://evil.test/posts/1";
  std::string object = ObjectJson("Page", post, mallory, club_.id, "Spoof");
  EXPECT_EQ(Post("/inbox", CreateJson(NewActivityId(mallory), mallory, object), mallory), 202u);
  EXPECT_FALSE(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post).has_value());
}

}  // namespace
}  // namespace guildhall::federation::testing
