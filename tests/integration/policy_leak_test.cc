// Issue 5, "Federation policy: admins decide what crosses the border, and
// nothing internal ever does": the leak test. A victim node with an internal
// group (staff), a partners group shared with one partner only (deals) and a
// public group (plaza) faces real Guildhall peers by name over TLS (partner:
// allowed and shared deals, limited, blocked, unlisted) and a hand-rolled
// attacker (attacker.h) signing with its own keys under hosts in every policy
// state (ally: allowed partner, shared deals; evil: allowed, not shared;
// lim: limited; banned: blocked; stray: not listed). Every door is tried;
// the expected answers live in one table (policy_leak_table.h) that mirrors
// spec/POLICY.md; the test prints door x group x peer with what it saw.
// Marker strings are planted in every internal title, body and member name
// (and in the partners group's content), and every captured byte — every
// response, every delivery to the attacker, what the peers stored — is
// searched for them.
#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include "tests/integration/attacker.h"
#include "tests/integration/cluster.h"
#include "tests/integration/federation_steps.h"
#include "tests/integration/policy_leak_table.h"

namespace guildhall::integration {
namespace {

using testutil::ApiReply;
using testutil::Eventually;
using testutil::HttpReply;
using testutil::JsonQuote;

// Unique enough never to occur by chance in a response.
constexpr char kInternal[] = "INTERNAL-7f3a9e";
constexpr char kPartners[] = "PARTNERS-c41d0b";

const std::vector<std::string> kAttackerHosts = {"ally", "evil", "lim", "banned", "stray"};
const std::vector<std::string> kNodes = {"victim", "partner", "limited", "blocked", "unlisted"};

// One captured byte stream and who may legitimately see partners content in it.
struct Capture {
  std::string where;
  std::string bytes;
  bool may_see_partners = false;
};

class PolicyLeak : public ::testing::Test {
 protected:
  PolicyLeak() : cluster_(kNodes), attacker_(const_cast<testutil::TestCa&>(cluster_.ca()), kAttackerHosts) {
    for (const auto& name : kNodes) {
      auto& resolve = cluster_[name].mutable_options().resolve;
      for (const auto& [host, address] : attacker_.resolve()) resolve[host] = address;
    }
  }

  NodeProcess& victim() { return cluster_["victim"]; }
  std::string Group(const std::string& slug) { return victim().base_url() + "/g/" + slug; }
  std::string Actor(const std::string& host) { return attacker_.actor(host); }
  std::string NextId(const std::string& host) {
    return "https://" + attacker_.domain(host) + "/activities/" + std::to_string(++serial_);
  }

  // The whole policy through the CLI (the policy core's commands). False if
  // the build has no policy core yet.
  bool ApplyPolicy();
  void PlantContent();
  void JoinFromPeers();
  void PostAfterJoining();

  // Sends and records (as a capture and, if `row` is set, as a table row).
  HttpReply Probe(const std::string& door, const std::string& group, const std::string& peer,
                  const Outgoing& out, const Signing& signing);
  void Seen(const std::string& door, const std::string& group, const std::string& peer,
            const std::string& seen) {
    seen_[{door, group, peer}] = seen;
  }
  void Keep(std::string where, std::string bytes, bool may_see_partners) {
    captures_.push_back({std::move(where), std::move(bytes), may_see_partners});
  }
  bool PeerMaySeePartners(const std::string& peer) { return peer == "ally" || peer == "partner"; }

  void TryActorDoors();
  void TryInboxDoors();
  void TryRealPeers();
  void CheckNodeInfo();
  void CollectPeerStores();
  void SearchEveryByte();
  void PrintAndCheckTable();

