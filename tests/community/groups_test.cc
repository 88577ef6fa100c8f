// Groups and memberships (node/community/groups.cc, memberships.cc, group_ops.cc).
#include <gtest/gtest.h>

#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using storage::GroupRole;
using storage::GroupScope;
using storage::JoinMode;
using storage::MembershipState;
using storage::NotificationKind;
using testing::CodeOf;
using testing::Must;
using Groups = testing::CommunityFixture;

TEST_F(Groups, CreateValidatesAndMakesTheCreatorOwner) {
  const Id alice = Member("alice");
  auto bad = c_.groups.Create(alice, {.slug = "-Bad Slug", .name = "x"});
  ASSERT_EQ(CodeOf(bad), Code::kInvalid);
  EXPECT_EQ(bad.error().message,
            "slug: must be 2 to 40 characters: a-z, 0-9 and - (not at either end); "
            "name: must be at least 2 characters");
  auto view = Must(c_.groups.Create(alice, {.slug = "rust-guild", .name = "Rust guild"}));
  ASSERT_TRUE(view.membership);
  EXPECT_EQ(view.membership->role, GroupRole::kOwner);
  EXPECT_EQ(view.group.member_count, 1u);
  EXPECT_TRUE(view.can.edit_group);
  auto taken = c_.groups.Create(alice, {.slug = "rust-guild", .name = "Another"});
  ASSERT_EQ(CodeOf(taken), Code::kConflict);
  EXPECT_EQ(taken.error().message, "slug: is already taken");
  EXPECT_EQ(Must(c_.groups.GetBySlug(alice, "rust-guild")).group.id, view.group.id);
}

TEST_F(Groups, OpenGroupJoinsAtOnce) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "open");
  auto m = Must(c_.memberships.Join(bob, g));
  EXPECT_EQ(m.state, MembershipState::kActive);
  EXPECT_EQ(Must(c_.memberships.Join(bob, g)).state, MembershipState::kActive);  // idempotent
  EXPECT_EQ(Must(c_.groups.Get(bob, g)).group.member_count, 2u);
  Must(c_.memberships.Leave(bob, g));
  EXPECT_EQ(Must(c_.groups.Get(bob, g)).group.member_count, 1u);
  EXPECT_EQ(CodeOf(c_.memberships.Leave(bob, g)), Code::kNotFound);
}

TEST_F(Groups, ApprovalFlowNotifiesModeratorsAndRequester) {
  const Id alice = Member("alice"), bob = Member("bob"), mod = Member("mod");
  const Id g = Group(alice, "approval", GroupScope::kInternal, JoinMode::kApproval);
  AddMember(alice, g, mod);
  Must(c_.memberships.SetRole(alice, g, mod, GroupRole::kModerator));
  auto pending = Must(c_.memberships.Join(bob, g));
  EXPECT_EQ(pending.state, MembershipState::kPending);
  for (Id staff : {alice, mod}) {
    auto notes = NotificationsOf(staff);
    ASSERT_FALSE(notes.empty());
    EXPECT_EQ(notes.front().kind, NotificationKind::kJoinRequest);
    EXPECT_EQ(notes.front().actor, bob);
  }
  EXPECT_EQ(CodeOf(c_.threads.List(bob, g, {})), Code::kForbidden);  // not a member yet
  auto queue = Must(c_.memberships.List(mod, g, MembershipState::kPending, {}));
  ASSERT_EQ(queue.items.size(), 1u);
  EXPECT_EQ(queue.items[0].member.username, "bob");
  EXPECT_EQ(CodeOf(c_.memberships.List(bob, g, MembershipState::kPending, {})), Code::kForbidden);
  EXPECT_EQ(Must(c_.memberships.Approve(mod, g, bob)).state, MembershipState::kActive);
  EXPECT_EQ(NotificationsOf(bob).front().kind, NotificationKind::kJoinApproved);
  EXPECT_TRUE(c_.threads.List(bob, g, {}));
  EXPECT_EQ(CodeOf(c_.memberships.Approve(mod, g, bob)), Code::kNotFound);
}

TEST_F(Groups, DeniedRequestIsGoneAndNotified) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "approval", GroupScope::kInternal, JoinMode::kApproval);
  Must(c_.memberships.Join(bob, g));
  Must(c_.memberships.Deny(alice, g, bob));
  EXPECT_FALSE(Must(c_.groups.Get(bob, g)).membership);
  EXPECT_EQ(NotificationsOf(bob).front().kind, NotificationKind::kJoinDenied);
}

TEST_F(Groups, InviteOnlyNeedsAnInvitation) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "secret", GroupScope::kInternal, JoinMode::kInvite);
  EXPECT_EQ(CodeOf(c_.memberships.Join(bob, g)), Code::kNotFound);
  Must(c_.memberships.Invite(alice, g, bob));
  EXPECT_EQ(NotificationsOf(bob).front().kind, NotificationKind::kInvite);
  EXPECT_TRUE(c_.groups.Get(bob, g));  // the invitee can see the group
  EXPECT_EQ(Must(c_.memberships.Join(bob, g)).state, MembershipState::kActive);
  EXPECT_EQ(CodeOf(c_.memberships.Invite(alice, g, bob)), Code::kConflict);
}

