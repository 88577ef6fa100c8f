// Who may create groups, and with which scope (node/community/group_creation,
// spec/POLICY.md §2): the node setting's default, its refusals with the
// reason naming the field, an admin creating for a member, owners widening
// no further than members may create, and only admins changing the setting
// (audited). The fixture's options let members create any scope; each test
// stores the setting it tests, as an admin would.
#include <gtest/gtest.h>

#include "tests/community/fixture.h"

namespace guildhall::community::testing {
namespace {

using storage::GroupScope;

class GroupCreationTest : public CommunityFixture {
 protected:
  GroupCreationTest() : admin_(Admin("root")), ann_(Member("ann")) {}

  void Store(GroupCreation setting) { Must(c_.groups.SetCreationPolicy(admin_, setting)); }

  Result<GroupView> Create(Id actor, const std::string& slug, GroupScope scope, Id owner = {}) {
    return c_.groups.Create(
        actor, {.slug = slug, .name = "Group " + slug, .scope = scope, .owner = owner});
  }

  Id admin_, ann_;
};

TEST(GroupCreationDefault, MembersCreateInternalGroupsOnly) {
  EXPECT_EQ(CommunityOptions{}.group_creation, GroupCreation::kMembersInternal);
  GroupCreation parsed;
  ASSERT_TRUE(ParseGroupCreation("members-internal", parsed));
  EXPECT_EQ(parsed, GroupCreation::kMembersInternal);
  EXPECT_FALSE(ParseGroupCreation("everyone", parsed));
  EXPECT_TRUE(MembersMayUseScope(GroupCreation::kMembersInternal, GroupScope::kInternal));
  EXPECT_FALSE(MembersMayUseScope(GroupCreation::kMembersInternal, GroupScope::kPartners));
  EXPECT_FALSE(MembersMayUseScope(GroupCreation::kMembersInternal, GroupScope::kPublic));
}

TEST_F(GroupCreationTest, AMemberCreatingAPublicGroupIsRefusedWithTheReason) {
  Store(GroupCreation::kMembersInternal);
  auto refused = Create(ann_, "plaza", GroupScope::kPublic);
  ASSERT_EQ(CodeOf(refused), Code::kForbidden);
  EXPECT_EQ(refused.error().message,
            "scope: only node admins may make a group public here, ask an admin (node setting "
            "group_creation = members-internal)");
  EXPECT_EQ(CodeOf(Create(ann_, "deals", GroupScope::kPartners)), Code::kForbidden);
  EXPECT_EQ(CodeOf(c_.groups.GetBySlug(admin_, "plaza")), Code::kNotFound) << "nothing written";

  auto internal = Must(Create(ann_, "book-club", GroupScope::kInternal));
  EXPECT_EQ(internal.group.scope, GroupScope::kInternal);
  auto pub = Must(Create(admin_, "plaza", GroupScope::kPublic));
  EXPECT_EQ(pub.group.scope, GroupScope::kPublic);
}

TEST_F(GroupCreationTest, AdminsOnlyRefusesMembersAnyGroup) {
  Store(GroupCreation::kAdminsOnly);
  EXPECT_EQ(CodeOf(Create(ann_, "book-club", GroupScope::kInternal)), Code::kForbidden);
  auto view = Must(c_.groups.CreationPolicy(ann_));
  EXPECT_FALSE(view.may_create);
  EXPECT_TRUE(view.scopes.empty());
  EXPECT_EQ(Must(c_.groups.CreationPolicy(admin_)).scopes.size(), 3u);
}

TEST_F(GroupCreationTest, MembersAnyLetsMembersCreateAndWidenEveryScope) {
  Store(GroupCreation::kMembersAny);
  EXPECT_EQ(Must(Create(ann_, "plaza", GroupScope::kPublic)).group.scope, GroupScope::kPublic);
  const Id g = Must(Create(ann_, "deals", GroupScope::kInternal)).group.id;
  EXPECT_EQ(Must(c_.groups.Update(ann_, g, {.scope = GroupScope::kPartners})).group.scope,
            GroupScope::kPartners);
}

TEST_F(GroupCreationTest, AnOwnerWidensNoFurtherThanMembersMayCreate) {
  Store(GroupCreation::kMembersInternal);
  const Id g = Must(Create(ann_, "book-club", GroupScope::kInternal)).group.id;
  auto widened = c_.groups.Update(ann_, g, {.scope = GroupScope::kPublic});
  ASSERT_EQ(CodeOf(widened), Code::kForbidden);
  EXPECT_EQ(widened.error().message.rfind("scope: only node admins may make a group public", 0), 0u)
      << widened.error().message;
  EXPECT_EQ(Must(c_.groups.Get(ann_, g)).group.scope, GroupScope::kInternal);
  // Admins may; the owner may narrow again.
  Must(c_.groups.Update(admin_, g, {.scope = GroupScope::kPublic}));
  EXPECT_EQ(Must(c_.groups.Update(ann_, g, {.scope = GroupScope::kInternal})).group.scope,
            GroupScope::kInternal);
}

TEST_F(GroupCreationTest, AnAdminCreatesAGroupForAMember) {
  Store(GroupCreation::kMembersInternal);
  auto g = Must(Create(admin_, "plaza", GroupScope::kPublic, ann_));
  EXPECT_FALSE(g.membership.has_value()) << "the admin is not made a member";
  auto as_ann = Must(c_.groups.GetBySlug(ann_, "plaza"));
  ASSERT_TRUE(as_ann.membership);
  EXPECT_EQ(as_ann.membership->role, storage::GroupRole::kOwner);
  const Id bob = Member("bob");
  EXPECT_EQ(CodeOf(Create(ann_, "mine", GroupScope::kInternal, bob)), Code::kForbidden);
}

TEST_F(GroupCreationTest, OnlyAdminsChangeTheSettingAndItIsAudited) {
  auto view = Must(c_.groups.CreationPolicy(ann_));
  EXPECT_TRUE(view.from_config);
  EXPECT_EQ(view.setting, GroupCreation::kMembersAny);  // the fixture's config value
  EXPECT_EQ(CodeOf(c_.groups.SetCreationPolicy(ann_, GroupCreation::kMembersAny)),
            Code::kForbidden);
  view = Must(c_.groups.SetCreationPolicy(admin_, GroupCreation::kAdminsOnly));
  EXPECT_FALSE(view.from_config);
  EXPECT_EQ(view.setting, GroupCreation::kAdminsOnly);
  EXPECT_EQ(view.set_by, admin_);
  auto audit = Must(c_.audit.List(admin_, {.action = "node.group_creation"}, {}));
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].before, "group_creation=members-any");
  EXPECT_EQ(audit.items[0].after, "group_creation=admins-only");
}

}  // namespace
}  // namespace guildhall::community::testing
