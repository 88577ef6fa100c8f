#include "federation/protocol/as2_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "federation/protocol/datetime.h"
#include "federation/signatures/keys.h"
#include "tests/federation/fixtures.h"

namespace guildhall::federation::as {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ReadFixture;

template <class T>
T Read(const std::string& fixture) {
  auto doc = ReadDocument(ReadFixture(fixture));
  EXPECT_TRUE(doc) << fixture << ": " << doc.error().message;
  if (!doc) return T{};
  EXPECT_TRUE(std::holds_alternative<T>(*doc)) << fixture;
  return std::holds_alternative<T>(*doc) ? std::get<T>(*doc) : T{};
}

TEST(As2Reader, EveryCorpusDocumentParses) {
  auto files = testing::CorpusFiles();
  ASSERT_GE(files.size(), 30u);
  for (const std::string& file : files) {
    std::string text = ReadFixture(file);
    auto doc = ReadDocument(text);
    EXPECT_TRUE(doc) << file << ": " << (doc ? "" : doc.error().message);
  }
}

TEST(As2Reader, EveryCorpusActorKeyImports) {
  for (const std::string& file : testing::CorpusFiles()) {
    auto doc = ReadDocument(ReadFixture(file));
    if (!doc || !std::holds_alternative<Actor>(*doc)) continue;
    const Actor& actor = std::get<Actor>(*doc);
    ASSERT_FALSE(actor.public_keys.empty()) << file;
    EXPECT_EQ(actor.public_keys[0].owner, actor.id) << file;
    auto key = PublicKey::FromPem(actor.public_keys[0].public_key_pem);
    EXPECT_TRUE(key) << file << ": " << key.error().message;
  }
}

TEST(As2Reader, MastodonCreateNote) {
  auto act = Read<Activity>("ap/mastodon/create_note.json");
  EXPECT_EQ(act.type, "Create");
  EXPECT_EQ(act.actor, "https://mastodon.example/users/alice");
  ASSERT_TRUE(act.object);
  EXPECT_EQ(act.object_type, "Note");
  EXPECT_EQ(act.object_id, "https://mastodon.example/users/alice/statuses/111222333444555666");
  const Object& note = *act.object;
  EXPECT_EQ(note.attributed_to, std::vector<std::string>{"https://mastodon.example/users/alice"});
  EXPECT_EQ(note.in_reply_to, "https://guild.example/g/news/t/7");
  EXPECT_TRUE(note.context.empty());  // "context" absent; the tag: URI conversation is ignored
  EXPECT_THAT(note.to, ElementsAre(std::string(kPublic)));
  ASSERT_EQ(note.tag.size(), 2u);
  EXPECT_EQ(note.tag[0].type, "Mention");
  EXPECT_EQ(note.tag[0].href, "https://guild.example/g/news");
  ASSERT_EQ(note.attachment.size(), 1u);
  EXPECT_EQ(note.attachment[0].media_type, "image/jpeg");
  EXPECT_EQ(note.attachment[0].width, 1600);
  EXPECT_EQ(note.replies,
            "https://mastodon.example/users/alice/statuses/111222333444555666/replies");
  EXPECT_EQ(note.url, "https://mastodon.example/@alice/111222333444555666");
  EXPECT_EQ(act.published, ParseRfc3339("2024-04-30T09:15:02Z"));
  EXPECT_EQ(act.raw_json, ReadFixture("ap/mastodon/create_note.json"));
}

TEST(As2Reader, MastodonActor) {
  auto actor = Read<Actor>("ap/mastodon/actor_person.json");
  EXPECT_EQ(actor.type, "Person");
  EXPECT_EQ(actor.preferred_username, "alice");
  EXPECT_EQ(actor.shared_inbox, "https://mastodon.example/inbox");
  EXPECT_EQ(actor.public_keys[0].id, "https://mastodon.example/users/alice#main-key");
  EXPECT_TRUE(actor.discoverable);
  ASSERT_TRUE(actor.icon);
  EXPECT_THAT(actor.icon->href, HasSubstr("avatar.png"));
  ASSERT_EQ(actor.attachment.size(), 2u);
  EXPECT_EQ(actor.attachment[0].type, "PropertyValue");
  EXPECT_EQ(actor.attachment[0].value, "she/her");
}

TEST(As2Reader, MastodonFlagListsEveryReportedObject) {
  auto act = Read<Activity>("ap/mastodon/flag.json");
  EXPECT_EQ(act.object_id, "https://guild.example/u/spammer");
  EXPECT_THAT(act.extra_objects, ElementsAre("https://guild.example/g/news/t/7/r/12",
                                             "https://guild.example/g/news/t/7/r/13"));
  EXPECT_EQ(act.content, "Spam links in every reply");
}

TEST(As2Reader, MastodonUndoAndUpdateEmbedActivityAndActor) {
  auto undo = Read<Activity>("ap/mastodon/undo_follow.json");
  ASSERT_TRUE(undo.object_activity);
  EXPECT_EQ(undo.object_activity->type, "Follow");
  EXPECT_EQ(undo.object_activity->object_id, "https://guild.example/g/news");
  auto update = Read<Activity>("ap/mastodon/update_person.json");
  ASSERT_TRUE(update.object_actor);
  EXPECT_EQ(update.object_actor->name, "Alice (away)");
  auto del = Read<Activity>("ap/mastodon/delete_note.json");
  ASSERT_TRUE(del.object);
  EXPECT_EQ(del.object_type, "Tombstone");
}

TEST(As2Reader, LemmyAnnounceOfCreatePage) {
  auto announce = Read<Activity>("ap/lemmy/announce_create_page.json");
  EXPECT_EQ(announce.actor, "https://lemmy.example/c/selfhosting");
  ASSERT_TRUE(announce.object_activity);
  const Activity& create = *announce.object_activity;
  EXPECT_EQ(create.actor, "https://lemmy.example/u/dave");
  EXPECT_THAT(create.audience, ElementsAre("https://lemmy.example/c/selfhosting"));
  ASSERT_TRUE(create.object);
  const Object& page = *create.object;
  EXPECT_EQ(page.type, "Page");
  EXPECT_EQ(page.name, "Which reverse proxy do you run in front of your node?");
  EXPECT_EQ(page.audience, "https://lemmy.example/c/selfhosting");
  ASSERT_TRUE(page.source);
  EXPECT_EQ(page.source->media_type, "text/markdown");
  EXPECT_EQ(page.comments_enabled, true);
  EXPECT_EQ(page.stickied, false);
  ASSERT_EQ(page.attachment.size(), 1u);
  EXPECT_EQ(page.attachment[0].href, "https://blog.example/reverse-proxies");
  // Microsecond precision survives.
  EXPECT_EQ(FormatRfc3339(*page.published), "2024-04-29T20:11:05.445Z");
}

TEST(As2Reader, LemmyGroupModeratorsFromAttributedTo) {
  auto group = Read<Actor>("ap/lemmy/group.json");
  EXPECT_EQ(group.type, "Group");
  EXPECT_EQ(group.moderators, "https://lemmy.example/c/selfhosting/moderators");
  EXPECT_EQ(group.posting_restricted_to_mods, false);
  EXPECT_EQ(group.featured, "https://lemmy.example/c/selfhosting/featured");
}

TEST(As2Reader, LemmyOutboxEmbedsActivities) {
  auto outbox = Read<Collection>("ap/lemmy/outbox.json");
  EXPECT_EQ(outbox.total_items, 1);
  ASSERT_EQ(outbox.activities.size(), 1u);
  EXPECT_EQ(outbox.activities[0].type, "Announce");
  EXPECT_EQ(outbox.item_ids[0], outbox.activities[0].id);
}

TEST(As2Reader, MobilizonEvent) {
  auto create = Read<Activity>("ap/mobilizon/create_event.json");
  ASSERT_TRUE(create.object);
  const Object& event = *create.object;
  EXPECT_EQ(event.type, "Event");
  EXPECT_EQ(event.start_time, ParseRfc3339("2024-05-18T07:00:00Z"));
  EXPECT_EQ(event.end_time, ParseRfc3339("2024-05-18T11:00:00Z"));
  EXPECT_EQ(event.timezone, "Europe/Paris");
  EXPECT_EQ(event.join_mode, "free");
  EXPECT_EQ(event.status, "CONFIRMED");
  EXPECT_EQ(event.maximum_attendee_capacity, 40);
  ASSERT_TRUE(event.location);
  EXPECT_EQ(event.location->locality, "Lyon");
  EXPECT_EQ(event.location->postal_code, "69006");
  EXPECT_DOUBLE_EQ(*event.location->latitude, 45.7772);
  ASSERT_EQ(event.attachment.size(), 2u);
  EXPECT_EQ(event.attachment[1].type, "PropertyValue");
}

TEST(As2Reader, FedifyShapes) {
  auto create = Read<Activity>("ap/fedify/create_note.json");
  EXPECT_THAT(create.to, ElementsAre(std::string(kPublic)));  // a single string, not an array
  auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(
      *create.published - *ParseRfc3339("2026-11-22T17:53:23Z"));
  EXPECT_EQ(nanos.count(), 631003174);
  auto note = Read<Object>("ap/fedify/note_fetched.json");
  EXPECT_THAT(note.to, ElementsAre(std::string(kPublic)));  // "as:Public"
  EXPECT_EQ(note.cc.back(), kPublic);                       // "Public"
  auto accept = Read<Activity>("ap/fedify/accept_follow.json");
  ASSERT_TRUE(accept.object_activity);
  EXPECT_EQ(accept.object_id, "http://127.0.0.1:8080/activities/follow/42");
  EXPECT_EQ(accept.object_type, "Follow");
  EXPECT_EQ(accept.object_activity->actor, "http://127.0.0.1:8080/g/news");
  auto person = Read<Actor>("ap/fedify/person.json");
  ASSERT_EQ(person.assertion_methods.size(), 2u);
  EXPECT_FALSE(
      PublicKey::FromMultibase(person.assertion_methods[0].public_key_multibase));  // RSA Multikey
  auto ed = PublicKey::FromMultibase(person.assertion_methods[1].public_key_multibase);
  ASSERT_TRUE(ed) << ed.error().message;
  EXPECT_EQ(ed->type(), KeyType::kEd25519);
  EXPECT_EQ(PublicKey::FromPem(person.public_keys[0].public_key_pem)->bits(), 4096);
}

TEST(As2Reader, PeerTubeVideo) {
  auto video = Read<Object>("ap/peertube/video.json");
  EXPECT_EQ(video.type, "Video");
  EXPECT_EQ(video.url,
            "https://peertube.example/w/cJ4wQ9p2");  // the text/html link, not the playlist
  EXPECT_THAT(video.attributed_to, ElementsAre("https://peertube.example/accounts/grace",
                                               "https://peertube.example/video-channels/meetups"));
  EXPECT_EQ(video.media_type, "text/markdown");
}

TEST(As2Reader, GoToSocialSingleStringAddressing) {
  auto create = Read<Activity>("ap/gotosocial/create_note.json");
  EXPECT_THAT(create.cc, ElementsAre("https://gts.example/users/frank/followers"));
  ASSERT_TRUE(create.object);
  EXPECT_EQ(create.object->tag.size(), 1u);
  auto person = Read<Actor>("ap/gotosocial/person.json");
  EXPECT_TRUE(person.manually_approves_followers);
}

TEST(As2Reader, TypeArraysPickTheFirstKnownType) {
  auto act = ReadActivity(
      R"({"id":"https://a.example/1","type":["x:Custom","Like"],"actor":"https://a.example/u","object":"https://b.example/p"})");
  ASSERT_TRUE(act) << act.error().message;
  EXPECT_EQ(act->type, "Like");
  auto unknown = ReadActivity(
      R"({"id":"https://a.example/1","type":["x:Custom"],"actor":"https://a.example/u"})");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->type, "x:Custom");
}

TEST(As2Reader, InvalidPublishedIsIgnored) {
  auto act = ReadActivity(
      R"({"id":"https://a.example/1","type":"Like","actor":"https://a.example/u","published":"yesterday"})");
  ASSERT_TRUE(act);
  EXPECT_FALSE(act->published);
}

struct Malicious {
  const char* name;
  std::string json;
  Code code;
  const char* reason;
};

std::string Activity(const std::string& extra) {
  return R"({"@context":"https://www.w3.org/ns/activitystreams","id":"https://a.example/act/1","type":"Create","actor":"https://a.example/u/a")" +
         extra + "}";
}

std::string ManyStrings(const char* field, int n, const std::string& item) {
  std::string s = std::string(",\"") + field + "\":[";
  for (int i = 0; i < n; ++i) s += (i ? "," : "") + item;
  return s + "]";
}

class As2Rejects : public ::testing::TestWithParam<Malicious> {};

TEST_P(As2Rejects, WithReason) {
  auto act = ReadActivity(GetParam().json);
  ASSERT_FALSE(act) << GetParam().name;
  EXPECT_EQ(act.error().code, GetParam().code);
  EXPECT_THAT(act.error().message, HasSubstr(GetParam().reason));
}

INSTANTIATE_TEST_SUITE_P(
    As2Reader, As2Rejects,
    ::testing::Values(
        Malicious{"DeepNesting",
                  "{\"object\":" + std::string(10000, '[') + std::string(10000, ']') + "}",
                  Code::kTooLarge, "nesting"},
        Malicious{"DuplicateId", Activity(R"(,"id":"https://evil.example/1")"), Code::kInvalid,
                  "duplicate member"},
        Malicious{"Graph", Activity(R"(,"@graph":[{"id":"https://a.example/x"}])"), Code::kInvalid,
                  "@graph"},
        Malicious{"NestedReverse", Activity(R"(,"object":{"type":"Note","@reverse":{}})"),
                  Code::kInvalid, "@reverse"},
        Malicious{"Included", Activity(R"(,"@included":[])"), Code::kInvalid, "@included"},
        Malicious{
            "ContextRedefinesId",
            R"({"@context":["https://www.w3.org/ns/activitystreams",{"id":"@type"}],"id":"https://a.example/1","type":"Like","actor":"https://a.example/u"})",
            Code::kInvalid, "redefines id"},
        Malicious{
            "ContextRedefinesActor",
            R"({"@context":{"actor":"https://evil.example/ns#x"},"id":"https://a.example/1","type":"Like","actor":"https://a.example/u"})",
            Code::kInvalid, "redefines actor"},
        Malicious{"HugeRecipients", Activity(ManyStrings("to", 1001, "\"https://b.example/u\"")),
                  Code::kTooLarge, "too many recipients"},
        Malicious{"RecipientsAcrossFields",
                  Activity(ManyStrings("to", 600, "\"https://b.example/u\"") +
                           ManyStrings("cc", 401, "\"https://b.example/u\"")),
                  Code::kTooLarge, "too many recipients"},
        Malicious{"HugeTags",
                  Activity(R"(,"object":{"id":"https://a.example/n","type":"Note")" +
                           ManyStrings("tag", 101, R"({"type":"Hashtag","name":"#x"})") + "}"),
                  Code::kTooLarge, "tag"},
        Malicious{"HugeAttachments",
                  Activity(R"(,"object":{"id":"https://a.example/n","type":"Note")" +
                           ManyStrings("attachment", 17,
                                       R"({"type":"Document","url":"https://a.example/f"})") +
                           "}"),
                  Code::kTooLarge, "attachment"},
        Malicious{"HugeContent",
                  Activity(R"(,"object":{"id":"https://a.example/n","type":"Note","content":")" +
                           std::string(100 * 1024 + 1, 'x') + "\"}"),
                  Code::kTooLarge, "content"},
        Malicious{"HugeName",
                  Activity(R"(,"object":{"id":"https://a.example/n","type":"Page","name":")" +
                           std::string(1025, 'x') + "\"}"),
                  Code::kTooLarge, "name"},
        Malicious{"InvalidUtf8", Activity(",\"summary\":\"\xff\xfe\""), Code::kInvalid,
                  "Invalid encoding"},
        Malicious{"TopLevelArray", "[" + Activity("") + "]", Code::kInvalid,
                  "top level is not an object"},
        Malicious{
            "IdWithUserinfo",
            R"({"id":"https://user:pw@a.example/1","type":"Like","actor":"https://a.example/u"})",
            Code::kInvalid, "id: URL has userinfo"},
        Malicious{"IdJavascript",
                  R"J({"id":"javascript:alert(1)","type":"Like","actor":"https://a.example/u"})J",
                  Code::kInvalid, "id: scheme is not http(s)"},
        Malicious{"IdFragmentOnly", R"({"id":"#frag","type":"Like","actor":"https://a.example/u"})",
                  Code::kInvalid, "id: not an absolute URL"},
        Malicious{"IdTooLong",
                  R"({"id":"https://a.example/)" + std::string(2100, 'x') +
                      R"(","type":"Like","actor":"https://a.example/u"})",
                  Code::kTooLarge, "id: URL longer"},
        Malicious{"IdNotString", R"({"id":42,"type":"Like","actor":"https://a.example/u"})",
                  Code::kInvalid, "id: not a string"},
        Malicious{"MissingId", R"({"type":"Like","actor":"https://a.example/u"})", Code::kInvalid,
                  "id: missing"},
        Malicious{"MissingActor", R"({"id":"https://a.example/1","type":"Like"})", Code::kInvalid,
                  "actor: missing"},
        Malicious{"MissingType", R"({"id":"https://a.example/1","actor":"https://a.example/u"})",
                  Code::kInvalid, "type: missing"},
        Malicious{"TypeNotString",
                  R"({"id":"https://a.example/1","type":{"x":1},"actor":"https://a.example/u"})",
                  Code::kInvalid, "type: not a string"},
        Malicious{"ActorDataUrl",
                  R"({"id":"https://a.example/1","type":"Like","actor":"data:text/html,x"})",
                  Code::kInvalid, "actor"},
        Malicious{"ObjectNumber", Activity(R"(,"object":7)"), Code::kInvalid, "object"},
        Malicious{
            "EmbeddingTooDeep",
            Activity(
                R"(,"object":{"type":"Announce","object":{"type":"Announce","object":{"type":"Announce","object":{"type":"Announce","object":{"type":"Announce","object":"https://a.example/x"}}}}})"),
            Code::kTooLarge, "embedded too deeply"},
        Malicious{
            "ContentNotString",
            Activity(
                R"(,"object":{"id":"https://a.example/n","type":"Note","content":["<p>x</p>"]})"),
            Code::kInvalid, "content: not a string"}),
    [](const auto& info) { return std::string(info.param.name); });

// Issue 9: Mbin's `"content": null` with `"contentMap": {"en": null}` (a
// poll entry without text) was refused as "not a string".
TEST(As2Reader, MbinNullContentMapIsAnEmptyText) {
  auto act = Read<as::Activity>("ap/mbin/create_entry_with_multiple_choice_poll.json");
  ASSERT_TRUE(act.object);
  EXPECT_EQ(act.object->type, "Question");
  EXPECT_TRUE(act.object->content.empty());
  EXPECT_EQ(act.object->name, "test");
  EXPECT_EQ(act.object->language, "en");
  ASSERT_TRUE(act.object->poll);
  EXPECT_TRUE(act.object->poll->multiple);
  ASSERT_EQ(act.object->poll->options.size(), 3u);
  EXPECT_EQ(act.object->poll->options[2].name, "C");
}

TEST(As2Reader, MastodonQuestionOptionsAndCounts) {
  auto o = Read<Object>("ap/mastodon/docs_question.json");
  ASSERT_TRUE(o.poll);
  EXPECT_TRUE(o.poll->multiple);  // anyOf
  EXPECT_EQ(o.poll->voters, 7);
  ASSERT_EQ(o.poll->options.size(), 3u);
  EXPECT_EQ(o.poll->options[1].name, "orange");
  EXPECT_EQ(o.poll->options[1].votes, 7);
  EXPECT_EQ(o.poll->options[2].votes, 6);
}

TEST(As2Reader, LanguageFromContentMapOrLemmy) {
  EXPECT_EQ(Read<Object>("ap/lemmy/object_page.json").language, "fr");        // language.identifier
  EXPECT_EQ(Read<Object>("ap/friendica/object_page_1.json").language, "de");  // contentMap
  EXPECT_EQ(Read<Object>("ap/gnusocial/object_page.json").language, "");
  auto bad = ReadObject(
      R"({"id":"https://a.example/1","type":"Note","contentMap":{"en\"><script>":"x"}})");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->language, "") << "a key that is not a language tag is dropped";
}

TEST(As2Reader, TooManyPollOptionsIsRefused) {
  std::string options;
  for (int i = 0; i < 21; ++i) options += (i ? "," : "") + std::string(R"({"name":"o"})");
  auto r =
      ReadObject(R"({"id":"https://a.example/q","type":"Question","oneOf":[)" + options + "]}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kTooLarge);
}

}  // namespace
}  // namespace guildhall::federation::as
