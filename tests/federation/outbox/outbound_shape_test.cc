// Outbound shapes (issue 9, item 4): every activity and document the node
// emits, produced through the real code path (community services and the
// inbox, read back from the delivery queue; documents through the AP
// server), is checked against the fields Lemmy's and Mastodon's parsers
// require (shape_rules.h, the table of spec/FEDERATION.md), and against
// the addressing rules those parsers apply (Lemmy's verify_visibility).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "federation/actors/serve.h"
#include "federation/protocol/as2.h"
#include "federation/protocol/json.h"
#include "node/community/events.h"
#include "node/community/groups.h"
#include "node/community/likes.h"
#include "node/community/memberships.h"
#include "node/community/moderation.h"
#include "node/community/replies.h"
#include "node/community/threads.h"
#include "storage/model/table.h"
#include "tests/federation/inbox/harness.h"
#include "tests/federation/outbox/shape_rules.h"

namespace guildhall::federation::testing {
namespace {

using storage::GroupScope;

json::Value ParseOrFail(const std::string& text) {
  auto v = json::Parse(text);
  EXPECT_TRUE(v.has_value()) << text;
  return v ? std::move(*v) : json::Value::Object();
}

std::vector<std::string> Strings(const json::Value* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->is_string()) out.push_back(v->text());
  if (v->is_array()) {
    for (const auto& item : v->items()) {
      if (item.is_string()) out.push_back(item.text());
    }
  }
  return out;
}

bool Addresses(const json::Value& doc, std::string_view who) {
  for (const char* field : {"to", "cc"}) {
    for (const auto& s : Strings(doc.Find(field))) {
      if (s == who) return true;
    }
  }
  return false;
}

std::string Str(const json::Value& doc, std::string_view field) {
  const json::Value* v = doc.Find(field);
  return v != nullptr && v->is_string() ? v->text() : std::string();
}

class OutboundShapeTest : public FederationHarness {
 protected:
  OutboundShapeTest() {
    owner_ = LocalMember("owner");
    writer_ = LocalMember("writer");
    group_ = LocalGroup(owner_, "news");
    group_uri_ = std::string(kBase) + "/g/news";
    Must(c_->memberships.Join(writer_, group_));
    alice_ = AddPeer("alice");
    bob_ = AddPeer("bob", "https://other.test");
    Join(alice_, "news");
    Join(bob_, "news");
  }

  ApResponse Get(const std::string& target) {
    InboxRequest req;
    req.method = "GET";
    req.target = target;
    req.path = target.substr(0, target.find('?'));
    req.headers = {{"Host", kDomain}, {"Accept", "application/activity+json"}};
    return fed_->server().GetSync(req);
  }

  json::Value Document(const std::string& target) {
    auto r = Get(target);
    EXPECT_EQ(r.status, 200u) << target;
    return ParseOrFail(r.body);
  }

  // Checks `doc` and what it embeds (object, inner activity, its object)
  // against the rules; records each shape seen.
  void CheckTree(const json::Value& doc, const std::string& where) {
    const std::string shape = ShapeOf(doc);
    seen_.insert(shape);
    for (const auto& m : CheckShape(shape, doc)) ADD_FAILURE() << where << ": " << m;
    if (shape == "Page") {
      EXPECT_EQ(doc.Find("inReplyTo"), nullptr)
          << where << ": Lemmy parses a Page with inReplyTo as a comment (page.rs)";
    }
    const json::Value* object = doc.Find("object");
    if (object != nullptr && object->is_object()) CheckTree(*object, where + " > " + shape);
  }

  // Every queued delivery, parsed and checked; their bodies.
  std::vector<json::Value> CheckAllDeliveries() {
    std::vector<json::Value> out;
    for (const auto& d : Deliveries()) {
      json::Value body = ParseOrFail(BodyOf(d));
      CheckTree(body, "delivery to " + d.inbox);
      out.push_back(std::move(body));
    }
    return out;
  }

  std::vector<json::Value> AnnouncesOf(const std::string& inner_shape) {
    std::vector<json::Value> out;
    for (const auto& d : DeliveriesOfType("Announce")) {
      json::Value body = ParseOrFail(BodyOf(d));
      const json::Value* object = body.Find("object");
      if (object != nullptr && object->is_object() && ShapeOf(*object) == inner_shape)
        out.push_back(std::move(body));
    }
    return out;
  }

