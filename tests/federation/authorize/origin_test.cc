// FEP-fe34 origin rules and the node-mode peer policy.
#include "federation/authorize/origin.h"

#include <gtest/gtest.h>

#include "federation/authorize/peer_policy.h"

namespace guildhall::federation {
namespace {

as::Activity CreateBy(std::string actor, std::string object_id, std::vector<std::string> authors,
                      std::string type = "Note") {
  as::Activity a;
  a.id = actor.substr(0, actor.find('/', 8)) + "/activities/1";
  a.type = "Create";
  a.actor = std::move(actor);
  auto o = std::make_shared<as::Object>();
  o->id = std::move(object_id);
  o->type = std::move(type);
  o->attributed_to = std::move(authors);
  a.object_id = o->id;
  a.object = o;
  return a;
}

TEST(Origin, ActivityIdMustBeOnTheActorsOrigin) {
  as::Activity a = CreateBy("https://a.test/u/x", "https://a.test/n/1", {"https://a.test/u/x"});
  EXPECT_TRUE(CheckActivityOrigin(a));
  a.id = "https://b.test/activities/1";
  EXPECT_EQ(CheckActivityOrigin(a).error().code, Code::kForbidden);
  a.id = "https://a.test:8443/activities/1";  // another port is another origin
  EXPECT_FALSE(CheckActivityOrigin(a));
  a.id = "https://A.TEST./activities/1";  // case and trailing dot do not matter
  EXPECT_TRUE(CheckActivityOrigin(a));
}

TEST(Origin, CreateMustNameTheActorAsAuthorOnItsOrigin) {
  EXPECT_TRUE(CheckAuthoredObject(
      CreateBy("https://a.test/u/x", "https://a.test/n/1", {"https://a.test/u/x"})));
  EXPECT_FALSE(CheckAuthoredObject(
      CreateBy("https://a.test/u/x", "https://b.test/n/1", {"https://a.test/u/x"})));
  EXPECT_FALSE(CheckAuthoredObject(
      CreateBy("https://a.test/u/x", "https://a.test/n/1", {"https://a.test/u/y"})));
  as::Activity bare = CreateBy("https://a.test/u/x", "https://a.test/n/1", {"https://a.test/u/x"});
  bare.object.reset();
  EXPECT_FALSE(CheckAuthoredObject(bare));
}

TEST(Origin, MobilizonGroupEventsMayBeAttributedToTheGroup) {
  EXPECT_TRUE(CheckAuthoredObject(CreateBy("https://m.test/@ann", "https://m.test/events/1",
                                           {"https://m.test/@club"}, "Event")));
  EXPECT_FALSE(CheckAuthoredObject(CreateBy("https://m.test/@ann", "https://m.test/events/1",
                                            {"https://x.test/@club"}, "Event")));
}

TEST(Origin, EmbeddedObjectIsTrustedOnlyFromTheGivenOrigin) {
  as::Activity a = CreateBy("https://a.test/u/x", "https://a.test/n/1", {"https://a.test/u/x"});
  EXPECT_TRUE(EmbeddedFromOrigin(a, "https://a.test/c/group"));
  EXPECT_FALSE(EmbeddedFromOrigin(a, "https://b.test/c/group"));
}

storage::Group GroupWith(storage::GroupScope scope) {
  storage::Group g;
  g.scope = scope;
  return g;
}

TEST(ModePeerPolicy, ClosedAllowsNothing) {
  ModePeerPolicy p(FederationMode::kClosed, {"a.test"});
  EXPECT_FALSE(p.DomainAllowed("a.test"));
  EXPECT_FALSE(p.GroupSharedWith(GroupWith(storage::GroupScope::kPublic), "a.test"));
}

TEST(ModePeerPolicy, AllowlistAllowsListedDomainsOnly) {
  ModePeerPolicy empty(FederationMode::kAllowlist);
  EXPECT_FALSE(empty.DomainAllowed("a.test"));
  ModePeerPolicy p(FederationMode::kAllowlist, {"A.test"});
  EXPECT_TRUE(p.DomainAllowed("a.test"));
  EXPECT_FALSE(p.DomainAllowed("b.test"));
  EXPECT_TRUE(p.GroupSharedWith(GroupWith(storage::GroupScope::kPublic), "a.test"));
  EXPECT_TRUE(p.GroupSharedWith(GroupWith(storage::GroupScope::kPartners), "a.test"));
  EXPECT_FALSE(p.GroupSharedWith(GroupWith(storage::GroupScope::kInternal), "a.test"));
}

TEST(ModePeerPolicy, OpenAllowsAllButBlockedAndSharesPartnersOnlyWithListed) {
  ModePeerPolicy p(FederationMode::kOpen, {"friend.test"}, {"evil.test"});
  EXPECT_TRUE(p.DomainAllowed("any.test"));
  EXPECT_FALSE(p.DomainAllowed("evil.test"));
  EXPECT_TRUE(p.GroupSharedWith(GroupWith(storage::GroupScope::kPublic), "any.test"));
  EXPECT_FALSE(p.GroupSharedWith(GroupWith(storage::GroupScope::kPartners), "any.test"));
  EXPECT_TRUE(p.GroupSharedWith(GroupWith(storage::GroupScope::kPartners), "friend.test"));
  EXPECT_FALSE(p.GroupSharedWith(GroupWith(storage::GroupScope::kInternal), "friend.test"));
}

}  // namespace
}  // namespace guildhall::federation
