// The content extras appended to thread and reply values (spec/STORAGE.md,
// "Content extras"): a round trip keeps every field, a value written before
// the block existed still reads (with empty extras), and a block past its
// caps is reported as corrupt rather than allocated.
#include "storage/model/records/content_extras.h"

#include <gtest/gtest.h>

#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"

namespace guildhall::storage {
namespace {

ContentExtras Full() {
  ContentExtras e;
  e.content_warning = "spoilers";
  e.sensitive = true;
  e.language = "pt-BR";
  e.link_url = "https://example.com/article";
  e.attachments = {{Attachment::Kind::kImage, "https://peer.example/a.png", "image/png", "alt"},
                   {Attachment::Kind::kDocument, "https://peer.example/a.pdf", "", ""}};
  e.emoji = {{":blob:", "https://peer.example/blob.png"}};
  e.hashtags = {"cats", "dogs"};
  e.has_poll = true;
  e.poll = {.multiple = true,
            .choices = {{"apple", 3}, {"orange", 7}},
            .voters = 8,
            .ends_at = 1700000000000,
            .closed = true};
  return e;
}

void ExpectSame(const ContentExtras& a, const ContentExtras& b) {
  EXPECT_EQ(a.content_warning, b.content_warning);
  EXPECT_EQ(a.sensitive, b.sensitive);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.link_url, b.link_url);
  ASSERT_EQ(a.attachments.size(), b.attachments.size());
  for (size_t i = 0; i < a.attachments.size(); ++i) {
    EXPECT_EQ(a.attachments[i].kind, b.attachments[i].kind);
    EXPECT_EQ(a.attachments[i].url, b.attachments[i].url);
    EXPECT_EQ(a.attachments[i].media_type, b.attachments[i].media_type);
    EXPECT_EQ(a.attachments[i].name, b.attachments[i].name);
  }
  ASSERT_EQ(a.emoji.size(), b.emoji.size());
  EXPECT_EQ(a.emoji[0].shortcode, b.emoji[0].shortcode);
  EXPECT_EQ(a.hashtags, b.hashtags);
  EXPECT_EQ(a.has_poll, b.has_poll);
  EXPECT_EQ(a.poll.multiple, b.poll.multiple);
  EXPECT_EQ(a.poll.voters, b.poll.voters);
  EXPECT_EQ(a.poll.ends_at, b.poll.ends_at);
  EXPECT_EQ(a.poll.closed, b.poll.closed);
  ASSERT_EQ(a.poll.choices.size(), b.poll.choices.size());
  EXPECT_EQ(a.poll.choices[1].name, b.poll.choices[1].name);
  EXPECT_EQ(a.poll.choices[1].votes, b.poll.choices[1].votes);
}

TEST(ContentExtrasCodec, ThreadRoundTripKeepsEveryField) {
  Thread t{.id = Id{7}, .group = Id{2}, .author = Id{3}, .title = "t", .body = "b"};
  t.dislike_count = 4;
  t.extras = Full();
  auto back = ThreadCodec::Decode(ThreadCodec::Encode(t));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->dislike_count, 4u);
  ExpectSame(back->extras, t.extras);
}

TEST(ContentExtrasCodec, ReplyRoundTripKeepsEveryField) {
  Reply r{.id = Id{8}, .thread = Id{7}, .group = Id{2}, .author = Id{3}, .body = "b"};
  r.extras = Full();
  auto back = ReplyCodec::Decode(ReplyCodec::Encode(r));
  ASSERT_TRUE(back) << back.error().message;
  ExpectSame(back->extras, r.extras);
}

// A thread value exactly as the codec wrote it before the extras existed
// (the v1 field list of spec/STORAGE.md, nothing appended).
TEST(ContentExtrasCodec, AnOlderThreadValueReadsWithEmptyExtras) {
  ValueWriter w(1);
  w.Id(Id{7}).Id(Id{2}).Id(Id{3}).Str("title").Str("body");
  w.I64(1).I64(0).I64(1).Bool(false).Bool(false).Bool(false).Str("").Id(Id{});
  w.U64(0).U64(2).Str("https://peer.example/post/1").U64(1);
  auto back = ThreadCodec::Decode(w.Take());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->title, "title");
  EXPECT_EQ(back->like_count, 2u);
  EXPECT_EQ(back->dislike_count, 0u);
  EXPECT_TRUE(back->extras.empty());
}

TEST(ContentExtrasCodec, TooManyAttachmentsIsCorrupt) {
  ValueWriter w(1);
  w.U64(1).Str("").Bool(false).Str("").Str("").U64(kMaxAttachments + 1);
  std::string value = w.Take();
  ValueReader r(value);
  bool ok = true;
  ContentExtras e = ReadExtras(r, ok);
  EXPECT_FALSE(ok);
  EXPECT_TRUE(e.attachments.empty());
}

TEST(ContentExtrasCodec, AnUnknownBlockVersionIsCorrupt) {
  Thread t{.id = Id{7}, .group = Id{2}, .author = Id{3}, .title = "t", .body = "b"};
  std::string value = ThreadCodec::Encode(t);
  // The block starts right after dislike_count (one byte, 0): version 1 -> 2.
  const size_t block = value.size() - 9;  // version, 4 empty fields, 3 empty counts, has_poll
  ASSERT_EQ(value[block], 1);
  value[block] = 2;
  auto back = ThreadCodec::Decode(value);
  EXPECT_FALSE(back);
}

}  // namespace
}  // namespace guildhall::storage