  Id owner_, writer_, group_;
  std::string group_uri_;
  Peer alice_, bob_;
  std::set<std::string> seen_;
};

TEST_F(OutboundShapeTest, EveryActivitySentHasWhatLemmyAndMastodonRequire) {
  const auto t = Must(c_->threads.Create(writer_, group_, {.title = "Hello", .body = "Body"}));
  clock_.Advance(std::chrono::seconds(5));
  Must(c_->threads.Edit(writer_, t.id, {.title = "Hello again", .body = "Body, edited"}));
  const auto r = Must(c_->replies.Create(owner_, t.id, {.body = "A reply"}));
  clock_.Advance(std::chrono::seconds(5));
  Must(c_->replies.Edit(owner_, r.id, "A reply, edited"));
  Must(c_->likes.Like(owner_, t.id));
  Must(c_->likes.Unlike(owner_, t.id));
  Must(c_->threads.SetPinned(owner_, t.id, true));
  Must(c_->threads.SetPinned(owner_, t.id, false));
  Must(c_->threads.SetLocked(owner_, t.id, true));
  Must(c_->threads.SetLocked(owner_, t.id, false));
  community::EventDraft e{.title = "Meetup",
                          .description = "Come",
                          .start = UnixMillis(clock_.Now()) + 86'400'000,
                          .end = UnixMillis(clock_.Now()) + 90'000'000,
                          .time_zone = "Europe/Berlin",
                          .place = "Hall"};
  const auto ev = Must(c_->events.Create(owner_, group_, e));
  e.title = "Meetup, moved";
  clock_.Advance(std::chrono::seconds(5));
  Must(c_->events.Update(owner_, ev.id, e));
  Must(c_->replies.Delete(owner_, r.id));
  Must(c_->moderation.RemoveThread(owner_, t.id, "off topic"));
  // Followers fetched the group to follow it, which made its key: the
  // Update(Group) carries it (the harness's Follow skips that fetch).
  Document("/g/news");
  Must(c_->groups.Update(owner_, group_, {.name = "The news"}));
  Must(c_->moderation.Ban(owner_, group_, MemberIdOf(bob_.id), "spam"));
  LocalGroup(owner_, "closed", GroupScope::kPublic, storage::JoinMode::kInvite);
  Post("/g/closed/inbox",
       Simple("Follow", NewActivityId(alice_), alice_, std::string(kBase) + "/g/closed"), alice_);

  CheckAllDeliveries();
  for (const char* shape : {"Accept", "Reject", "Announce", "Create", "Update", "Delete", "Page",
                            "Note", "Event", "Tombstone", "Like", "Undo(Like)", "Add", "Remove",
                            "Lock", "Undo(Lock)", "Block", "Group"}) {
    EXPECT_TRUE(seen_.contains(shape)) << "no " << shape << " was sent";
  }
}

TEST_F(OutboundShapeTest, PublicGroupContentIsPublicAndCarriesCc) {
  const auto t = Must(c_->threads.Create(writer_, group_, {.title = "Hello", .body = "Body"}));
  Must(c_->threads.Delete(writer_, t.id));
  for (const char* inner : {"Create", "Delete"}) {
    auto announces = AnnouncesOf(inner);
    ASSERT_FALSE(announces.empty()) << inner;
    const json::Value& activity = *announces[0].Find("object");
    // Lemmy's verify_visibility: a public community's content names Public;
    // its Delete must name it in `to` (deletion/mod.rs checks `to` only).
    EXPECT_TRUE(Addresses(activity, as::kPublic)) << inner;
    EXPECT_NE(activity.Find("cc"), nullptr) << inner;
    bool public_in_to = false;
    for (const auto& s : Strings(activity.Find("to"))) public_in_to |= s == as::kPublic;
    EXPECT_TRUE(public_in_to) << inner;
  }
  const json::Value group = Document("/g/news");
  EXPECT_EQ(json::Serialize(*group.Find("discoverable")), "true");
  EXPECT_EQ(json::Serialize(*group.Find("manuallyApprovesFollowers")), "false");
  EXPECT_EQ(Str(group, "featured"), group_uri_ + "/featured");
  // Approval of joins is no reason for Lemmy to read the group as private.
  LocalGroup(owner_, "club", GroupScope::kPublic, storage::JoinMode::kApproval);
  EXPECT_EQ(json::Serialize(*Document("/g/club").Find("manuallyApprovesFollowers")), "false");
}

TEST_F(OutboundShapeTest, PartnersGroupContentIsNeverPublicAndTheGroupReadsAsPrivate) {
  const Id partners = LocalGroup(owner_, "circle", GroupScope::kPartners);
  const Id admin = LocalMember("root");
  Must(store_->Write([&](storage::WriteTxn& tx) -> Result<> {
    auto m =
        GH_TRY(storage::Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(admin)));
    m->role = storage::NodeRole::kAdmin;
    return storage::Table<storage::MemberCodec>::Put(tx, *m);
  }));
  Must(fed_->policy_admin().SetShares(admin, "circle", {"peer.test"}));
  Must(c_->memberships.Join(writer_, partners));
  Join(alice_, "circle");
  const auto t = Must(c_->threads.Create(writer_, partners, {.title = "Inside", .body = "Ours"}));
  Must(c_->replies.Create(owner_, t.id, {.body = "Reply"}));
  Must(c_->threads.SetPinned(owner_, t.id, true));
  Must(c_->threads.Delete(writer_, t.id));
  size_t announces = 0;
  for (const auto& d : DeliveriesOfType("Announce")) {
    const std::string body = BodyOf(d);
    EXPECT_EQ(body.find(as::kPublic), std::string::npos) << body;
    json::Value doc = ParseOrFail(body);
    CheckTree(doc, "partners announce");
    // No second Announce of the bare object: Mastodon would refuse a
    // non-public boost, and nothing is addressed wider than the group.
    EXPECT_NE(ShapeOf(*doc.Find("object")), "Page");
    EXPECT_NE(ShapeOf(*doc.Find("object")), "Note");
    ++announces;
  }
  EXPECT_EQ(announces, 4u);  // Create, Create, Add, Delete
  // Lemmy: manuallyApprovesFollowers -> a private community, whose content
  // must not be Public (community_visibility, verify_visibility).
  auto r = fed_->server().GetSync([&] {
    InboxRequest req;
    req.method = "GET";
    req.target = req.path = "/g/circle";
    req.headers = {{"Host", kDomain}, {"Accept", "application/activity+json"}};
    return req;
  }());
  // Unsigned: a partners group discloses its key alone (spec/FEDERATION.md,
  // "Keys of partners groups"); its shape is checked by GroupToGroupActor
  // below through the Update it sends.
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body.find("\"type\":\"Group\""), std::string::npos) << r.body;
  Must(c_->groups.Update(owner_, partners, {.name = "The circle"}));
  auto updates = DeliveriesOfType("Update");
  ASSERT_FALSE(updates.empty());
  json::Value update = ParseOrFail(BodyOf(updates.back()));
  const json::Value& actor = *update.Find("object");
  EXPECT_EQ(TypeOf(actor), "Group");
  EXPECT_EQ(json::Serialize(*actor.Find("manuallyApprovesFollowers")), "true");
  EXPECT_EQ(json::Serialize(*actor.Find("discoverable")), "false");
}

