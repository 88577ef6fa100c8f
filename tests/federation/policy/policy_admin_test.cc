// The stored federation policy and its admin facade (spec/POLICY.md): a
// change applies to the very next check, takes remote members off the
// groups their domain loses (with a Reject when the domain is still
// allowed), drops the pending deliveries the new policy forbids, writes one
// audit entry; a preview writes nothing; only admins (and group staff for
// group peer bans) may change anything.
#include "federation/policy/policy_admin.h"

#include <gtest/gtest.h>

#include "federation/delivery/ledger.h"
#include "node/community/threads.h"
#include "storage/model/records/member.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

using storage::DeliveryState;
using storage::GroupScope;
using storage::PeerState;

class PolicyAdminTest : public FederationHarness {
 protected:
  PolicyAdminTest() {
    admin_ = LocalMember("root");
    MakeAdmin(admin_);
    owner_ = LocalMember("ann");
    alice_ = AddPeer("alice");
  }

  void MakeAdmin(Id id) {
    Must(store_->Write([&](storage::WriteTxn& tx) -> Result<> {
      auto m =
          GH_TRY(storage::Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(id)));
      m->role = storage::NodeRole::kAdmin;
      return storage::Table<storage::MemberCodec>::Put(tx, *m);
    }));
  }

  PolicyAdmin& admin() { return fed_->policy_admin(); }

  std::optional<storage::Group> GroupOf(Id id) {
    std::optional<storage::Group> g;
    Must(store_->Read([&](storage::ReadTxn& tx) -> Result<> {
      g = GH_TRY(storage::Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(id)));
      return Ok();
    }));
    return g;
  }

  // A group of `owner_` with alice as a remote member and one thread, whose
  // Announce is queued to alice's inbox.
  Id GroupWithAlice(const std::string& slug, GroupScope scope) {
    const Id g = LocalGroup(owner_, slug, scope);
    if (scope == GroupScope::kPartners) Must(admin().SetShares(admin_, slug, {"peer.test"}));
    Join(alice_, slug);
    Must(c_->threads.Create(owner_, g, community::ThreadDraft{.title = "Hello", .body = "x"}));
    return g;
  }

  size_t Pending(const std::string& type) {
    size_t n = 0;
    for (const auto& d : DeliveriesOfType(type)) n += d.state == DeliveryState::kPending;
    return n;
  }

  Id admin_, owner_;
  Peer alice_;
};

TEST_F(PolicyAdminTest, StoredModeWinsOverConfigAndAppliesToTheNextCheck) {
  EXPECT_TRUE(fed_->policy().DomainAllowed("peer.test"));  // harness config: open
  EXPECT_TRUE(Must(admin().Mode(admin_)).from_config);
  auto impact = Must(admin().SetMode(admin_, FederationMode::kAllowlist));
  EXPECT_TRUE(impact.changed);
  EXPECT_EQ(impact.before, "mode=open");
  EXPECT_EQ(impact.after, "mode=allowlist");
  EXPECT_FALSE(fed_->policy().DomainAllowed("peer.test"));
  Must(admin().SetPeer(admin_, "Peer.Test:443", PeerState::kAllowed, "partner"));
  EXPECT_TRUE(fed_->policy().DomainAllowed("peer.test"));
  Must(admin().SetMode(admin_, FederationMode::kClosed));
  EXPECT_FALSE(fed_->policy().Enabled());
  EXPECT_FALSE(fed_->discovery().WebFinger("acct:ann@guild.test"));
}

TEST_F(PolicyAdminTest, PreviewWritesNothingAndApplyMatchesIt) {
  GroupWithAlice("news", GroupScope::kPublic);
  ASSERT_GE(Pending("Announce"), 1u);
  const std::string before = Snapshot();
  auto preview =
      Must(admin().Preview(admin_, PolicyChange::SetPeer("peer.test", PeerState::kBlocked)));
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(preview.remote_members, 1u);
  EXPECT_GE(preview.pending_deliveries, 1u);
  ASSERT_EQ(preview.groups.size(), 1u);
  EXPECT_EQ(preview.groups[0].slug, "news");
  EXPECT_EQ(preview.groups[0].domains_losing, std::vector<std::string>{"peer.test"});
  auto applied = Must(admin().SetPeer(admin_, "peer.test", PeerState::kBlocked));
  EXPECT_EQ(applied.remote_members, preview.remote_members);
  EXPECT_EQ(applied.pending_deliveries, preview.pending_deliveries);
  EXPECT_EQ(applied.follows, preview.follows);
}

