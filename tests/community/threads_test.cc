// Threads, replies and likes (node/community/threads.cc, replies.cc, likes.cc,
// content_ops.cc, pagination.cc).
#include <gtest/gtest.h>

#include <set>

#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using storage::NotificationKind;
using testing::CodeOf;
using testing::Must;

class Threads : public testing::CommunityFixture {
 protected:
  Threads() {
    alice_ = Member("alice");
    bob_ = Member("bob");
    carol_ = Member("carol");
    group_ = Group(alice_, "forum");
    AddMember(alice_, group_, bob_);
    AddMember(alice_, group_, carol_);
  }
  Id Reply(Id author, Id thread, const std::string& body, Id parent = Id{}) {
    return Must(c_.replies.Create(author, thread, {parent, body, ""})).id;
  }
  std::vector<std::string> Titles(Id viewer) {
    std::vector<std::string> out;
    for (const auto& s : Must(c_.threads.List(viewer, group_, {})).items)
      out.push_back(s.thread.title);
    return out;
  }
  Id alice_, bob_, carol_, group_;
};

TEST_F(Threads, RepliesNestAndCountAndNotifyTheParentAuthor) {
  const Id t = NewThread(alice_, group_);
  const Id r1 = Reply(bob_, t, "I agree");
  const Id r2 = Reply(carol_, t, "Why?", r1);
  auto replies = Must(c_.replies.List(alice_, t, {})).items;
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0].reply.id, r1);
  EXPECT_EQ(replies[0].reply.in_reply_to, Id{});
  EXPECT_EQ(replies[1].reply.in_reply_to, r1);
  EXPECT_EQ(Must(c_.threads.Get(alice_, t)).thread.reply_count, 2u);
  EXPECT_EQ(NotificationsOf(alice_).front().kind, NotificationKind::kReply);
  auto to_bob = NotificationsOf(bob_);
  ASSERT_EQ(to_bob.size(), 1u);
  EXPECT_EQ(to_bob[0].kind, NotificationKind::kReply);
  EXPECT_EQ(to_bob[0].reply, r2);
  EXPECT_TRUE(NotificationsOf(carol_).empty());  // nobody hears of their own posts
  const Id other = NewThread(alice_, group_, "Other");
  auto wrong = c_.replies.Create(bob_, other, {r1, "cross-thread", ""});
  ASSERT_EQ(CodeOf(wrong), Code::kInvalid);
  EXPECT_EQ(wrong.error().message, "in_reply_to: is not a reply in this thread");
}

// Issue 10 item 13: a banned member heard of replies to their old posts in
// the group (ids only). Notifications about a group go only to those who may
// see it now, in a public group too.
TEST_F(Threads, BannedMemberGetsNoReplyOrMentionNotifications) {
  const Id pub = Group(alice_, "town", storage::GroupScope::kPublic);
  AddMember(alice_, pub, bob_);
  AddMember(alice_, pub, carol_);
  for (Id g : {group_, pub}) {
    const Id t = NewThread(bob_, g, "Bob's question");
    const Id r = Reply(bob_, t, "More detail");
    Must(c_.moderation.Ban(alice_, g, bob_, "harassment"));
    Reply(carol_, t, "An answer to the thread");
    Reply(carol_, t, "An answer to the reply", r);
    Reply(carol_, t, "Thanks @bob");
  }
  EXPECT_TRUE(NotificationsOf(bob_).empty());
  // The others still hear of replies to them.
  const Id t = NewThread(carol_, group_, "Carol's");
  Reply(alice_, t, "Noted @carol");
  EXPECT_EQ(NotificationsOf(carol_).size(), 1u);
}

TEST_F(Threads, EditMarksEditedAndOnlyTheAuthorMayEdit) {
  const Id t = NewThread(alice_, group_);
  EXPECT_EQ(Must(c_.threads.Get(bob_, t)).thread.edited_at, 0);
  Advance(std::chrono::minutes(5));
  EXPECT_EQ(CodeOf(c_.threads.Edit(bob_, t, {"Mine", "now", 0})), Code::kForbidden);
  auto edited = Must(c_.threads.Edit(alice_, t, {"Hello (fixed)", "Better body", 1}));
  EXPECT_EQ(edited.edited_at, Now());
  EXPECT_EQ(edited.version, 2u);
  EXPECT_EQ(CodeOf(c_.threads.Edit(alice_, t, {"Stale", "edit", 1})), Code::kConflict);
  const Id r = Reply(bob_, t, "first");
  EXPECT_EQ(CodeOf(c_.replies.Edit(alice_, r, "not yours")), Code::kForbidden);
  EXPECT_GT(Must(c_.replies.Edit(bob_, r, "first (edited)")).edited_at, 0);
}