TEST_F(Groups, PublicInviteOnlyGroupRefusesUninvited) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "public-invite", GroupScope::kPublic, JoinMode::kInvite);
  EXPECT_EQ(CodeOf(c_.memberships.Join(bob, g)), Code::kForbidden);
}

TEST_F(Groups, LastOwnerCannotLeaveOrStepDown) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "owned");
  AddMember(alice, g, bob);
  auto leave = c_.memberships.Leave(alice, g);
  ASSERT_EQ(CodeOf(leave), Code::kConflict);
  EXPECT_EQ(leave.error().message, "you are the last owner; make someone else owner first");
  EXPECT_EQ(CodeOf(c_.memberships.SetRole(alice, g, alice, GroupRole::kMember)), Code::kConflict);
  Must(c_.memberships.SetRole(alice, g, bob, GroupRole::kOwner));
  Must(c_.memberships.Leave(alice, g));
  EXPECT_EQ(Must(c_.groups.Get(bob, g)).group.member_count, 1u);
}

TEST_F(Groups, OnlyOwnersManageRoles) {
  const Id alice = Member("alice"), bob = Member("bob"), carol = Member("carol");
  const Id g = Group(alice, "roles");
  AddMember(alice, g, bob);
  AddMember(alice, g, carol);
  Must(c_.memberships.SetRole(alice, g, bob, GroupRole::kModerator));
  EXPECT_EQ(CodeOf(c_.memberships.SetRole(bob, g, carol, GroupRole::kModerator)), Code::kForbidden);
  auto members = Must(c_.memberships.List(carol, g, MembershipState::kActive, {}));
  ASSERT_EQ(members.items.size(), 3u);  // owners first, then moderators, then members
  EXPECT_EQ(members.items[0].member.username, "alice");
  EXPECT_EQ(members.items[1].member.username, "bob");
  EXPECT_EQ(members.items[2].member.username, "carol");
}

TEST_F(Groups, BanBlocksRejoining) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "banning");
  AddMember(alice, g, bob);
  Must(c_.moderation.Ban(alice, g, bob, "harassment"));
  EXPECT_EQ(Must(c_.groups.Get(alice, g)).group.member_count, 1u);
  EXPECT_EQ(CodeOf(c_.memberships.Join(bob, g)), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.memberships.Leave(bob, g)), Code::kForbidden);  // a ban is not left behind
  EXPECT_EQ(CodeOf(c_.threads.Create(bob, g, {"hi", "again", ""})), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.memberships.Invite(alice, g, bob)), Code::kConflict);
  Must(c_.moderation.Unban(alice, g, bob, "served time"));
  EXPECT_EQ(Must(c_.memberships.Join(bob, g)).state, MembershipState::kActive);
}

TEST_F(Groups, UpdateChecksVersionAndPermission) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id g = Group(alice, "edits");
  AddMember(alice, g, bob);
  EXPECT_EQ(CodeOf(c_.groups.Update(bob, g, {.name = "Mine now"})), Code::kForbidden);
  auto v1 = Must(c_.groups.Update(alice, g, {.name = "Renamed", .expected_version = 1}));
  EXPECT_EQ(v1.group.name, "Renamed");
  EXPECT_EQ(v1.group.version, 2u);
  EXPECT_EQ(CodeOf(c_.groups.Update(alice, g, {.name = "Stale", .expected_version = 1})),
            Code::kConflict);
  auto moved = Must(c_.groups.Update(alice, g, {.join_mode = JoinMode::kInvite}));
  EXPECT_EQ(moved.group.join_mode, JoinMode::kInvite);
}

TEST_F(Groups, ListsMineAndVisible) {
  const Id alice = Member("alice"), bob = Member("bob");
  const Id a = Group(alice, "a-open");
  Group(alice, "b-approval", GroupScope::kInternal, JoinMode::kApproval);
  Group(alice, "c-secret", GroupScope::kInternal, JoinMode::kInvite);
  Must(c_.memberships.Join(bob, a));
  auto visible = Must(c_.groups.ListVisible(bob, {}));
  ASSERT_EQ(visible.items.size(), 2u);
  EXPECT_EQ(visible.items[0].group.slug, "a-open");
  EXPECT_EQ(visible.items[1].group.slug, "b-approval");
  auto page1 = Must(c_.groups.ListVisible(alice, {.limit = 2}));
  ASSERT_EQ(page1.items.size(), 2u);
  ASSERT_FALSE(page1.next_cursor.empty());
  auto page2 = Must(c_.groups.ListVisible(alice, {.cursor = page1.next_cursor, .limit = 2}));
  ASSERT_EQ(page2.items.size(), 1u);
  EXPECT_EQ(page2.items[0].group.slug, "c-secret");
  EXPECT_TRUE(page2.next_cursor.empty());
  auto mine = Must(c_.groups.ListMine(bob));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].group.id, a);
  EXPECT_EQ(Must(c_.groups.ListMine(alice)).size(), 3u);
}

}  // namespace
}  // namespace guildhall::community
