// The documents the node serves, compared with golden files
// (tests/federation/actors/golden/; spec/FEDERATION.md quotes them). Run
// with GUILDHALL_UPDATE_GOLDEN=1 to rewrite them after an intended change.
// Internal groups must have no document, no WebFinger answer, no NodeInfo
// count and no outbox entry.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "federation/actors/serve.h"
#include "federation/protocol/json.h"
#include "node/community/memberships.h"
#include "node/community/replies.h"
#include "node/community/threads.h"
#include "tests/federation/inbox/harness.h"

namespace guildhall::federation::testing {
namespace {

std::filesystem::path GoldenPath(const std::string& name) {
  return std::filesystem::path(GUILDHALL_TESTS_DIR) / "actors" / "golden" / name;
}

// Pretty enough for review: one member per line at the top level.
std::string Pretty(const std::string& json) {
  auto v = json::Parse(json);
  if (!v) return json + "\n";
  std::string out = "{\n";
  const auto& members = v->members();
  for (size_t i = 0; i < members.size(); ++i) {
    json::Value one = json::Value::String(members[i].name);
    out += "  " + json::Serialize(one) + ": " + json::Serialize(members[i].value);
    out += i + 1 < members.size() ? ",\n" : "\n";
  }
  return out + "}\n";
}

void ExpectGolden(const std::string& name, const std::string& json) {
  const std::string actual = Pretty(json);
  const auto path = GoldenPath(name);
  if (std::getenv("GUILDHALL_UPDATE_GOLDEN") != nullptr) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << actual;
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << "missing golden file " << path
                         << " (run with GUILDHALL_UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "golden file " << path;
}

class DocumentsTest : public FederationHarness {
 protected:
  DocumentsTest() {
    owner_ = LocalMember("owner");
    group_ = LocalGroup(owner_, "news");
    staff_ = LocalGroup(owner_, "staff", storage::GroupScope::kInternal);
  }

  ApResponse Get(const std::string& target) {
    InboxRequest req;
    req.method = "GET";
    req.target = target;
    req.path = target.substr(0, target.find('?'));
    req.headers = {{"Host", kDomain}, {"Accept", "application/activity+json"}};
    return fed_->server().GetSync(req);
  }