TEST_F(OutboundShapeTest, MastodonFollowersAlsoGetTheObjectAnnounced) {
  const auto t = Must(c_->threads.Create(writer_, group_, {.title = "Hello", .body = "Body"}));
  Must(c_->replies.Create(owner_, t.id, {.body = "A reply"}));
  const std::string thread_uri = std::string(kBase) + "/t/" + t.id.ToString();
  auto pages = AnnouncesOf("Page");
  ASSERT_EQ(pages.size(), 2u);  // peer.test's and other.test's shared inboxes
  EXPECT_EQ(Str(*pages[0].Find("object"), "id"), thread_uri);
  EXPECT_EQ(Str(pages[0], "actor"), group_uri_);
  EXPECT_TRUE(Addresses(pages[0], as::kPublic));
  EXPECT_EQ(AnnouncesOf("Note").size(), 2u);
  EXPECT_EQ(AnnouncesOf("Create").size(), 4u);  // the Announce of the Create stays
  // Not listed: Lemmy reads the outbox as Announces of activities only.
  const json::Value outbox = Document("/g/news/outbox");
  for (const auto& item : outbox.Find("orderedItems")->items()) {
    EXPECT_EQ(ShapeOf(*item.Find("object")), "Create");
  }
}

TEST_F(OutboundShapeTest, PinAndLockAreTheModeratorsAddAndLock) {
  const auto t = Must(c_->threads.Create(writer_, group_, {.title = "Hello", .body = "Body"}));
  Must(c_->threads.SetPinned(owner_, t.id, true));
  Must(c_->threads.SetLocked(owner_, t.id, true));
  const std::string moderator = std::string(kBase) + "/u/owner";
  const std::string thread_uri = std::string(kBase) + "/t/" + t.id.ToString();
  auto adds = AnnouncesOf("Add");
  ASSERT_FALSE(adds.empty());
  const json::Value& add = *adds[0].Find("object");
  EXPECT_EQ(Str(add, "actor"), moderator);  // not the author
  EXPECT_EQ(Str(add, "object"), thread_uri);
  EXPECT_EQ(Str(add, "target"), group_uri_ + "/featured");
  auto locks = AnnouncesOf("Lock");
  ASSERT_FALSE(locks.empty());
  EXPECT_EQ(Str(*locks[0].Find("object"), "actor"), moderator);
  EXPECT_TRUE(AnnouncesOf("Update").empty()) << "a pin or lock is not an Update by the author";

  const json::Value featured = Document("/g/news/featured");
  CheckTree(featured, "featured");
  for (const auto& m : CheckShape("collection:featured", featured)) ADD_FAILURE() << m;
  ASSERT_EQ(featured.Find("orderedItems")->items().size(), 1u);
  const json::Value& page = featured.Find("orderedItems")->items()[0];
  EXPECT_EQ(Str(page, "id"), thread_uri);
  CheckTree(page, "featured item");

  Must(c_->threads.SetPinned(owner_, t.id, false));
  Must(c_->threads.SetLocked(owner_, t.id, false));
  EXPECT_FALSE(AnnouncesOf("Remove").empty());
  EXPECT_FALSE(AnnouncesOf("Undo(Lock)").empty());
  EXPECT_TRUE(Document("/g/news/featured").Find("orderedItems")->items().empty());
}