TEST_F(PolicyAdminTest, BlockingEndsMembershipsDropsDeliveriesAndAudits) {
  const Id g = GroupWithAlice("news", GroupScope::kPublic);
  const Id alice = MemberIdOf(alice_.id);
  ASSERT_TRUE(MembershipOf(g, alice));
  Must(admin().SetPeer(admin_, "peer.test", PeerState::kBlocked, "", std::string("spam")));
  EXPECT_FALSE(MembershipOf(g, alice));
  EXPECT_EQ(Pending("Announce"), 0u);
  // Only the policy notice that ends alice's follow goes to the blocked
  // domain (spec/POLICY.md §1), with the reason; nothing with content does.
  auto rejects = DeliveriesOfType("Reject");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_TRUE(rejects[0].notice);
  EXPECT_EQ(rejects[0].state, DeliveryState::kPending);
  EXPECT_NE(BodyOf(rejects[0]).find("no longer federates with peer.test"), std::string::npos)
      << BodyOf(rejects[0]);
  for (const auto& d : DeliveriesOfType("Announce")) {
    if (d.state == DeliveryState::kDropped) EXPECT_EQ(d.last_error.rfind("policy:", 0), 0u);
  }
  // Later posts queue nothing for the blocked peer.
  Must(c_->threads.Create(owner_, g, community::ThreadDraft{.title = "After", .body = "y"}));
  EXPECT_EQ(Pending("Announce"), 0u);
  auto audit = Must(admin().Audit(admin_, community::AuditFilter{.action = "policy.peer.set"}, {}));
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].target, "peer:peer.test");
  EXPECT_EQ(audit.items[0].before, "unlisted");
  EXPECT_EQ(audit.items[0].after, "state=blocked relationship=other note=spam");
  EXPECT_NE(audit.items[0].reason.find("members=1"), std::string::npos);
  auto jsonl = Must(admin().ExportAuditJsonl(admin_, {}));
  EXPECT_NE(jsonl.find("\"action\":\"policy.peer.set\""), std::string::npos);
}

TEST_F(PolicyAdminTest, UnsharingSendsARejectThatTheWorkerWillStillDeliver) {
  const Id g = GroupWithAlice("team", GroupScope::kPartners);
  const Id alice = MemberIdOf(alice_.id);
  ASSERT_TRUE(MembershipOf(g, alice));
  ASSERT_GE(Pending("Announce"), 1u);
  auto impact = Must(admin().SetShares(admin_, "team", {}));
  EXPECT_EQ(impact.remote_members, 1u);
  EXPECT_FALSE(MembershipOf(g, alice));
  EXPECT_EQ(Pending("Announce"), 0u);
  auto rejects = DeliveriesOfType("Reject");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].group_id, Id{});  // re-checked against the domain only
  EXPECT_NE(BodyOf(rejects[0]).find(alice_.id), std::string::npos);
  EXPECT_FALSE(fed_->policy().GroupSharedWith(*GroupOf(g), "peer.test"));
}

TEST_F(PolicyAdminTest, LimitedPeersSeePublicGroupsButNotPartnersGroups) {
  const Id pub = LocalGroup(owner_, "open-news", GroupScope::kPublic);
  const Id team = LocalGroup(owner_, "team", GroupScope::kPartners);
  Must(admin().SetShares(admin_, "team", {"peer.test"}));
  EXPECT_TRUE(fed_->policy().GroupSharedWith(*GroupOf(team), "peer.test"));
  Must(admin().SetPeer(admin_, "peer.test", PeerState::kLimited));
  EXPECT_TRUE(fed_->policy().Limited("peer.test"));
  EXPECT_TRUE(fed_->policy().GroupSharedWith(*GroupOf(pub), "peer.test"));
  EXPECT_FALSE(fed_->policy().GroupSharedWith(*GroupOf(team), "peer.test"));
}