TEST_F(Threads, DeleteIsSoftAndShowsAsDeleted) {
  const Id t = NewThread(alice_, group_);
  const Id r = Reply(bob_, t, "to be deleted");
  const Id r2 = Reply(carol_, t, "answer", r);
  Must(c_.replies.Delete(bob_, r));
  auto replies = Must(c_.replies.List(carol_, t, {})).items;
  ASSERT_EQ(replies.size(), 2u);  // the tree keeps its shape
  EXPECT_TRUE(replies[0].reply.removed);
  EXPECT_TRUE(replies[0].reply.body.empty());
  EXPECT_EQ(replies[1].reply.id, r2);
  EXPECT_EQ(replies[1].reply.in_reply_to, r);
  // Moderators still see the text, to review.
  EXPECT_EQ(Must(c_.replies.Get(alice_, r)).reply.body, "to be deleted");
  Must(c_.threads.Delete(alice_, t));
  EXPECT_TRUE(Titles(bob_).empty());
  EXPECT_EQ(Must(c_.threads.Get(bob_, t)).thread.title, "");
  EXPECT_EQ(CodeOf(c_.replies.Create(bob_, t, {Id{}, "late", ""})), Code::kConflict);
  EXPECT_EQ(Must(c_.groups.Get(alice_, group_)).group.thread_count, 0u);
}

TEST_F(Threads, LockBlocksRepliesButNotModerators) {
  const Id t = NewThread(bob_, group_);
  EXPECT_EQ(CodeOf(c_.threads.SetLocked(bob_, t, true)), Code::kForbidden);
  Must(c_.threads.SetLocked(alice_, t, true));
  auto refused = c_.replies.Create(carol_, t, {Id{}, "can I?", ""});
  ASSERT_EQ(CodeOf(refused), Code::kForbidden);
  EXPECT_EQ(refused.error().message, "thread is locked");
  EXPECT_TRUE(c_.replies.Create(alice_, t, {Id{}, "closing note", ""}));
  Must(c_.threads.SetLocked(alice_, t, false));
  EXPECT_TRUE(c_.replies.Create(carol_, t, {Id{}, "now I can", ""}));
}

TEST_F(Threads, PinnedFirstThenLatestActivity) {
  const Id a = NewThread(bob_, group_, "A");
  Advance(std::chrono::seconds(1));
  const Id b = NewThread(bob_, group_, "B");
  Advance(std::chrono::seconds(1));
  NewThread(bob_, group_, "C");
  EXPECT_EQ(Titles(bob_), (std::vector<std::string>{"C", "B", "A"}));
  Advance(std::chrono::seconds(1));
  Reply(carol_, a, "bump");
  EXPECT_EQ(Titles(bob_), (std::vector<std::string>{"A", "C", "B"}));
  Must(c_.threads.SetPinned(alice_, b, true));
  EXPECT_EQ(Titles(bob_), (std::vector<std::string>{"B", "A", "C"}));
  Must(c_.threads.SetPinned(alice_, b, false));
  EXPECT_EQ(Titles(bob_), (std::vector<std::string>{"A", "C", "B"}));
}

TEST_F(Threads, LikesAreIdempotent) {
  const Id t = NewThread(alice_, group_);
  const Id r = Reply(bob_, t, "likeable");
  EXPECT_EQ(Must(c_.likes.Like(bob_, t)), 1u);
  EXPECT_EQ(Must(c_.likes.Like(bob_, t)), 1u);
  EXPECT_EQ(Must(c_.likes.Like(carol_, t)), 2u);
  EXPECT_TRUE(Must(c_.threads.Get(bob_, t)).liked);
  EXPECT_EQ(Must(c_.likes.Unlike(bob_, t)), 1u);
  EXPECT_EQ(Must(c_.likes.Unlike(bob_, t)), 1u);
  EXPECT_FALSE(Must(c_.threads.Get(bob_, t)).liked);
  EXPECT_EQ(Must(c_.likes.Like(alice_, r)), 1u);
  EXPECT_EQ(Must(c_.replies.Get(bob_, r)).reply.like_count, 1u);
  EXPECT_TRUE(Must(c_.replies.Get(alice_, r)).liked);
  const Id outsider = Member("outsider");
  EXPECT_EQ(CodeOf(c_.likes.Like(outsider, t)), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.likes.Like(bob_, Id{999})), Code::kNotFound);
}

TEST_F(Threads, MentionsNotifyMembersWhoCanRead) {
  const Id dave = Member("dave");  // not in a group that is open: can read
  const Id secret_owner = Member("erin");
  const Id secret =
      Group(secret_owner, "secret", storage::GroupScope::kInternal, storage::JoinMode::kApproval);
  Must(c_.threads.Create(
      alice_, group_,
      {"Mentions", "Hi @Bob and @dave, see `@carol` and mail x@carol.example", ""}));
  EXPECT_EQ(NotificationsOf(bob_).front().kind, NotificationKind::kMention);
  EXPECT_EQ(NotificationsOf(dave).front().kind, NotificationKind::kMention);
  EXPECT_TRUE(NotificationsOf(carol_).empty());  // in code and in an e-mail address
  // In a members-only group, a mentioned outsider must not learn of the post.
  Must(c_.threads.Create(secret_owner, secret, {"Private", "cc @alice", ""}));
  EXPECT_TRUE(NotificationsOf(alice_).empty());
  // Replied-to and mentioned: one notification, not two.
  const Id t = NewThread(bob_, group_);
  Reply(carol_, t, "@bob yes");
  EXPECT_EQ(NotificationsOf(bob_).size(), 2u);
}

