// The policy leak test's real peers: Guildhall nodes following the victim's
// groups by handle and what reaches them, then a peer taken off the list
// and the node closed (spec/POLICY.md §1, §4).
#include "tests/integration/policy_leak.h"

namespace guildhall::integration {

// The real peers: a member of each follows each group by handle, the
// victim posts after they joined, and each peer's own API shows what
// reached it.
void PolicyLeak::TryRealPeers() {
  std::vector<std::string> peers = {"partner", "limited", "blocked", "unlisted"};
  if (!core_) peers = {"partner"};
  for (const auto& p : peers) {
    tokens_[p] = cluster_[p].CreateUser("pat");
    for (const std::string& g : kGroups) {
      ApiReply r = cluster_[p].Api(tokens_[p], "POST", "/follows",
                                   "{\"handle\":" + JsonQuote(GroupHandle(victim(), g)) + "}");
      Keep("follow " + g + " from " + p, r.body, p == "partner");
    }
  }
  auto state = [&](const std::string& p, const std::string& g) -> std::string {
    ApiReply list = cluster_[p].Api(tokens_[p], "GET", "/follows");
    for (size_t i = 0; i < list["items"].size(); ++i) {
      if (list["items"][i]["handle"].str() == GroupHandle(victim(), g))
        return list["items"][i]["state"].str();
    }
    return "none";
  };
  for (const Row& row : ExpectedRows(core_)) {
    // Wait for the follows that must complete; refusals are read after.
    if (row.door == "peer-follow" && row.expected == "accepted") {
      Eventually([&] { return state(row.peer, row.group) == row.expected; });
    }
  }
  for (const auto& p : peers) {
    for (const std::string& g : kGroups) Seen("peer-follow", g, p, state(p, g));
  }
  // Posted after the peers joined: delivered (as the group's Announce) only
  // where the group is shared.
  PostThread(victim(), carol_, "staff", std::string(kInternal) + "-late",
             std::string(kInternal) + "-late body");
  PostThread(victim(), ann_, "deals", std::string(kPartners) + "-late",
             std::string(kPartners) + "-late body");
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
    for (const std::string& g : kGroups) {
      Seen("delivery", g, p, delivered(p, g) ? "delivered" : "not-delivered");
    }
  }
}

// spec/POLICY.md §1: taking a peer off the list ends its members'
// memberships and stops delivery to it at once. The limited node, still
// following plaza, is the barrier: once it has the new post, the partner
// had as long to get it.
void PolicyLeak::RemovePartner() {
  NodeProcess& partner = cluster_["partner"];
  auto out = victim().Cli({"admin", "peer", "remove", partner.domain()});
  EXPECT_EQ(out.exit_code, 0) << out.output;
  for (const std::string g : {"deals", "plaza"}) {
    const bool member = victim()
                            .Api(ann_, "GET", "/groups/" + g + "/members?limit=200")
                            .body.find("pat@" + partner.domain()) != std::string::npos;
    Seen("removed->member", g, "partner", member ? "member" : "not-member");
  }
  PostThread(victim(), ann_, "deals", std::string(kPartners) + "-after-removal", "after removal");
  PostThread(victim(), ann_, "plaza", "Plaza after removal", "after removal");
  local_threads_ += 2;
  Eventually([&] {
    return CountThreads(cluster_["limited"], tokens_["limited"], GroupHandle(victim(), "plaza"),
                        "Plaza after removal") > 0;
  });
  for (const auto& [g, title] : std::vector<std::pair<std::string, std::string>>{
           {"deals", std::string(kPartners) + "-after-removal"},
           {"plaza", "Plaza after removal"}}) {
    const bool got = CountThreads(partner, tokens_["partner"], GroupHandle(victim(), g), title) > 0;
    Seen("removed->delivery", g, "partner", got ? "delivered" : "not-delivered");
  }
}

// §1 group peer bans, made after the peer joined: a moderator of plaza
// bans evil, whose actor is a member by now; evil leaves the group and gets
// none of plaza's later posts, while ally (the barrier) gets them.
void PolicyLeak::BanAfterJoining() {
  ApiReply ban = victim().Api(ann_, "POST", "/groups/plaza/peer-bans",
                              "{\"domain\":" + JsonQuote(attacker_.domain("evil")) + "}");
  EXPECT_EQ(ban.status / 100, 2u) << ban.status << " " << ban.body;
  const bool member = victim()
                          .Api(ann_, "GET", "/groups/plaza/members?limit=200")
                          .body.find("mallory@" + attacker_.domain("evil")) != std::string::npos;
  Seen("banned-later->member", "plaza", "evil", member ? "member" : "not-member");
  const std::string title = "Plaza after the ban";
  PostThread(victim(), ann_, "plaza", title, "after the ban");
  ++local_threads_;
  auto got = [&](const std::string& host) {
    for (const Received& r : attacker_.received()) {
      if (r.host == attacker_.domain(host) && r.method == "POST" &&
          r.raw.find(title) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  Eventually([&] { return got("ally"); });
  Seen("banned-later->delivery", "plaza", "ally", got("ally") ? "delivered" : "not-delivered");
  Seen("banned-later->delivery", "plaza", "evil", got("evil") ? "delivered" : "not-delivered");
}

// §4: in mode closed every GET answers 404 and every POST 403.
void PolicyLeak::CloseTheNode() {
  auto out = victim().Cli({"admin", "mode", "closed"});
  EXPECT_EQ(out.exit_code, 0) << out.output;
  const std::string v = victim().domain();
  Probe("closed:webfinger", "plaza", "anon",
        {.target = "/.well-known/webfinger?resource=acct:plaza@" + v,
         .accept = "application/jrd+json"},
        {});
  Probe("closed:nodeinfo", "-", "anon", {.target = "/nodeinfo/2.1", .accept = "application/json"},
        {});
  Probe("closed:actor", "plaza", "anon", {.target = "/g/plaza"}, {});
  Probe("closed:actor", "plaza", "ally", {.target = "/g/plaza"}, {.key_host = "ally"});
  Probe("closed:thread", "plaza", "ally", {.target = "/t/" + thread_["plaza"]},
        {.key_host = "ally"});
  Probe("closed:follow", "plaza", "ally",
        {.method = "POST",
         .target = "/g/plaza/inbox",
         .body = Activity(NextId("ally"), "Follow", Actor("ally"), JsonQuote(Group("plaza")), "")},
        {.key_host = "ally"});
}

}  // namespace guildhall::integration