TEST_F(PolicyAdminTest, OnlyAdminsChangePolicyAndGroupStaffMayBanAPeer) {
  const Id g = GroupWithAlice("news", GroupScope::kPublic);
  const Id alice = MemberIdOf(alice_.id);
  auto denied = admin().SetMode(owner_, FederationMode::kClosed);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, Code::kForbidden);
  // Share lists are the admins' (owners may narrow their group's scope:
  // spec/POLICY.md §2).
  EXPECT_FALSE(admin().SetShares(owner_, "news", {"peer.test"}));
  EXPECT_FALSE(admin().ListPeers(owner_));
  // ann owns the group: she may shut peer.test out of it.
  auto ban = Must(admin().BanPeerFromGroup(owner_, "news", "peer.test", "trolls"));
  EXPECT_EQ(ban.remote_members, 1u);
  EXPECT_FALSE(MembershipOf(g, alice));
  EXPECT_FALSE(fed_->policy().GroupSharedWith(*GroupOf(g), "peer.test"));
  EXPECT_TRUE(fed_->policy().DomainAllowed("peer.test"));  // only this group
  auto sharing = Must(admin().Sharing(owner_, "news"));
  ASSERT_EQ(sharing.bans.size(), 1u);
  EXPECT_EQ(sharing.bans[0].reason, "trolls");
  Must(admin().UnbanPeerFromGroup(owner_, "news", "peer.test"));
  EXPECT_TRUE(fed_->policy().GroupSharedWith(*GroupOf(g), "peer.test"));
}

TEST_F(PolicyAdminTest, ScopeToInternalTakesEveryRemoteMemberOff) {
  const Id g = GroupWithAlice("news", GroupScope::kPublic);
  auto impact = Must(admin().SetGroupScope(admin_, "news", GroupScope::kInternal));
  EXPECT_EQ(impact.remote_members, 1u);
  EXPECT_EQ(GroupOf(g)->scope, GroupScope::kInternal);
  EXPECT_FALSE(MembershipOf(g, MemberIdOf(alice_.id)));
  EXPECT_EQ(Pending("Announce"), 0u);
  auto again = Must(admin().SetGroupScope(admin_, "news", GroupScope::kInternal));
  EXPECT_FALSE(again.changed);
}

TEST_F(PolicyAdminTest, PeerListCountsMembersFollowersAndDeliveries) {
  GroupWithAlice("news", GroupScope::kPublic);
  Must(admin().SetPeer(admin_, "peer.test", PeerState::kAllowed, "vendor", std::string("n")));
  auto peers = Must(admin().ListPeers(admin_));
  ASSERT_EQ(peers.size(), 1u);
  EXPECT_EQ(peers[0].peer.domain, "peer.test");
  EXPECT_EQ(peers[0].peer.relationship, storage::PeerRelationship::kVendor);
  EXPECT_EQ(peers[0].members, 1u);
  EXPECT_EQ(peers[0].followers, 1u);
  EXPECT_GE(peers[0].pending_deliveries, 1u);
  EXPECT_TRUE(peers[0].allowed);
  auto bad = admin().SetPeer(admin_, "not a domain/", PeerState::kAllowed);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Code::kInvalid);
  EXPECT_FALSE(admin().SetPeer(admin_, "guild.test", PeerState::kBlocked));  // ourselves
}

// Issue 5: a scope edited on the group settings page (community
// Groups::Update) takes the same path as an admin's change.
TEST_F(PolicyAdminTest, ScopeEditedThroughCommunityEndsMembershipsAndDropsDeliveries) {
  const Id g = GroupWithAlice("news", GroupScope::kPublic);
  const Id alice = MemberIdOf(alice_.id);
  ASSERT_GE(Pending("Announce"), 1u);
  auto view =
      Must(c_->groups.Update(owner_, g, community::GroupUpdate{.scope = GroupScope::kPartners}));
  EXPECT_EQ(view.group.scope, GroupScope::kPartners);
  EXPECT_EQ(view.group.member_count, 1u);  // the owner; alice left
  EXPECT_FALSE(MembershipOf(g, alice));
  EXPECT_EQ(Pending("Announce"), 0u);
  EXPECT_EQ(DeliveriesOfType("Reject").size(), 1u);  // peer.test is still allowed
  EXPECT_FALSE(fed_->policy().GroupSharedWith(*GroupOf(g), "peer.test"));
  auto audit =
      Must(admin().Audit(admin_, community::AuditFilter{.action = "policy.group.scope"}, {}));
  ASSERT_EQ(audit.items.size(), 2u);  // newest first; the other is the group's creation
  EXPECT_EQ(audit.items[0].before, "scope=public");
  EXPECT_EQ(audit.items[0].after, "scope=partners");
  EXPECT_NE(audit.items[0].reason.find("members=1"), std::string::npos);
  EXPECT_EQ(audit.items[1].before, "scope=internal");
  EXPECT_EQ(audit.items[1].after, "scope=public");
}