TEST_F(OutboundShapeTest, CollectionsAreInTheShapesLemmyReads) {
  Must(c_->threads.Create(writer_, group_, {.title = "Hello", .body = "Body"}));
  Must(c_->memberships.SetRole(owner_, group_, MemberIdOf(alice_.id),
                               storage::GroupRole::kModerator));
  const json::Value outbox = Document("/g/news/outbox");
  for (const auto& m : CheckShape("collection:outbox", outbox)) ADD_FAILURE() << m;
  EXPECT_EQ(TypeOf(outbox), "OrderedCollection");
  EXPECT_EQ(json::Serialize(*outbox.Find("totalItems")), "1");
  ASSERT_EQ(outbox.Find("orderedItems")->items().size(), 1u);
  CheckTree(outbox.Find("orderedItems")->items()[0], "outbox item");
  EXPECT_FALSE(Str(outbox, "first").empty());

  const json::Value followers = Document("/g/news/followers");
  for (const auto& m : CheckShape("collection:followers", followers)) ADD_FAILURE() << m;
  EXPECT_EQ(TypeOf(followers), "Collection");  // Lemmy's CollectionType
  EXPECT_TRUE(followers.Find("items")->items().empty());

  const json::Value moderators = Document("/g/news/moderators");
  for (const auto& m : CheckShape("collection:moderators", moderators)) ADD_FAILURE() << m;
  const auto mods = Strings(moderators.Find("orderedItems"));
  EXPECT_NE(std::find(mods.begin(), mods.end(), alice_.id), mods.end()) << "remote moderator";
  EXPECT_NE(std::find(mods.begin(), mods.end(), std::string(kBase) + "/u/owner"), mods.end());

  const json::Value group = Document("/g/news");
  CheckTree(group, "group");
  EXPECT_EQ(Str(group, "attributedTo"), group_uri_ + "/moderators");
}

}  // namespace
}  // namespace guildhall::federation::testing