TEST_F(Threads, KeysetPaginationIsStableUnderInserts) {
  std::vector<Id> ids;
  for (int i = 0; i < 7; ++i) {
    ids.push_back(NewThread(bob_, group_, "T" + std::to_string(i)));
    Advance(std::chrono::seconds(1));
  }
  auto page1 = Must(c_.threads.List(bob_, group_, {.limit = 3}));
  ASSERT_EQ(page1.items.size(), 3u);
  EXPECT_EQ(page1.items[0].thread.title, "T6");
  // New threads arrive between page loads: they go to the top, and the next
  // page neither repeats nor skips anything.
  NewThread(bob_, group_, "New1");
  NewThread(bob_, group_, "New2");
  auto page2 = Must(c_.threads.List(bob_, group_, {.cursor = page1.next_cursor, .limit = 3}));
  auto page3 = Must(c_.threads.List(bob_, group_, {.cursor = page2.next_cursor, .limit = 3}));
  std::vector<std::string> seen;
  for (const auto* p : {&page1, &page2, &page3}) {
    for (const auto& s : p->items) seen.push_back(s.thread.title);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"T6", "T5", "T4", "T3", "T2", "T1", "T0"}));
  EXPECT_TRUE(page3.next_cursor.empty());
  EXPECT_EQ(CodeOf(c_.threads.List(bob_, group_, {.cursor = "zz"})), Code::kInvalid);
  // Replies page the same way, in creation order.
  const Id t = ids[0];
  for (int i = 0; i < 5; ++i) Reply(carol_, t, "r" + std::to_string(i));
  auto r1 = Must(c_.replies.List(bob_, t, {.limit = 2}));
  Reply(carol_, t, "r5");
  auto r2 = Must(c_.replies.List(bob_, t, {.cursor = r1.next_cursor, .limit = 10}));
  ASSERT_EQ(r2.items.size(), 4u);
  EXPECT_EQ(r2.items[0].reply.body, "r2");
  EXPECT_EQ(r2.items[3].reply.body, "r5");
}

TEST_F(Threads, UnreadMarkersCountNewReplies) {
  const Id t = NewThread(alice_, group_);
  auto before = Must(c_.threads.List(bob_, group_, {})).items;
  ASSERT_EQ(before.size(), 1u);
  EXPECT_TRUE(before[0].unread);                                            // never opened
  EXPECT_FALSE(Must(c_.threads.List(alice_, group_, {})).items[0].unread);  // own thread
  Must(c_.threads.MarkRead(bob_, t));
  EXPECT_FALSE(Must(c_.threads.List(bob_, group_, {})).items[0].unread);
  const Id r1 = Reply(carol_, t, "one");
  Reply(carol_, t, "two");
  Reply(carol_, t, "three");
  auto after = Must(c_.threads.List(bob_, group_, {})).items[0];
  EXPECT_TRUE(after.unread);
  EXPECT_EQ(after.unread_replies, 3u);
  auto marker = Must(c_.threads.MarkRead(bob_, t, r1));
  EXPECT_EQ(marker.last_read_reply, r1);
  EXPECT_EQ(Must(c_.threads.List(bob_, group_, {})).items[0].unread_replies, 2u);
  Must(c_.threads.MarkRead(bob_, t));
  EXPECT_EQ(Must(c_.threads.List(bob_, group_, {})).items[0].unread_replies, 0u);
  Must(c_.threads.MarkRead(bob_, t, r1));  // never backwards
  EXPECT_EQ(Must(c_.threads.List(bob_, group_, {})).items[0].unread_replies, 0u);
  // One's own reply does not count as unread.
  Reply(bob_, t, "mine");
  EXPECT_EQ(Must(c_.threads.List(bob_, group_, {})).items[0].unread_replies, 0u);
  EXPECT_EQ(Must(c_.threads.Get(bob_, t)).marker.replies_seen, 4u);
}

TEST_F(Threads, ValidationNamesTheField) {
  auto bad = c_.threads.Create(bob_, group_, {"", "", ""});
  ASSERT_EQ(CodeOf(bad), Code::kInvalid);
  EXPECT_EQ(bad.error().message, "title: is required; body: is required");
  auto long_title = c_.threads.Create(bob_, group_, {std::string(201, 'x'), "ok", ""});
  EXPECT_EQ(long_title.error().message, "title: must be at most 200 characters");
  auto two_lines = c_.threads.Create(bob_, group_, {"a\nb", "ok", ""});
  EXPECT_EQ(two_lines.error().message, "title: must be a single line");
}

}  // namespace
}  // namespace guildhall::community