// Issue 10 item 11: a group created public is written internal and widened
// through the policy in the same write, audited like any widening; its
// preview names the peers that would gain it and writes nothing.
TEST_F(PolicyAdminTest, APublicGroupIsCreatedThroughThePolicyPath) {
  Must(admin().SetPeer(admin_, "partner.test", PeerState::kAllowed));
  auto preview = Must(admin().PreviewNewGroup(admin_, "plaza", "Plaza", GroupScope::kPublic));
  EXPECT_TRUE(preview.changed);
  EXPECT_EQ(preview.after, "scope=public");
  ASSERT_EQ(preview.groups.size(), 1u);
  EXPECT_EQ(preview.groups[0].slug, "plaza");
  EXPECT_EQ(preview.groups[0].domains_gaining, std::vector<std::string>{"partner.test"});
  EXPECT_EQ(preview.remote_members, 0u);
  EXPECT_FALSE(c_->groups.GetBySlug(admin_, "plaza")) << "the preview created the group";

  const Id g = LocalGroup(admin_, "plaza", GroupScope::kPublic);
  EXPECT_EQ(GroupOf(g)->scope, GroupScope::kPublic);
  auto audit =
      Must(admin().Audit(admin_, community::AuditFilter{.action = "policy.group.scope"}, {}));
  ASSERT_EQ(audit.items.size(), 1u);
  EXPECT_EQ(audit.items[0].actor, admin_);
  EXPECT_EQ(audit.items[0].target, "group:" + g.ToString());
  EXPECT_EQ(audit.items[0].after, "scope=public");
  auto taken = admin().PreviewNewGroup(admin_, "plaza", "Plaza", GroupScope::kPublic);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, Code::kConflict);
}

TEST_F(PolicyAdminTest, AMembersPreviewOfAPublicGroupIsRefusedWithTheReason) {
  Must(c_->groups.SetCreationPolicy(admin_, community::GroupCreation::kMembersInternal));
  auto refused = admin().PreviewNewGroup(owner_, "plaza", "Plaza", GroupScope::kPublic);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kForbidden);
  EXPECT_NE(refused.error().message.find("only node admins may make a group public"),
            std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(
      c_->groups.Create(owner_, {.slug = "plaza", .name = "Plaza", .scope = GroupScope::kPublic}));
}

// Owners widen no further than the group-creation setting lets members
// create (default members-internal: only admins widen); the preview an
// owner's settings page asks for says the same.
TEST_F(PolicyAdminTest, OwnersWidenAScopeOnlyAsTheGroupCreationSettingAllows) {
  Must(c_->groups.SetCreationPolicy(admin_, community::GroupCreation::kMembersInternal));
  const Id g = LocalGroup(owner_, "team", GroupScope::kInternal);
  auto denied = c_->groups.Update(owner_, g, community::GroupUpdate{.scope = GroupScope::kPublic});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, Code::kForbidden);
  EXPECT_EQ(GroupOf(g)->scope, GroupScope::kInternal);  // nothing written
  auto preview = admin().Preview(owner_, PolicyChange::SetGroupScope("team", GroupScope::kPublic));
  ASSERT_FALSE(preview);
  EXPECT_EQ(preview.error().code, Code::kForbidden);
  Must(c_->groups.SetCreationPolicy(admin_, community::GroupCreation::kMembersAny));
  EXPECT_TRUE(admin().Preview(owner_, PolicyChange::SetGroupScope("team", GroupScope::kPublic)));
  Must(c_->groups.SetCreationPolicy(admin_, community::GroupCreation::kMembersInternal));
  auto widened =
      Must(c_->groups.Update(admin_, g, community::GroupUpdate{.scope = GroupScope::kPublic}));
  EXPECT_EQ(widened.group.scope, GroupScope::kPublic);
  EXPECT_TRUE(fed_->policy().GroupSharedWith(*GroupOf(g), "peer.test"));
}