  Id owner_, group_, staff_;
};

TEST_F(DocumentsTest, NodeActorGolden) {
  auto r = Get("/actor");
  ASSERT_EQ(r.status, 200u);
  ExpectGolden("node_actor.json", r.body);
}

TEST_F(DocumentsTest, PersonGolden) {
  auto r = Get("/u/owner");
  ASSERT_EQ(r.status, 200u);
  ExpectGolden("person.json", r.body);
}

TEST_F(DocumentsTest, GroupGolden) {
  auto r = Get("/g/news");
  ASSERT_EQ(r.status, 200u);
  ExpectGolden("group.json", r.body);
}

TEST_F(DocumentsTest, ThreadAndAnnounceGolden) {
  Peer alice = AddPeer("alice");
  Join(alice, "news");
  const Id thread = Must(c_->threads.Create(owner_, group_, {"Welcome", "Hello *world*", ""})).id;
  auto page = Get("/t/" + thread.ToString());
  ASSERT_EQ(page.status, 200u);
  ExpectGolden("page.json", page.body);
  auto outbox = Get("/g/news/outbox?page=true");
  ASSERT_EQ(outbox.status, 200u);
  ExpectGolden("group_outbox_page.json", outbox.body);
  auto accepts = DeliveriesOfType("Accept");
  ASSERT_EQ(accepts.size(), 1u);
  ExpectGolden("accept.json", BodyOf(accepts[0]));
}

TEST_F(DocumentsTest, WebFingerGolden) {
  ExpectGolden("webfinger_member.json", Must(fed_->discovery().WebFinger("acct:owner@guild.test")));
  ExpectGolden("webfinger_group.json", Must(fed_->discovery().WebFinger("acct:news@guild.test")));
  // The actor URL as the resource, and the node actor.
  EXPECT_TRUE(fed_->discovery().WebFinger("https://guild.test/g/news").has_value());
  ExpectGolden("webfinger_node.json",
               Must(fed_->discovery().WebFinger("acct:guild.test@guild.test")));
}

// FEP-d556: the server's URL finds the server-level actor (rel Service and
// self), with and without the trailing slash; no other URL of ours does.
TEST_F(DocumentsTest, WebFingerOfTheServerUrlFindsTheNodeActor) {
  ExpectGolden("webfinger_server.json", Must(fed_->discovery().WebFinger("https://guild.test/")));
  auto bare = Must(fed_->discovery().WebFinger("https://guild.test"));
  EXPECT_NE(
      bare.find(
          R"({"rel":"https://www.w3.org/ns/activitystreams#Service","type":"application/activity+json","href":"https://guild.test/actor"})"),
      std::string::npos)
      << bare;
  EXPECT_FALSE(fed_->discovery().WebFinger("https://other.test/").has_value());
  EXPECT_FALSE(fed_->discovery().WebFinger("https://guild.test/g/staff").has_value());
  // A group is not a server-level actor.
  EXPECT_EQ(Must(fed_->discovery().WebFinger("acct:news@guild.test")).find("#Service"),
            std::string::npos);
}

// FEP-2677 (the application actor among NodeInfo's links) and FEP-844e
// (what the node implements, on every actor) are in the goldens; this
// says so in words.
TEST_F(DocumentsTest, DiscoveryNamesTheApplicationActorAndWhatItImplements) {
  const std::string links = Must(fed_->discovery().NodeInfoLinks());
  EXPECT_NE(
      links.find(
          R"({"rel":"https://www.w3.org/ns/activitystreams#Application","href":"https://guild.test/actor"})"),
      std::string::npos)
      << links;
  const std::string rfc9421 = R"("href":"https://datatracker.ietf.org/doc/html/rfc9421")";
  const std::string node = Get("/actor").body;
  EXPECT_NE(node.find("\"implements\":[{\"type\":\"Link\"," + rfc9421), std::string::npos) << node;
  for (const char* path : {"/u/owner", "/g/news"}) {
    const std::string actor = Get(path).body;
    EXPECT_NE(actor.find(R"("generator":{"type":"Application","implements":[)"), std::string::npos)
        << actor;
    EXPECT_NE(actor.find(rfc9421), std::string::npos) << actor;
    EXPECT_NE(actor.find("https://w3id.org/fep/844e/implements"), std::string::npos) << actor;
  }
  // NodeInfo metadata: names and the federation mode, nothing else.
  const std::string info = Must(fed_->discovery().NodeInfoDocument("2.1"));
  EXPECT_NE(info.find(R"("metadata":{"nodeName":"Guild Test","federationMode":"open"})"),
            std::string::npos)
      << info;
}

TEST_F(DocumentsTest, NodeInfoGolden) {
  ExpectGolden("nodeinfo_links.json", Must(fed_->discovery().NodeInfoLinks()));
  ExpectGolden("nodeinfo_2_1.json", Must(fed_->discovery().NodeInfoDocument("2.1")));
  EXPECT_TRUE(fed_->discovery().NodeInfoDocument("2.0").has_value());
  EXPECT_FALSE(fed_->discovery().NodeInfoDocument("3.0").has_value());
}

TEST_F(DocumentsTest, InternalGroupHasNoDocumentNoWebFingerNoCountNoOutbox) {
  const Id secret = Must(c_->threads.Create(owner_, staff_, {"Secret", "plans", ""})).id;
  Must(c_->threads.Create(owner_, group_, {"Public", "news", ""}));
  EXPECT_EQ(Get("/g/staff").status, 404u);
  EXPECT_EQ(Get("/g/staff/outbox").status, 404u);
  EXPECT_EQ(Get("/g/staff/followers").status, 404u);
  EXPECT_EQ(Get("/t/" + secret.ToString()).status, 404u);
  EXPECT_EQ(Get("/g/nosuch").status, 404u);
  EXPECT_FALSE(fed_->discovery().WebFinger("acct:staff@guild.test").has_value());
  EXPECT_FALSE(fed_->discovery().WebFinger("https://guild.test/g/staff").has_value());
  auto counts = Must(fed_->discovery().Count());
  EXPECT_EQ(counts.local_posts, 1);  // the public group's thread only
  auto outbox = Get("/u/owner/outbox?page=true");
  ASSERT_EQ(outbox.status, 200u);
  EXPECT_EQ(outbox.body.find("Secret"), std::string::npos);
}

TEST_F(DocumentsTest, PartnersGroupNeedsASignedFetchFromASharedDomain) {
  LocalGroup(owner_, "partners", storage::GroupScope::kPartners);
  // Open mode, but partners groups are shared with listed domains only:
  // nothing of the group but its key (next test) answers an unsigned GET.
  for (const char* path : {"/g/partners/outbox", "/g/partners/outbox?page=true",
                           "/g/partners/followers", "/g/partners/moderators"}) {
    EXPECT_EQ(Get(path).status, 404u) << path;
  }
}

// Issue 9 item 2: Fedify fetches the key of an activity's signer without a
// signature (at its shared inbox), so a partners group's Accept and
// Announces were refused. The keyId's URL answers the key alone.
TEST_F(DocumentsTest, UnsignedGetOfAPartnersGroupGetsItsKeyAndNothingElse) {
  LocalGroup(owner_, "partners", storage::GroupScope::kPartners);
  auto r = Get("/g/partners");
  ASSERT_EQ(r.status, 200u);
  auto doc = json::Parse(r.body);
  ASSERT_TRUE(doc.has_value()) << r.body;
  std::vector<std::string> names;
  for (const auto& m : doc->members()) names.push_back(m.name);
  EXPECT_EQ(names, (std::vector<std::string>{"@context", "id", "type", "owner", "publicKeyPem"}));
  EXPECT_NE(r.body.find("\"id\":\"https://guild.test/g/partners#main-key\""), std::string::npos);
  EXPECT_NE(r.body.find("\"owner\":\"https://guild.test/g/partners\""), std::string::npos);
  EXPECT_NE(r.body.find("BEGIN PUBLIC KEY"), std::string::npos);
  for (const char* hidden : {"Group partners", "About", "inbox", "followers", "Group\""}) {
    EXPECT_EQ(r.body.find(hidden), std::string::npos) << hidden << " in " << r.body;
  }
  // Internal groups stay absent.
  EXPECT_EQ(Get("/g/staff").status, 404u);
}

// A GET that carries a signature is not given the key in place of the
// group: Fedify signs with RFC 9421 first and retries with draft-cavage
// only after an error status, so a signature we could not verify must not
// be answered 200.
TEST_F(DocumentsTest, SignedButUnverifiedGetOfAPartnersGroupIsNotFound) {
  LocalGroup(owner_, "partners", storage::GroupScope::kPartners);
  InboxRequest req;
  req.method = "GET";
  req.target = req.path = "/g/partners";
  req.headers = {{"Host", kDomain},
                 {"Accept", "application/activity+json"},
                 {"Date", "Thu, 01 Jan 2026 00:00:00 GMT"},
                 {"Signature",
                  "keyId=\"https://peer.test/users/x#main-key\",algorithm=\"rsa-sha256\","
                  "headers=\"(request-target) host date\",signature=\"AAAA\""}};
  EXPECT_EQ(fed_->server().GetSync(req).status, 404u);
}

TEST_F(DocumentsTest, MemberWithFederationOffHasNoDocument) {
  EXPECT_EQ(Get("/u/nosuch").status, 404u);
  EXPECT_EQ(Get("/u/owner").status, 200u);
}

TEST_F(DocumentsTest, FollowersCollectionShowsOnlyACount) {
  auto r = Get("/g/news/followers");
  ASSERT_EQ(r.status, 200u);
  EXPECT_NE(r.body.find("\"totalItems\":1"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("orderedItems"), std::string::npos);
  EXPECT_EQ(r.body.find("/u/owner"), std::string::npos);
}

// FEP-7888: a thread's conversation is a collection, named in `context` by
// the Page and its Notes: the thread first, then the replies as written,
// paged like the outbox (first page inline).
TEST_F(DocumentsTest, ThreadContextCollectionListsTheConversation) {
  const Id thread = Must(c_->threads.Create(owner_, group_, {"Welcome", "Hello", ""})).id;
  const std::string thread_uri = std::string(kBase) + "/t/" + thread.ToString();
  const std::string context = thread_uri + "/context";
  std::vector<Id> replies;
  for (int i = 0; i < 25; ++i) {
    replies.push_back(
        Must(c_->replies.Create(owner_, thread, {Id{}, "reply " + std::to_string(i), ""})).id);
  }
  auto page = json::Parse(Get("/t/" + thread.ToString()).body);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->Find("context")->text(), context);
  auto note = json::Parse(Get("/r/" + replies[0].ToString()).body);
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->Find("context")->text(), context);
  EXPECT_EQ(note->Find("inReplyTo")->text(), thread_uri);

  auto r = Get("/t/" + thread.ToString() + "/context");
  ASSERT_EQ(r.status, 200u);
  auto doc = json::Parse(r.body);
  ASSERT_TRUE(doc.has_value()) << r.body;
  EXPECT_EQ(doc->Find("id")->text(), context);
  EXPECT_EQ(doc->Find("type")->text(), "OrderedCollection");
  EXPECT_EQ(json::Serialize(*doc->Find("totalItems")), "26");
  EXPECT_EQ(doc->Find("first")->text(), context + "?page=true");
  const auto& items = doc->Find("orderedItems")->items();
  ASSERT_EQ(items.size(), 20u);
  EXPECT_EQ(items[0].Find("id")->text(), thread_uri);
  EXPECT_EQ(items[0].Find("type")->text(), "Page");
  EXPECT_EQ(items[1].Find("id")->text(), std::string(kBase) + "/r/" + replies[0].ToString());
  EXPECT_EQ(items[19].Find("id")->text(), std::string(kBase) + "/r/" + replies[18].ToString());

  auto first = json::Parse(Get("/t/" + thread.ToString() + "/context?page=true").body);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->Find("type")->text(), "OrderedCollectionPage");
  EXPECT_EQ(first->Find("partOf")->text(), context);
  const std::string next = first->Find("next")->text();
  ASSERT_TRUE(next.starts_with(context + "?page=")) << next;
  auto second = json::Parse(Get(next.substr(std::string(kBase).size())).body);
  ASSERT_TRUE(second.has_value());
  const auto& rest = second->Find("orderedItems")->items();
  ASSERT_EQ(rest.size(), 6u);
  EXPECT_EQ(rest[0].Find("id")->text(), std::string(kBase) + "/r/" + replies[19].ToString());
  EXPECT_EQ(second->Find("next"), nullptr);
}

// The conversation shows what its thread shows, to whom it shows it.
TEST_F(DocumentsTest, ThreadContextCollectionKeepsTheGroupsScope) {
  const Id partners = LocalGroup(owner_, "partners", storage::GroupScope::kPartners);
  const Id shared = Must(c_->threads.Create(owner_, partners, {"Deal", "terms", ""})).id;
  const Id secret = Must(c_->threads.Create(owner_, staff_, {"Secret", "plans", ""})).id;
  const Id gone = Must(c_->threads.Create(owner_, group_, {"Gone", "soon", ""})).id;
  Must(c_->threads.Delete(owner_, gone));
  EXPECT_EQ(Get("/t/" + shared.ToString() + "/context").status, 404u);  // unsigned
  EXPECT_EQ(Get("/t/" + secret.ToString() + "/context").status, 404u);
  EXPECT_EQ(Get("/t/" + gone.ToString() + "/context").status, 404u);
  EXPECT_EQ(Get("/t/999999/context").status, 404u);
  EXPECT_EQ(Get("/r/1/context").status, 404u);
}

}  // namespace
}  // namespace guildhall::federation::testing
