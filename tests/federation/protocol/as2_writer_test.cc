#include "federation/protocol/as2_writer.h"

#include <gtest/gtest.h>

#include "federation/protocol/as2_reader.h"
#include "federation/protocol/datetime.h"
#include "federation/protocol/discovery.h"
#include "tests/federation/fixtures.h"
#include "tests/federation/test_keys.h"

namespace guildhall::federation::as {
namespace {

using testing::Golden;

TimePoint At(const char* t) { return *ParseRfc3339(t); }

Actor GroupActor() {
  Actor g;
  g.id = "https://guild.example/g/news";
  g.type = "Group";
  g.preferred_username = "news";
  g.name = "Company news";
  g.summary = "<p>Announcements &amp; discussion.</p>";
  g.source = Source{"Announcements & discussion.", "text/markdown"};
  g.url = "https://guild.example/g/news";
  g.inbox = "https://guild.example/g/news/inbox";
  g.outbox = "https://guild.example/g/news/outbox";
  g.followers = "https://guild.example/g/news/followers";
  g.following = "https://guild.example/g/news/following";
  g.featured = "https://guild.example/g/news/featured";
  g.moderators = "https://guild.example/g/news/moderators";
  g.shared_inbox = "https://guild.example/inbox";
  g.public_keys = {{"https://guild.example/g/news#main-key", "https://guild.example/g/news",
                    testing::kRsaAPublicPem}};
  g.icon = Link{"Image", "https://guild.example/media/news.png", "image/png"};
  g.manually_approves_followers = true;
  g.posting_restricted_to_mods = false;
  g.published = At("2024-01-02T03:04:05Z");
  return g;
}

Object ThreadPage() {
  Object p;
  p.id = "https://guild.example/g/news/t/7";
  p.type = "Page";
  p.attributed_to = {"https://guild.example/u/carol"};
  p.name = "Quarterly meetup";
  p.content = "<p>Join us on <strong>Friday</strong>.</p>";
  p.media_type = "text/html";
  p.source = Source{"Join us on **Friday**.", "text/markdown"};
  p.audience = "https://guild.example/g/news";
  p.to = {"https://guild.example/g/news", std::string(kPublic)};
  p.cc = {"https://guild.example/g/news/followers"};
  p.published = At("2024-04-30T09:00:00.250Z");
  p.url = "https://guild.example/g/news/t/7";
  p.tag = {{"Mention", "https://mastodon.example/users/alice", "@alice@mastodon.example", ""}};
  p.comments_enabled = true;
  p.stickied = false;
  return p;
}

Object Event() {
  Object e;
  e.id = "https://guild.example/g/news/e/3";
  e.type = "Event";
  e.attributed_to = {"https://guild.example/g/news"};
  e.name = "Spring planting day";
  e.content = "<p>Bring gloves.</p>";
  e.to = {std::string(kPublic)};
  e.start_time = At("2024-05-18T07:00:00Z");
  e.end_time = At("2024-05-18T11:00:00Z");
  e.timezone = "Europe/Paris";
  e.join_mode = "free";
  e.status = "CONFIRMED";
  e.maximum_attendee_capacity = 40;
  e.location =
      Place{"North gate", "Boulevard des Belges", "Lyon", "", "69006", "France", 45.7772, 4.8553};
  return e;
}

Activity AnnounceOfCreate() {
  auto create = std::make_shared<Activity>();
  create->id = "https://guild.example/g/news/t/7/create";
  create->type = "Create";
  create->actor = "https://guild.example/u/carol";
  create->object = std::make_shared<Object>(ThreadPage());
  create->object_id = create->object->id;
  create->object_type = "Page";
  create->to = {"https://guild.example/g/news", std::string(kPublic)};
  create->audience = {"https://guild.example/g/news"};
  Activity announce;
  announce.id = "https://guild.example/g/news/activities/announce/1";
  announce.type = "Announce";
  announce.actor = "https://guild.example/g/news";
  announce.object_activity = create;
  announce.object_id = create->id;
  announce.to = {std::string(kPublic)};
  announce.cc = {"https://guild.example/g/news/followers"};
  announce.bcc = {"https://secret.example/u/never-written"};
  announce.published = At("2024-04-30T09:00:01Z");
  return announce;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  EXPECT_EQ(Golden("ap/golden/" + name, actual), actual)
      << "regenerate with GUILDHALL_UPDATE_GOLDEN=1 if intended";
}

TEST(As2Writer, GroupActorGolden) { ExpectGolden("group_actor.json", WriteActor(GroupActor())); }
TEST(As2Writer, AnnounceOfCreateGolden) {
  ExpectGolden("announce_create_page.json", WriteActivity(AnnounceOfCreate()));
}
TEST(As2Writer, EventGolden) { ExpectGolden("event.json", WriteObject(Event())); }

TEST(As2Writer, CollectionPageGolden) {
  Collection page;
  page.id = "https://guild.example/g/news/followers?page=1";
  page.type = "OrderedCollectionPage";
  page.total_items = 2;
  page.part_of = "https://guild.example/g/news/followers";
  page.item_ids = {"https://mastodon.example/users/alice", "https://lemmy.example/u/dave"};
  ExpectGolden("followers_page.json", WriteCollection(page));
  Collection empty_page = page;
  empty_page.item_ids.clear();
  EXPECT_NE(WriteCollection(empty_page).find("\"orderedItems\":[]"), std::string::npos);
}

TEST(As2Writer, WebFingerAndNodeInfoGolden) {
  Jrd jrd;
  jrd.subject = "acct:news@guild.example";
  jrd.aliases = {"https://guild.example/g/news"};
  jrd.links = {
      {"self", std::string(kActivityJsonType), "https://guild.example/g/news", ""},
      {"http://webfinger.net/rel/profile-page", "text/html", "https://guild.example/g/news", ""}};
  ExpectGolden("discovery/webfinger.json", WriteJrd(jrd));
  NodeInfo info;
  info.software_name = "guildhall";
  info.software_version = "0.1.0";
  info.software_repository = "https://git.example/guildhall";
  info.software_homepage = "https://guild.example";
  info.users_total = 120;
  info.users_active_month = 80;
  info.users_active_halfyear = 100;
  info.local_posts = 4000;
  info.metadata = {{"nodeName", "Example Guild"}};
  ExpectGolden("discovery/nodeinfo_2.0.json", WriteNodeInfo(info, "2.0"));
  ExpectGolden("discovery/nodeinfo_2.1.json", WriteNodeInfo(info, "2.1"));
  ExpectGolden("discovery/nodeinfo_links.json",
               WriteNodeInfoLinks("https://guild.example/nodeinfo/2.0",
                                  "https://guild.example/nodeinfo/2.1"));
}

TEST(As2Writer, OutputIsDeterministicAndNeverCarriesBcc) {
  std::string once = WriteActivity(AnnounceOfCreate());
  EXPECT_EQ(once, WriteActivity(AnnounceOfCreate()));
  EXPECT_EQ(once.find("never-written"), std::string::npos);
  EXPECT_EQ(once.find("\"bcc\""), std::string::npos);
}

TEST(As2Writer, RoundTripsThroughTheReader) {
  auto announce = ReadActivity(WriteActivity(AnnounceOfCreate()));
  ASSERT_TRUE(announce) << announce.error().message;
  ASSERT_TRUE(announce->object_activity);
  ASSERT_TRUE(announce->object_activity->object);
  const Object& page = *announce->object_activity->object;
  Object expected = ThreadPage();
  EXPECT_EQ(page.id, expected.id);
  EXPECT_EQ(page.name, expected.name);
  EXPECT_EQ(page.content, expected.content);
  EXPECT_EQ(page.source->content, expected.source->content);
  EXPECT_EQ(page.to, expected.to);
  EXPECT_EQ(page.published, expected.published);
  EXPECT_EQ(page.tag[0].href, expected.tag[0].href);
  EXPECT_EQ(page.comments_enabled, true);

  auto actor = ReadActor(WriteActor(GroupActor()));
  ASSERT_TRUE(actor) << actor.error().message;
  EXPECT_EQ(actor->moderators, "https://guild.example/g/news/moderators");
  EXPECT_EQ(actor->shared_inbox, "https://guild.example/inbox");
  EXPECT_EQ(actor->public_keys[0].public_key_pem, testing::kRsaAPublicPem);
  EXPECT_TRUE(actor->manually_approves_followers);

  auto event = ReadObject(WriteObject(Event()));
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->start_time, Event().start_time);
  EXPECT_EQ(event->location->postal_code, "69006");
  EXPECT_DOUBLE_EQ(*event->location->longitude, 4.8553);
  EXPECT_EQ(event->maximum_attendee_capacity, 40);
  EXPECT_EQ(event->status, "CONFIRMED");

  auto jrd = ReadJrd(testing::ReadFixture("ap/golden/discovery/webfinger.json"));
  ASSERT_TRUE(jrd);
  EXPECT_EQ(jrd->SelfActivityPubHref(), "https://guild.example/g/news");
}

TEST(Discovery, SelfLinkNeedsAnActivityPubType) {
  auto jrd = ReadJrd(
      R"({"subject":"acct:a@b.example","links":[{"rel":"self","type":"application/ld+json","href":"https://b.example/a"}]})");
  ASSERT_TRUE(jrd);
  EXPECT_FALSE(jrd->SelfActivityPubHref());
  jrd = ReadJrd(
      R"({"links":[{"rel":"self","type":"application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"","href":"https://b.example/a"}]})");
  ASSERT_TRUE(jrd);
  EXPECT_EQ(jrd->SelfActivityPubHref(), "https://b.example/a");
  EXPECT_FALSE(ReadJrd(R"({"links":"x","subject":1})"));
}

}  // namespace
}  // namespace guildhall::federation::as