  Cluster cluster_;
  Attacker attacker_;
  bool core_ = false;
  int serial_ = 0;
  std::string ann_;    // victim admin
  std::string carol_;  // victim member of staff only
  std::map<std::string, std::string> tokens_;  // peer node -> its member's token
  std::map<std::string, std::string> thread_;  // group -> a thread id on the victim
  std::map<std::string, std::string> reply_;   // group -> a reply id on the victim
  std::map<RowKey, std::string> seen_;
  int local_threads_ = 3;  // plaza 2 + deals 1, before the late posts
  int local_replies_ = 2;
  std::string expected_counts_;
  std::vector<Capture> captures_;
};

bool PolicyLeak::ApplyPolicy() {
  NodeProcess& v = victim();
  if (v.Cli({"admin", "peer", "list"}).exit_code != 0) return false;
  auto cli = [&](std::vector<std::string> args) {
    auto out = v.Cli(args);
    EXPECT_EQ(out.exit_code, 0) << "guildhall admin ...: " << out.output;
  };
  cli({"admin", "mode", "allowlist"});
  cli({"admin", "peer", "allow", cluster_["partner"].domain(), "--as", "partner", "--note", "leak test"});
  cli({"admin", "peer", "limit", cluster_["limited"].domain()});
  cli({"admin", "peer", "block", cluster_["blocked"].domain()});
  cli({"admin", "peer", "allow", attacker_.domain("ally"), "--as", "partner"});
  cli({"admin", "peer", "allow", attacker_.domain("evil"), "--as", "other"});
  cli({"admin", "peer", "limit", attacker_.domain("lim")});
  cli({"admin", "peer", "block", attacker_.domain("banned")});
  cli({"admin", "group", "share", "deals", cluster_["partner"].domain(), attacker_.domain("ally")});
  return true;
}

void PolicyLeak::PlantContent() {
  NodeProcess& v = victim();
  ann_ = v.CreateUser("ann", /*admin=*/true);
  carol_ = v.CreateUser("carol");
  ASSERT_FALSE(ann_.empty() || carol_.empty());
  // carol belongs to the internal group only: her name is internal, and
  // with federation off she has no public actor either.
  ASSERT_EQ(v.Api(carol_, "PATCH", "/me",
                  "{\"display_name\":" + JsonQuote(std::string(kInternal) + "-name Carol") +
                      ",\"federation\":false}").status, 200u);
  ASSERT_TRUE(v.CreateGroup("staff", "internal", "ann"));
  ASSERT_TRUE(v.CreateGroup("deals", "partners", "ann"));
  ASSERT_TRUE(v.CreateGroup("plaza", "public", "ann"));
  ASSERT_EQ(v.Api(carol_, "POST", "/groups/staff/join").status, 200u);
  // Counts the internal group must not move: 8 threads, 4 replies, an author.
  for (int i = 0; i < 7; ++i) {
    const std::string id = PostThread(v, carol_, "staff", std::string(kInternal) + "-title " + std::to_string(i),
                                      std::string(kInternal) + "-body salaries " + std::to_string(i));
    if (i == 0) thread_["staff"] = id;
  }
  for (int i = 0; i < 4; ++i) {
    ApiReply r = v.Api(carol_, "POST", "/threads/" + thread_["staff"] + "/replies",
                       "{\"body\":" + JsonQuote(std::string(kInternal) + "-reply " + std::to_string(i)) + "}");
    ASSERT_EQ(r.status, 201u) << r.body;
    reply_["staff"] = r["id"].str();
  }
  thread_["deals"] = PostThread(v, ann_, "deals", std::string(kPartners) + "-title",
                                std::string(kPartners) + "-body pricing");
  ApiReply dr = v.Api(ann_, "POST", "/threads/" + thread_["deals"] + "/replies",
                      "{\"body\":" + JsonQuote(std::string(kPartners) + "-reply") + "}");
  reply_["deals"] = dr["id"].str();
  thread_["plaza"] = PostThread(v, ann_, "plaza", "Plaza welcome", "Hello, world");
  ApiReply pr = v.Api(ann_, "POST", "/threads/" + thread_["plaza"] + "/replies", R"({"body":"Plaza reply"})");
  reply_["plaza"] = pr["id"].str();
  PostThread(v, ann_, "plaza", "Plaza second", "More public text");
}

HttpReply PolicyLeak::Probe(const std::string& door, const std::string& group,
                            const std::string& peer, const Outgoing& out, const Signing& signing) {
  HttpReply reply = attacker_.Send(victim().connect(), victim().domain(), out, signing);
  std::string bytes = std::to_string(reply.status) + "\n";
  for (const auto& [k, v] : reply.headers) bytes += k + ": " + v + "\n";
  Keep(door + " " + group + " as " + peer, bytes + reply.body, PeerMaySeePartners(peer));
  if (!door.empty()) Seen(door, group, peer, reply.status ? std::to_string(reply.status) : reply.error);
  return reply;
}

// GETs of every document and collection of every group, unsigned and
// signed by each attacker host; guessed thread ids.
void PolicyLeak::TryActorDoors() {
  const std::string v = victim().domain();
  std::vector<std::string> peers = {"anon"};
  peers.insert(peers.end(), kAttackerHosts.begin(), kAttackerHosts.end());
  for (const std::string& g : {"staff", "deals", "plaza"}) {
    Probe("webfinger", g, "anon",
          {.target = "/.well-known/webfinger?resource=acct:" + g + "@" + v, .accept = "application/jrd+json"},
          {});
    for (const std::string& peer : peers) {
      const Signing sign{.key_host = peer == "anon" ? "" : peer};
      Probe("actor", g, peer, {.target = "/g/" + g}, sign);
      Probe("outbox", g, peer, {.target = "/g/" + g + "/outbox?page=true"}, sign);
      Probe("followers", g, peer, {.target = "/g/" + g + "/followers"}, sign);
      Probe("members", g, peer, {.target = "/g/" + g + "/members"}, sign);
      Probe("moderators", g, peer, {.target = "/g/" + g + "/moderators"}, sign);
      Probe("thread", g, peer, {.target = "/t/" + thread_[g]}, sign);
      Probe("reply", g, peer, {.target = "/r/" + reply_[g]}, sign);
    }
  }
  // Guessed ids: ids are time-ordered integers, so neighbours of a known
  // public id are the obvious guesses. A hidden thread answers exactly like
  // an id that was never used (no existence oracle, Mastodon CVE-2025-67500).
  const Signing sign{.key_host = "evil"};
  HttpReply hidden = Probe("", "staff", "evil", {.target = "/t/" + thread_["staff"]}, sign);
  HttpReply absent = Probe("", "-", "evil", {.target = "/t/1" + thread_["plaza"]}, sign);
  Seen("guessed-id", "staff", "evil",
       hidden.status == absent.status && hidden.body == absent.body ? "same-as-absent"
                                                                   : "differs:" + std::to_string(hidden.status));
  int found = 0;
  const uint64_t base = std::stoull(thread_["plaza"]);
  for (uint64_t delta = 1; delta <= 64; ++delta) {
    for (uint64_t id : {base - delta, base + delta}) {
      HttpReply r = Probe("", "-", "evil", {.target = "/t/" + std::to_string(id)}, sign);
      if (r.status == 200) ++found;
    }
  }
  Seen("guessed-ids x128", "staff", "evil", found == 0 ? "none-found" : std::to_string(found) + "-found");
}

std::string Activity(const std::string& id, const std::string& type, const std::string& actor,
                     const std::string& object_json, const std::string& to_json) {
  return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":" + JsonQuote(id) +
         ",\"type\":\"" + type + "\",\"actor\":" + JsonQuote(actor) + ",\"object\":" + object_json +
         (to_json.empty() ? "" : ",\"to\":" + to_json) + "}";
}

// Follows and Creates from every attacker host into every group's inbox,
// then the tricks: an internal object announced or replied to through a
// public group, a key of one host for an actor of another, a replay, a
// stale Date.
void PolicyLeak::TryInboxDoors() {
  auto post = [](const std::string& target, const std::string& body) {
    return Outgoing{.method = "POST", .target = target, .body = body};
  };
  for (const std::string& g : {"staff", "deals", "plaza"}) {
    for (const std::string& h : kAttackerHosts) {
      Probe("follow", g, h, post("/g/" + g + "/inbox", Activity(NextId(h), "Follow", Actor(h), JsonQuote(Group(g)), "")),
            {.key_host = h});
    }
  }
  // Membership is the observable effect of a Follow. Wait for the ones the
  // table expects to succeed, then read all (the rest had as long).
  auto is_member = [&](const std::string& g, const std::string& h) {
    return victim().Api(ann_, "GET", "/groups/" + g + "/members?limit=200").body.find("mallory@" + attacker_.domain(h)) !=
           std::string::npos;
  };
  for (const Row& row : ExpectedRows(core_)) {
    if (row.door == "follow->member" && row.expected == "member") {
      Eventually([&] { return is_member(row.group, row.peer); });
    }
  }
  for (const std::string& g : {"staff", "deals", "plaza"}) {
    for (const std::string& h : kAttackerHosts) Seen("follow->member", g, h, is_member(g, h) ? "member" : "not-member");
  }
  auto page = [&](const std::string& h, const std::string& g, const std::string& title) {
    const std::string id = "https://" + attacker_.domain(h) + "/pages/" + std::to_string(++serial_);
    return "{\"id\":" + JsonQuote(id) + ",\"type\":\"Page\",\"attributedTo\":" + JsonQuote(Actor(h)) +
           ",\"name\":" + JsonQuote(title) + ",\"content\":\"<p>attack</p>\",\"audience\":" + JsonQuote(Group(g)) +
           ",\"to\":[" + JsonQuote(Group(g)) + ",\"https://www.w3.org/ns/activitystreams#Public\"]}";
  };
  for (const std::string& g : {"staff", "deals", "plaza"}) {
    for (const std::string& h : kAttackerHosts) {
      const std::string title = "ATTACK " + h + " " + g;
      Probe("create", g, h,
            post("/g/" + g + "/inbox", Activity(NextId(h), "Create", Actor(h), page(h, g, title),
                                                "[" + JsonQuote(Group(g)) + "]")),
            {.key_host = h});
    }
  }
  auto stored = [&](const std::string& g, const std::string& title) {
    return CountThreads(victim(), ann_, g, title) > 0;
  };
  for (const Row& row : ExpectedRows(core_)) {
    if (row.door == "create->stored" && row.expected == "stored") {
      Eventually([&] { return stored(row.group, "ATTACK " + row.peer + " " + row.group); });
    }
  }
  for (const std::string& g : {"staff", "deals", "plaza"}) {
    for (const std::string& h : kAttackerHosts) {
      Seen("create->stored", g, h, stored(g, "ATTACK " + h + " " + g) ? "stored" : "not-stored");
    }
  }
  // Through the shared inbox, a Create aimed at the internal group.
  Probe("create-shared-inbox", "staff", "ally",
        post("/inbox", Activity(NextId("ally"), "Create", Actor("ally"), page("ally", "staff", "ATTACK shared staff"),
                                "[" + JsonQuote(Group("staff")) + "]")),
        {.key_host = "ally"});
  // An allowed peer announces an internal thread into the public group, and
  // replies to it there: the group must neither store nor re-announce it.
  const std::string internal_url = victim().base_url() + "/t/" + thread_["staff"];
  Probe("announce-internal", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Announce", Actor("ally"), JsonQuote(internal_url),
                                        "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  const std::string note = "{\"id\":\"https://" + attacker_.domain("ally") + "/notes/" + std::to_string(++serial_) +
                           "\",\"type\":\"Note\",\"attributedTo\":" + JsonQuote(Actor("ally")) +
                           ",\"content\":\"<p>ATTACK reply</p>\",\"inReplyTo\":" + JsonQuote(internal_url) +
                           ",\"audience\":" + JsonQuote(Group("plaza")) + ",\"to\":[" + JsonQuote(Group("plaza")) + "]}";
  Probe("reply-to-internal", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Create", Actor("ally"), note, "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  // A relay of objects on a blocked and an unlisted domain: dropped, and the
  // attacker's hosts see no fetch of them.
  for (const std::string& e : {"banned", "stray"}) {
    const std::string object = "https://" + attacker_.domain(e) + "/relayed/" + std::to_string(++serial_);
    HttpReply r = Probe("", "plaza", "ally",
                        post("/g/plaza/inbox", Activity(NextId("ally"), "Announce", Actor("ally"), JsonQuote(object),
                                                        "[" + JsonQuote(Group("plaza")) + "]")),
                        {.key_host = "ally"});
    Seen(e == "banned" ? "relay-of-blocked" : "relay-of-unlisted", "plaza", "ally", std::to_string(r.status));
  }
  // ally's key, claiming the partner node's member as the actor.
  const std::string pat = cluster_["partner"].base_url() + "/u/pat";
  Probe("forged-actor", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Create", pat, page("ally", "plaza", "ATTACK forged"),
                                        "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  // A replay of a Create that was accepted: 202 and nothing new.
  const std::string once = "ATTACK replayed";
  Probe("", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Create", Actor("ally"), page("ally", "plaza", once),
                                        "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  HttpReply again = attacker_.Replay(victim().connect(), victim().domain());
  Keep("replay", again.body, true);
  Seen("replay", "plaza", "ally", std::to_string(again.status));
  Eventually([&] { return CountThreads(victim(), ann_, "plaza", once) >= 1; });
  Seen("replay->stored", "plaza", "ally", std::to_string(CountThreads(victim(), ann_, "plaza", once)) + "-copies");
  Probe("stale-date", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Create", Actor("ally"), page("ally", "plaza", "ATTACK stale"),
                                        "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally", .date_offset_seconds = -2 * 3600});
}

// The real peers: a member of each follows each group by handle, the
// victim posts after they joined, and each peer's own API shows what
// reached it.
void PolicyLeak::TryRealPeers() {
  std::vector<std::string> peers = {"partner", "limited", "blocked", "unlisted"};
  if (!core_) peers = {"partner"};
  for (const auto& p : peers) {
    tokens_[p] = cluster_[p].CreateUser("pat");
    for (const std::string& g : {"staff", "deals", "plaza"}) {
      ApiReply r = cluster_[p].Api(tokens_[p], "POST", "/follows",
                                   "{\"handle\":" + JsonQuote(GroupHandle(victim(), g)) + "}");
      Keep("follow " + g + " from " + p, r.body, p == "partner");
    }
  }
  auto state = [&](const std::string& p, const std::string& g) -> std::string {
    ApiReply list = cluster_[p].Api(tokens_[p], "GET", "/follows");
    for (size_t i = 0; i < list["items"].size(); ++i) {
      if (list["items"][i]["handle"].str() == GroupHandle(victim(), g)) return list["items"][i]["state"].str();
    }
    return "none";
  };
  for (const Row& row : ExpectedRows(core_)) {
    if (row.door == "peer-follow" && row.expected != "none") {
      Eventually([&] { return state(row.peer, row.group) == row.expected; });
    }
  }
  for (const auto& p : peers) {
    for (const std::string& g : {"staff", "deals", "plaza"}) Seen("peer-follow", g, p, state(p, g));
  }
  // Posted after the peers joined: delivered (as the group's Announce) only
  // where the group is shared.
  PostThread(victim(), carol_, "staff", std::string(kInternal) + "-late", std::string(kInternal) + "-late body");
  PostThread(victim(), ann_, "deals", std::string(kPartners) + "-late", std::string(kPartners) + "-late body");
  PostThread(victim(), ann_, "plaza", "Plaza late", "Public late body");
  ++local_threads_;
  ++local_threads_;
  const std::map<std::string, std::string> late = {{"staff", std::string(kInternal) + "-late"},
                                                   {"deals", std::string(kPartners) + "-late"},
                                                   {"plaza", "Plaza late"}};
  auto delivered = [&](const std::string& p, const std::string& g) {
    return CountThreads(cluster_[p], tokens_[p], GroupHandle(victim(), g), late.at(g)) > 0;
  };
  for (const Row& row : ExpectedRows(core_)) {
    if (row.door == "delivery" && row.expected == "delivered") {
      Eventually([&] { return delivered(row.peer, row.group); });
    }
  }
  for (const auto& p : peers) {
    for (const std::string& g : {"staff", "deals", "plaza"}) {
      Seen("delivery", g, p, delivered(p, g) ? "delivered" : "not-delivered");
    }
  }
}

// NodeInfo counts only partners and public content: 8 internal threads,
// 4 internal replies and their author must not move them.
void PolicyLeak::CheckNodeInfo() {
  HttpReply info = Probe("nodeinfo", "-", "anon", {.target = "/nodeinfo/2.1", .accept = "application/json"}, {});
  testutil::Json doc(info.body);
  const std::string seen = "posts=" + std::to_string(doc["usage"]["localPosts"].num()) +
                           " comments=" + std::to_string(doc["usage"]["localComments"].num()) +
                           " active=" + std::to_string(doc["usage"]["users"]["activeMonth"].num());
  Seen("nodeinfo-counts", "staff", "anon", seen);
  expected_counts_ = "posts=" + std::to_string(local_threads_) + " comments=" +
                     std::to_string(local_replies_) + " active=1";
  // Collections count too: the public group's outbox holds only its own.
  HttpReply outbox = Probe("", "plaza", "anon", {.target = "/g/plaza/outbox"}, {});
  testutil::Json box(outbox.body);
  Probe("member-actor", "staff", "anon", {.target = "/u/carol"}, {});
  Seen("outbox-total", "plaza", "anon", box["totalItems"].num() < 20 ? "small" : std::to_string(box["totalItems"].num()));
}

// What the peers stored: every thread of every victim group they follow,
// with its replies, as their API returns it.
void PolicyLeak::CollectPeerStores() {
  for (const auto& [p, token] : tokens_) {
    for (const std::string& g : {"staff", "deals", "plaza"}) {
      ApiReply list = cluster_[p].Api(token, "GET", "/groups/" + GroupHandle(victim(), g) + "/threads?limit=200");
      Keep("stored on " + p + " for " + g, list.body, p == "partner");
      for (size_t i = 0; i < list["items"].size(); ++i) {
        ApiReply t = cluster_[p].Api(token, "GET", "/threads/" + list["items"][i]["id"].str());
        Keep("stored thread on " + p, t.body, p == "partner");
      }
    }
    Keep("follows on " + p, cluster_[p].Api(token, "GET", "/follows").body, p == "partner");
    Keep("members seen on " + p, cluster_[p].Api(token, "GET", "/members?limit=200").body, p == "partner");
  }
  int relayed = 0;
  for (const Received& r : attacker_.received()) {
    if (r.target.find("/relayed/") != std::string::npos) ++relayed;
    Keep("received by attacker at " + r.host + " " + r.method + " " + r.target, r.raw,
         r.host == attacker_.domain("ally"));
  }
  Seen("relay->fetched", "plaza", "ally", relayed == 0 ? "nothing-fetched" : std::to_string(relayed) + "-fetches");
}

// Every captured byte, searched for every marker.
void PolicyLeak::SearchEveryByte() {
  size_t bytes = 0;
  int leaks = 0;
  for (const Capture& c : captures_) {
    bytes += c.bytes.size();
    for (const char* marker : {kInternal, kPartners}) {
      if (marker == std::string(kPartners) && c.may_see_partners) continue;
      if (c.bytes.find(marker) != std::string::npos) {
        ++leaks;
        ADD_FAILURE() << "LEAK of " << marker << " in " << c.where << ":\n" << c.bytes.substr(0, 2000);
      }
    }
  }
  std::cout << "searched " << captures_.size() << " captures, " << bytes << " bytes, for "
            << kInternal << " and " << kPartners << ": " << leaks << " leaks\n";
  EXPECT_GT(captures_.size(), 100u);
}

void PolicyLeak::PrintAndCheckTable() {
  std::cout << "\n" << (core_ ? "policy core present" : "policy core ABSENT: only rows it does not decide")
            << " — expected answers from spec/POLICY.md\n";
  std::printf("%-20s %-6s %-9s %-28s %-28s %s\n", "door", "group", "peer", "expected", "seen", "");
  int bad = 0;
  for (Row row : ExpectedRows(core_)) {
    if (row.door == "nodeinfo-counts") row.expected = expected_counts_;
    auto it = seen_.find({row.door, row.group, row.peer});
    const std::string seen = it == seen_.end() ? "(not tried)" : it->second;
    const bool ok = Matches(row.expected, seen);
    if (!ok) ++bad;
    std::printf("%-20s %-6s %-9s %-28s %-28s %s\n", row.door.c_str(), row.group.c_str(), row.peer.c_str(),
                row.expected.c_str(), seen.c_str(), ok ? "ok" : "MISMATCH");
    EXPECT_TRUE(ok) << row.door << " " << row.group << " " << row.peer << ": expected " << row.expected
                    << ", saw " << seen;
  }
  std::cout << bad << " mismatches\n" << std::flush;
}

TEST_F(PolicyLeak, NothingInternalCrossesAnyDoor) {
  ASSERT_TRUE(cluster_.Up());
  ASSERT_TRUE(testutil::ServesFederation(victim())) << "no /.well-known/nodeinfo";
  PlantContent();
  if (HasFatalFailure()) return;
  // Without the policy core the nodes run from config (mode open, no
  // lists): only the rows that do not depend on lists are asserted.
  core_ = ApplyPolicy();
  TryActorDoors();
  TryInboxDoors();
  TryRealPeers();
  CheckNodeInfo();
  CollectPeerStores();
  PrintAndCheckTable();
  SearchEveryByte();
}

}  // namespace
}  // namespace guildhall::integration