// Widening partners -> public (spec/POLICY.md "Widening and stored
// content"): the preview counts the stored content the new audience gains
// and names that audience; content alice's node addressed to the partners
// audience only is never made public, through any door, and nothing is
// written when the widening is refused.
class WideningTest : public PolicyAdminTest {
 protected:
  // A partners group shared with peer.test, alice a member, and `threads`
  // threads by ann; alice's own thread too when `remote_thread`.
  Id PartnersGroup(bool remote_thread) {
    const Id g = GroupWithAlice("team", GroupScope::kPartners);
    Must(c_->threads.Create(owner_, g, community::ThreadDraft{.title = "Two", .body = "y"}));
    if (remote_thread) {
      const std::string post = std::string(kPeer) + "/post/1";
      EXPECT_EQ(Post("/inbox",
                     CreatePage(NewActivityId(alice_), alice_, post, std::string(kBase) + "/g/team",
                                "For partners", "<p>only for our partners</p>"),
                     alice_),
                202u);
      EXPECT_TRUE(FindByApId<storage::ThreadCodec>(storage::tables::kThreadsByApId, post))
          << "alice's thread was not stored";
    }
    return g;
  }
};

TEST_F(WideningTest, ThePreviewCountsWhatTheNewAudienceCanRead) {
  const Id g = PartnersGroup(/*remote_thread=*/false);
  const auto change = PolicyChange::SetGroupScope("team", GroupScope::kPublic);
  auto preview = Must(admin().Preview(admin_, change));
  EXPECT_EQ(preview.exposed.local_threads, 2u);
  EXPECT_EQ(preview.exposed.remote(), 0u);
  EXPECT_NE(preview.exposed.audience.find("not signed in"), std::string::npos)
      << preview.exposed.audience;
  auto applied = Must(admin().Apply(admin_, change));
  EXPECT_EQ(applied.exposed.local_threads, 2u);
  EXPECT_EQ(GroupOf(g)->scope, GroupScope::kPublic);
  auto audit =
      Must(admin().Audit(admin_, community::AuditFilter{.action = "policy.group.scope"}, {}));
  ASSERT_FALSE(audit.items.empty());
  EXPECT_NE(audit.items[0].reason.find("exposed_local=2"), std::string::npos)
      << audit.items[0].reason;
  // Narrowing shows nothing to anyone new.
  auto narrowed =
      Must(admin().Preview(admin_, PolicyChange::SetGroupScope("team", GroupScope::kInternal)));
  EXPECT_TRUE(narrowed.exposed.audience.empty());
}

TEST_F(WideningTest, ContentFromPartnersIsNeverMadePublicRetroactively) {
  const Id g = PartnersGroup(/*remote_thread=*/true);
  const std::string before = Snapshot();
  const auto change = PolicyChange::SetGroupScope("team", GroupScope::kPublic);
  const auto expect_refused = [](const Result<Impact>& refused) {
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Code::kConflict);
    EXPECT_NE(refused.error().message.find("1 thread, 0 replies and 0 events from other nodes"),
              std::string::npos)
        << refused.error().message;
  };
  expect_refused(admin().Preview(admin_, change));
  expect_refused(admin().Apply(admin_, change));
  // The settings page and the API edit the group through the community
  // services, which take the same path (ApplyScopeIn).
  auto edited = c_->groups.Update(admin_, g, community::GroupUpdate{.scope = GroupScope::kPublic});
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().code, Code::kConflict);
  EXPECT_EQ(GroupOf(g)->scope, GroupScope::kPartners);
  EXPECT_EQ(Snapshot(), before) << "a refused widening wrote something";
}

// Issue 5 "the UI says why when it refuses": the sentence names the domain,
// the reason and what an admin can do.
TEST_F(PolicyAdminTest, FollowRefusalSaysWhy) {
  Peer club = AddPeer("club", kPeer, "Group");
  webfinger_["acct:club@peer.test"] = club.id;
  Must(admin().SetMode(admin_, FederationMode::kAllowlist));
  auto unlisted = fed_->follows().Follow(owner_, "club@peer.test");
  ASSERT_FALSE(unlisted);
  EXPECT_EQ(unlisted.error().code, Code::kForbidden);
  EXPECT_EQ(unlisted.error().message,
            "This node does not federate with peer.test (federation mode allowlist; an admin can "
            "allow it)");
  Must(admin().SetPeer(admin_, "peer.test", PeerState::kBlocked));
  EXPECT_EQ(fed_->follows().Follow(owner_, "club@peer.test").error().message,
            "This node blocks peer.test (an admin has blocked that peer)");
  Must(admin().SetMode(admin_, FederationMode::kClosed));
  EXPECT_EQ(fed_->follows().Follow(owner_, "club@peer.test").error().message,
            "This node does not federate with peer.test (federation mode closed: it federates "
            "with nobody)");
  EXPECT_TRUE(Deliveries().empty() || DeliveriesOfType("Follow").empty());
}

}  // namespace
}  // namespace guildhall::federation::testing
