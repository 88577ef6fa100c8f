// ExtrasOf over real payloads of the corpus (tests/fixtures/ap/SOURCES.md):
// what each sender meant by its summary, link, image and poll is what is
// kept. federation/activities/content_extras.cc.
#include "federation/activities/content_extras.h"

#include <gtest/gtest.h>

#include "federation/protocol/as2_reader.h"
#include "tests/federation/fixtures.h"

namespace guildhall::federation {
namespace {

using storage::Attachment;
using testing::ReadFixture;

as::Object ObjectOf(const std::string& fixture) {
  auto doc = as::ReadDocument(ReadFixture(fixture));
  EXPECT_TRUE(doc) << fixture << ": " << (doc ? "" : doc.error().message);
  if (!doc) return {};
  if (auto* a = std::get_if<as::Activity>(&*doc); a && a->object) return *a->object;
  if (auto* o = std::get_if<as::Object>(&*doc)) return *o;
  ADD_FAILURE() << fixture << " carries no object";
  return {};
}

TEST(ExtrasOf, LemmyImagePostIsAnImageNotALink) {
  auto e = ExtrasOf(ObjectOf("ap/lemmy/object_page.json"));
  EXPECT_EQ(e.link_url, "");
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].kind, Attachment::Kind::kImage);
  EXPECT_EQ(e.attachments[0].url, "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png");
  EXPECT_EQ(e.language, "fr");
  EXPECT_EQ(e.content_warning, "");
}

TEST(ExtrasOf, LemmyImageAndLinkKeepsBoth) {
  auto e = ExtrasOf(ObjectOf("ap/lemmy/object_page_image_and_link.json"));
  EXPECT_EQ(e.link_url, "https://example.com/some-article");
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].kind, Attachment::Kind::kImage);
}

TEST(ExtrasOf, MbinLinkAndImageWithAltText) {
  auto e = ExtrasOf(ObjectOf("ap/mbin/create_entry_with_url_and_image.json"));
  EXPECT_EQ(e.link_url, "https://joinmbin.org");
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].name, "kibby");
  EXPECT_EQ(e.attachments[0].media_type, "image/png");
  EXPECT_EQ(e.hashtags, std::vector<std::string>{"test"});
  EXPECT_EQ(e.content_warning, "") << "a titled entry's summary is an abstract";
}

TEST(ExtrasOf, LinkPostWithoutTextKeepsItsUrl) {
  auto e = ExtrasOf(ObjectOf("ap/lotide/object_page.json"));
  EXPECT_EQ(e.link_url, "https://www.youtube.com/watch?v=ZI4LGTXscR4");
}

TEST(ExtrasOf, MastodonDocumentImageIsShownAsImage) {
  auto e = ExtrasOf(ObjectOf("ap/mastodon/object_note_2.json"));
  ASSERT_EQ(e.attachments.size(), 1u);
  EXPECT_EQ(e.attachments[0].kind, Attachment::Kind::kImage);  // Document, image/jpeg
  EXPECT_NE(e.attachments[0].name.find("KDE dragons"), std::string::npos);
}

TEST(ExtrasOf, SensitiveArticleIsCollapsedBehindItsSummary) {
  as::Object o = ObjectOf("ap/nodebb/object_page.json");
  o.sensitive = true;  // NodeBB sends null; Lemmy and Mastodon send true for NSFW
  auto e = ExtrasOf(o);
  EXPECT_TRUE(e.sensitive);
  EXPECT_NE(e.content_warning.find("Welcome to your brand new NodeBB forum!"), std::string::npos);
  EXPECT_EQ(e.content_warning.find('<'), std::string::npos) << "plain text only";
}

TEST(ExtrasOf, NoteSummaryIsAContentWarning) {
  as::Object o;
  o.type = "Note";
  o.summary = "<p>spoilers for <b>the finale</b></p>";
  EXPECT_EQ(ExtrasOf(o).content_warning, "spoilers for the finale");
}

TEST(ExtrasOf, PollKeepsOptionsAndCounts) {
  auto e = ExtrasOf(ObjectOf("ap/mastodon/docs_question.json"));
  ASSERT_TRUE(e.has_poll);
  EXPECT_TRUE(e.poll.multiple);
  EXPECT_EQ(e.poll.voters, 7u);
  ASSERT_EQ(e.poll.choices.size(), 3u);
  EXPECT_EQ(e.poll.choices[0].name, "apple");
  EXPECT_EQ(e.poll.choices[0].votes, 3u);
  EXPECT_GT(e.poll.ends_at, 0);
}

TEST(ExtrasOf, AVoteIsNotAReply) {
  EXPECT_TRUE(IsPollVote(ObjectOf("ap/mastodon/docs_poll_vote.json")));
  EXPECT_TRUE(IsPollVote(ObjectOf("ap/mbin/create_poll_vote.json")));
  EXPECT_FALSE(IsPollVote(ObjectOf("ap/lemmy/object_comment.json")));
}

TEST(ExtrasOf, EmojiAndCapsAreBounded) {
  as::Object o;
  o.type = "Note";
  for (int i = 0; i < 80; ++i) {
    o.tag.push_back({.type = "Emoji",
                     .name = ":e" + std::to_string(i) + ":",
                     .icon_url = "https://peer.example/e.png"});
    o.attachment.push_back({.type = "Image", .href = "https://peer.example/" + std::to_string(i)});
  }
  o.tag.push_back({.type = "Emoji", .name = ":bad\"name:", .icon_url = "https://peer.example/x"});
  o.attachment.push_back({.type = "Image", .href = "javascript:alert(1)"});
  auto e = ExtrasOf(o);
  EXPECT_EQ(e.emoji.size(), storage::kMaxCustomEmoji);
  EXPECT_EQ(e.attachments.size(), storage::kMaxAttachments);
  for (const auto& m : e.emoji) EXPECT_EQ(m.shortcode.find('"'), std::string::npos);
}

}  // namespace
}  // namespace guildhall::federation
