// The access policy as a table: node role x group scope x join mode x
// membership x action -> decision. Each row is one line of the policy that
// permissions.h documents.
#include "node/community/permissions.h"

#include <gtest/gtest.h>

#include "tests/community/fixture.h"

namespace guildhall::community {
namespace {

using storage::GroupRole;
using storage::GroupScope;
using storage::JoinMode;
using storage::MembershipState;

enum class Who { kAnon, kLocal, kNodeMod, kAdmin, kRemote, kSuspended };
enum class Mem { kNone, kMember, kModerator, kOwner, kPending, kInvited, kBanned };

constexpr Id kViewerId{42};
constexpr Id kOtherId{43};

Viewer MakeViewer(Who who) {
  switch (who) {
    case Who::kAnon:
      return Viewer::Anonymous();
    case Who::kLocal:
      return Viewer{kViewerId};
    case Who::kNodeMod:
      return Viewer{kViewerId, false, storage::NodeRole::kModerator};
    case Who::kAdmin:
      return Viewer{kViewerId, false, storage::NodeRole::kAdmin};
    case Who::kRemote:
      return Viewer{kViewerId, true};
    case Who::kSuspended:
      return Viewer{kViewerId, false, storage::NodeRole::kMember, true};
  }
  return Viewer::Anonymous();
}

std::optional<storage::Membership> MakeMembership(Mem mem) {
  storage::Membership m{.group = Id{1}, .member = kViewerId};
  switch (mem) {
    case Mem::kNone:
      return std::nullopt;
    case Mem::kMember:
      break;
    case Mem::kModerator:
      m.role = GroupRole::kModerator;
      break;
    case Mem::kOwner:
      m.role = GroupRole::kOwner;
      break;
    case Mem::kPending:
      m.state = MembershipState::kPending;
      break;
    case Mem::kInvited:
      m.state = MembershipState::kInvited;
      break;
    case Mem::kBanned:
      m.state = MembershipState::kBanned;
      break;
  }
  return m;
}

struct Row {
  Who who;
  GroupScope scope;
  JoinMode mode;
  Mem mem;
  Action action;
  Decision expected;
  bool own_content = true;  // for kEditOwn: the viewer wrote it
  bool external = false;    // a mirror of a group on another node (federation/follows/mirror.h)
};

constexpr auto kInt = GroupScope::kInternal;
constexpr auto kPart = GroupScope::kPartners;
constexpr auto kPub = GroupScope::kPublic;
constexpr auto kOpen = JoinMode::kOpen;
constexpr auto kAppr = JoinMode::kApproval;
constexpr auto kInv = JoinMode::kInvite;
constexpr auto kAllow = Decision::kAllow;
constexpr auto kHidden = Decision::kNotFound;
constexpr auto kNo = Decision::kForbidden;
constexpr auto kLogin = Decision::kUnauthorized;

const Row kRows[] = {
    // Who sees a group at all.
    {Who::kAnon, kInt, kOpen, Mem::kNone, Action::kViewGroup, kHidden},
    {Who::kLocal, kInt, kOpen, Mem::kNone, Action::kViewGroup, kAllow},
    {Who::kLocal, kInt, kAppr, Mem::kNone, Action::kViewGroup, kAllow},
    {Who::kLocal, kInt, kInv, Mem::kNone, Action::kViewGroup, kHidden},
    {Who::kLocal, kInt, kInv, Mem::kInvited, Action::kViewGroup, kAllow},
    {Who::kLocal, kInt, kInv, Mem::kMember, Action::kViewGroup, kAllow},
    {Who::kLocal, kInt, kInv, Mem::kBanned, Action::kViewGroup, kHidden},
    {Who::kRemote, kInt, kOpen, Mem::kNone, Action::kViewGroup, kHidden},
    {Who::kRemote, kInt, kOpen, Mem::kMember, Action::kViewGroup, kHidden},
    {Who::kRemote, kPart, kOpen, Mem::kNone, Action::kViewGroup, kAllow},
    {Who::kRemote, kPart, kInv, Mem::kNone, Action::kViewGroup, kHidden},
    {Who::kAnon, kPart, kOpen, Mem::kNone, Action::kViewGroup, kHidden},
    {Who::kAnon, kPub, kOpen, Mem::kNone, Action::kViewGroup, kAllow},
    {Who::kAnon, kPub, kInv, Mem::kNone, Action::kViewGroup, kAllow},
    {Who::kAdmin, kInt, kInv, Mem::kNone, Action::kViewGroup, kAllow},
    {Who::kNodeMod, kInt, kInv, Mem::kNone, Action::kViewGroup, kHidden},
    {Who::kSuspended, kInt, kOpen, Mem::kMember, Action::kViewGroup, kHidden},
    // Reading content.
    {Who::kLocal, kInt, kOpen, Mem::kNone, Action::kViewContent, kAllow},
    {Who::kLocal, kInt, kAppr, Mem::kNone, Action::kViewContent, kNo},
    {Who::kLocal, kInt, kAppr, Mem::kPending, Action::kViewContent, kNo},
    {Who::kLocal, kInt, kAppr, Mem::kMember, Action::kViewContent, kAllow},
    {Who::kLocal, kInt, kOpen, Mem::kBanned, Action::kViewContent, kNo},
    {Who::kLocal, kPub, kOpen, Mem::kBanned, Action::kViewContent, kAllow},
    {Who::kAnon, kPub, kAppr, Mem::kNone, Action::kViewContent, kAllow},
    {Who::kAnon, kPub, kOpen, Mem::kNone, Action::kViewContent, kAllow},
    {Who::kAdmin, kInt, kAppr, Mem::kNone, Action::kViewContent, kAllow},
    {Who::kNodeMod, kInt, kAppr, Mem::kNone, Action::kViewContent, kAllow},
    {Who::kRemote, kPart, kAppr, Mem::kMember, Action::kViewContent, kAllow},
    {Who::kRemote, kPart, kAppr, Mem::kNone, Action::kViewContent, kNo},
    // The member list.
    {Who::kLocal, kInt, kOpen, Mem::kNone, Action::kViewMembers, kAllow},
    {Who::kRemote, kPart, kOpen, Mem::kNone, Action::kViewMembers, kNo},
    {Who::kLocal, kInt, kAppr, Mem::kNone, Action::kViewMembers, kNo},
    {Who::kLocal, kInt, kAppr, Mem::kMember, Action::kViewMembers, kAllow},
    {Who::kAnon, kPub, kOpen, Mem::kNone, Action::kViewMembers, kLogin},
    // Joining.
    {Who::kLocal, kInt, kOpen, Mem::kNone, Action::kJoin, kAllow},
    {Who::kLocal, kInt, kAppr, Mem::kNone, Action::kJoin, kAllow},
    {Who::kLocal, kInt, kInv, Mem::kNone, Action::kJoin, kHidden},
    {Who::kLocal, kInt, kInv, Mem::kInvited, Action::kJoin, kAllow},
    {Who::kLocal, kPub, kInv, Mem::kNone, Action::kJoin, kNo},
    {Who::kLocal, kInt, kOpen, Mem::kBanned, Action::kJoin, kNo},
    {Who::kAnon, kPub, kOpen, Mem::kNone, Action::kJoin, kLogin},
    {Who::kRemote, kInt, kOpen, Mem::kNone, Action::kJoin, kHidden},
    {Who::kRemote, kPart, kOpen, Mem::kNone, Action::kJoin, kAllow},
    {Who::kSuspended, kPub, kOpen, Mem::kNone, Action::kJoin, kLogin},
    // Mirrors of groups on other nodes: an open remote group is read by any
    // signed-in member, one that approves its followers by its followers only;
    // nobody joins a mirror locally (they follow the remote group).
    {Who::kLocal, kPart, kOpen, Mem::kNone, Action::kViewContent, kAllow, true, true},
    {Who::kLocal, kPart, kAppr, Mem::kNone, Action::kViewContent, kNo, true, true},
    {Who::kLocal, kPart, kAppr, Mem::kMember, Action::kViewContent, kAllow, true, true},
    {Who::kAnon, kPart, kOpen, Mem::kNone, Action::kViewContent, kHidden, true, true},
    {Who::kLocal, kPart, kOpen, Mem::kNone, Action::kJoin, kNo, true, true},
    {Who::kLocal, kPart, kAppr, Mem::kNone, Action::kJoin, kNo, true, true},
    {Who::kAdmin, kPart, kOpen, Mem::kNone, Action::kJoin, kNo, true, true},
    // Taking part.
    {Who::kLocal, kInt, kOpen, Mem::kNone, Action::kPost, kNo},
    {Who::kLocal, kInt, kOpen, Mem::kMember, Action::kPost, kAllow},
    {Who::kLocal, kInt, kAppr, Mem::kPending, Action::kPost, kNo},
    {Who::kAdmin, kInt, kOpen, Mem::kNone, Action::kPost, kNo},
    {Who::kAnon, kPub, kOpen, Mem::kNone, Action::kReply, kLogin},
    {Who::kLocal, kInt, kOpen, Mem::kBanned, Action::kReply, kNo},
    {Who::kRemote, kPart, kOpen, Mem::kMember, Action::kReply, kAllow},
    {Who::kLocal, kInt, kOpen, Mem::kMember, Action::kReply, kAllow},
    // Own content.
    {Who::kLocal, kInt, kOpen, Mem::kMember, Action::kEditOwn, kAllow},
    {Who::kLocal, kInt, kOpen, Mem::kMember, Action::kEditOwn, kNo, false},
    {Who::kLocal, kInt, kOpen, Mem::kModerator, Action::kEditOwn, kNo, false},
    {Who::kAdmin, kInt, kOpen, Mem::kNone, Action::kEditOwn, kNo, false},
    {Who::kLocal, kInt, kOpen, Mem::kBanned, Action::kEditOwn, kNo},
    // Moderation.
    {Who::kLocal, kInt, kOpen, Mem::kMember, Action::kModerate, kNo},
    {Who::kLocal, kInt, kOpen, Mem::kModerator, Action::kModerate, kAllow},
    {Who::kLocal, kInt, kOpen, Mem::kOwner, Action::kModerate, kAllow},
    {Who::kNodeMod, kInt, kOpen, Mem::kNone, Action::kModerate, kAllow},
    {Who::kNodeMod, kInt, kInv, Mem::kNone, Action::kModerate, kHidden},
    {Who::kAdmin, kInt, kInv, Mem::kNone, Action::kModerate, kAllow},
    {Who::kLocal, kInt, kOpen, Mem::kMember, Action::kInvite, kNo},
    {Who::kLocal, kInt, kInv, Mem::kModerator, Action::kInvite, kAllow},
    {Who::kLocal, kInt, kOpen, Mem::kModerator, Action::kManageRoles, kNo},
    {Who::kLocal, kInt, kOpen, Mem::kOwner, Action::kManageRoles, kAllow},
    {Who::kNodeMod, kInt, kOpen, Mem::kNone, Action::kManageRoles, kNo},
    {Who::kAdmin, kInt, kOpen, Mem::kNone, Action::kManageRoles, kAllow},
    {Who::kLocal, kInt, kOpen, Mem::kModerator, Action::kEditGroup, kNo},
    {Who::kLocal, kInt, kOpen, Mem::kOwner, Action::kEditGroup, kAllow},
};

std::string Describe(const Row& r, size_t i) {
  return "row " + std::to_string(i) + " (who=" + std::to_string(int(r.who)) +
         " scope=" + std::to_string(int(r.scope)) + " mode=" + std::to_string(int(r.mode)) +
         " mem=" + std::to_string(int(r.mem)) + " action=" + std::to_string(int(r.action)) + ")";
}

TEST(Permissions, DecisionTable) {
  for (size_t i = 0; i < std::size(kRows); ++i) {
    const Row& r = kRows[i];
    storage::Group g{.id = Id{1}, .slug = "g", .scope = r.scope, .join_mode = r.mode};
    if (r.external) g.ap_id = "https://other.example/c/g";
    const Id author = r.own_content ? kViewerId : kOtherId;
    EXPECT_EQ(Decide(MakeViewer(r.who), g, MakeMembership(r.mem), r.action, author), r.expected)
        << Describe(r, i);
  }
}

struct NodeRow {
  Who who;
  NodeAction action;
  Decision expected;
};

TEST(Permissions, NodeDecisionTable) {
  const NodeRow rows[] = {
      {Who::kLocal, NodeAction::kCreateGroup, kAllow},
      {Who::kRemote, NodeAction::kCreateGroup, kNo},
      {Who::kAnon, NodeAction::kCreateGroup, kLogin},
      {Who::kSuspended, NodeAction::kCreateGroup, kLogin},
      {Who::kNodeMod, NodeAction::kManageAccounts, kNo},
      {Who::kAdmin, NodeAction::kManageAccounts, kAllow},
      {Who::kLocal, NodeAction::kModerateNode, kNo},
      {Who::kNodeMod, NodeAction::kModerateNode, kAllow},
      {Who::kNodeMod, NodeAction::kViewAudit, kNo},
      {Who::kAdmin, NodeAction::kViewAudit, kAllow},
      {Who::kLocal, NodeAction::kCreateInvite, kNo},
      {Who::kNodeMod, NodeAction::kCreateInvite, kAllow},
      {Who::kLocal, NodeAction::kUseDirectory, kAllow},
      {Who::kRemote, NodeAction::kUseDirectory, kNo},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(DecideNode(MakeViewer(r.who), r.action), r.expected)
        << "who=" << int(r.who) << " action=" << int(r.action);
  }
  EXPECT_EQ(DecideNode(MakeViewer(Who::kLocal), NodeAction::kCreateGroup, false), kNo);
  EXPECT_EQ(DecideNode(MakeViewer(Who::kAdmin), NodeAction::kCreateGroup, false), kAllow);
}

TEST(Permissions, CapabilitiesFollowDecisions) {
  storage::Group g{.id = Id{1}, .slug = "g", .scope = kInt, .join_mode = kOpen};
  const auto owner = CapabilitiesOf(MakeViewer(Who::kLocal), g, MakeMembership(Mem::kOwner));
  EXPECT_TRUE(owner.post && owner.moderate && owner.manage_roles && owner.edit_group);
  EXPECT_FALSE(owner.join);
  const auto stranger = CapabilitiesOf(MakeViewer(Who::kLocal), g, std::nullopt);
  EXPECT_TRUE(stranger.join && stranger.view_content);
  EXPECT_FALSE(stranger.post || stranger.moderate);
}

using PermissionsService = testing::CommunityFixture;

// Through the services: a hidden group and everything in it read as "not
// found", exactly like an id that does not exist.
TEST_F(PermissionsService, HiddenGroupIsNotFoundNotForbidden) {
  const Id owner = Member("owner");
  const Id outsider = Member("outsider");
  const Id secret = Group(owner, "secret", kInt, kInv);
  const Id thread = NewThread(owner, secret);
  auto group = c_.groups.Get(outsider, secret);
  EXPECT_EQ(testing::CodeOf(group), Code::kNotFound);
  EXPECT_EQ(testing::CodeOf(c_.groups.Get(outsider, Id{12345})), Code::kNotFound);
  EXPECT_EQ(group.error().message, c_.groups.Get(outsider, Id{12345}).error().message);
  EXPECT_EQ(testing::CodeOf(c_.threads.Get(outsider, thread)), Code::kNotFound);
  EXPECT_EQ(testing::CodeOf(c_.memberships.Join(outsider, secret)), Code::kNotFound);
  auto listed = testing::Must(c_.groups.ListVisible(outsider, {}));
  EXPECT_TRUE(listed.items.empty());
  EXPECT_EQ(testing::Must(c_.groups.ListVisible(owner, {})).items.size(), 1u);
}

TEST_F(PermissionsService, RemoteMembersNeverSeeInternalGroups) {
  const Id owner = Member("owner");
  const Id remote = Remote("bob");
  const Id internal = Group(owner, "internal-open");
  const Id partners = Group(owner, "partners-open", kPart, kOpen);
  EXPECT_EQ(testing::CodeOf(c_.groups.Get(remote, internal)), Code::kNotFound);
  EXPECT_EQ(testing::CodeOf(c_.memberships.Join(remote, internal)), Code::kNotFound);
  EXPECT_TRUE(c_.memberships.Join(remote, partners));
  EXPECT_EQ(testing::CodeOf(c_.memberships.Invite(owner, internal, remote)), Code::kInvalid);
}

}  // namespace
}  // namespace guildhall::community
