// The doors of the policy leak test that the attacker knocks on itself:
// every GET of every group unsigned and signed from each of its hosts,
// guessed ids, Follow and Create into every inbox, relays, forged actors,
// replays and stale dates, and the groups' own activities (spec/POLICY.md §4).
#include <rapidjson/document.h>

#include "tests/integration/policy_leak.h"
#include "tests/testutil/json_view.h"

namespace guildhall::integration {
namespace {

// "@context,id,type,owner,publicKeyPem": the top-level member names.
std::string MemberNames(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (!doc.IsObject()) return "not-an-object";
  std::string out;
  for (const auto& m : doc.GetObject()) {
    out += (out.empty() ? "" : ",") + std::string(m.name.GetString(), m.name.GetStringLength());
  }
  return out;
}

// A key document (spec/FEDERATION.md "Keys of partners groups") rather
// than the group's actor document.
bool KeyOnly(const std::string& body) {
  testutil::Json doc(body);
  return doc["type"].str() == "CryptographicKey";
}

}  // namespace

// GETs of every document and collection of every group, unsigned and
// signed by each attacker host; guessed thread ids.
void PolicyLeak::TryActorDoors() {
  const std::string v = victim().domain();
  std::vector<std::string> peers = {"anon"};
  peers.insert(peers.end(), kAttackerHosts.begin(), kAttackerHosts.end());
  for (const std::string& g : kGroups) {
    Probe("webfinger", g, "anon",
          {.target = "/.well-known/webfinger?resource=acct:" + g + "@" + v,
           .accept = "application/jrd+json"},
          {});
    for (const std::string& peer : peers) {
      const Signing sign{.key_host = peer == "anon" ? "" : peer};
      HttpReply actor = Probe("actor", g, peer, {.target = "/g/" + g}, sign);
      if (actor.status == 200 && KeyOnly(actor.body)) {
        Seen("actor", g, peer, "key-only");
        Seen("key-fields", g, peer, MemberNames(actor.body));
      }
      Probe("outbox", g, peer, {.target = "/g/" + g + "/outbox?page=true"}, sign);
      Probe("followers", g, peer, {.target = "/g/" + g + "/followers"}, sign);
      Probe("members", g, peer, {.target = "/g/" + g + "/members"}, sign);
      Probe("moderators", g, peer, {.target = "/g/" + g + "/moderators"}, sign);
      Probe("thread", g, peer, {.target = "/t/" + thread_[g]}, sign);
      Probe("reply", g, peer, {.target = "/r/" + reply_[g]}, sign);
      Probe("event", g, peer, {.target = "/e/" + event_[g]}, sign);
      // FEP-7888: a thread's conversation, scoped like the thread.
      Probe("context", g, peer, {.target = "/t/" + thread_[g] + "/context"}, sign);
    }
  }
  // Guessed ids: ids are time-ordered integers, so neighbours of a known
  // public id are the obvious guesses. A hidden thread answers exactly like
  // an id that was never used (no existence oracle, Mastodon CVE-2025-67500).
  const Signing sign{.key_host = "evil"};
  HttpReply hidden = Probe("", "staff", "evil", {.target = "/t/" + thread_["staff"]}, sign);
  HttpReply absent = Probe("", "-", "evil", {.target = "/t/1" + thread_["plaza"]}, sign);
  Seen("guessed-id", "staff", "evil",
       hidden.status == absent.status && hidden.body == absent.body
           ? "same-as-absent"
           : "differs:" + std::to_string(hidden.status));
  int found = 0;
  const uint64_t base = std::stoull(thread_["plaza"]);
  for (uint64_t delta = 1; delta <= 64; ++delta) {
    for (uint64_t id : {base - delta, base + delta}) {
      HttpReply r = Probe("", "-", "evil", {.target = "/t/" + std::to_string(id)}, sign);
      if (r.status == 200) ++found;
    }
  }
  Seen("guessed-ids x128", "staff", "evil",
       found == 0 ? "none-found" : std::to_string(found) + "-found");
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
  for (const std::string& g : kGroups) {
    for (const std::string& h : kAttackerHosts) {
      Probe("follow", g, h,
            post("/g/" + g + "/inbox",
                 Activity(NextId(h), "Follow", Actor(h), JsonQuote(Group(g)), "")),
            {.key_host = h});
    }
  }
  // Membership is the observable effect of a Follow. Wait for the ones the
  // table expects to succeed, then read all (the rest had as long).
  auto is_member = [&](const std::string& g, const std::string& h) {
    return victim()
               .Api(ann_, "GET", "/groups/" + g + "/members?limit=200")
               .body.find("mallory@" + attacker_.domain(h)) != std::string::npos;
  };
  for (const Row& row : ExpectedRows(core_)) {
    if (row.door == "follow->member" && row.expected == "member") {
      Eventually([&] { return is_member(row.group, row.peer); });
    }
  }
  for (const std::string& g : kGroups) {
    for (const std::string& h : kAttackerHosts)
      Seen("follow->member", g, h, is_member(g, h) ? "member" : "not-member");
  }
  auto page = [&](const std::string& h, const std::string& g, const std::string& title) {
    const std::string id = "https://" + attacker_.domain(h) + "/pages/" + std::to_string(++serial_);
    return "{\"id\":" + JsonQuote(id) +
           ",\"type\":\"Page\",\"attributedTo\":" + JsonQuote(Actor(h)) +
           ",\"name\":" + JsonQuote(title) +
           ",\"content\":\"<p>attack</p>\",\"audience\":" + JsonQuote(Group(g)) + ",\"to\":[" +
           JsonQuote(Group(g)) + ",\"https://www.w3.org/ns/activitystreams#Public\"]}";
  };
  for (const std::string& g : kGroups) {
    for (const std::string& h : kAttackerHosts) {
      const std::string title = "ATTACK " + h + " " + g;
      Probe("create", g, h,
            post("/g/" + g + "/inbox", Activity(NextId(h), "Create", Actor(h), page(h, g, title),
                                                "[" + JsonQuote(Group(g)) + "]")),
            {.key_host = h});
    }
  }
  // Visible to an ordinary member: a post held for approval is not.
  auto stored = [&](const std::string& g, const std::string& title) {
    return CountThreads(victim(), dan_, g, title) > 0;
  };
  for (const Row& row : ExpectedRows(core_)) {
    if (row.door == "create->stored" && row.expected == "stored") {
      Eventually([&] { return stored(row.group, "ATTACK " + row.peer + " " + row.group); });
    }
  }
  for (const std::string& g : kGroups) {
    for (const std::string& h : kAttackerHosts) {
      Seen("create->stored", g, h, stored(g, "ATTACK " + h + " " + g) ? "stored" : "not-stored");
    }
  }
  // Through the shared inbox, a Create aimed at the internal group.
  Probe("create-shared-inbox", "staff", "ally",
        post("/inbox", Activity(NextId("ally"), "Create", Actor("ally"),
                                page("ally", "staff", "ATTACK shared staff"),
                                "[" + JsonQuote(Group("staff")) + "]")),
        {.key_host = "ally"});
  // An allowed peer announces an internal thread into the public group, and
  // replies to it there: the group must neither store nor re-announce it.
  const std::string internal_url = victim().base_url() + "/t/" + thread_["staff"];
  Probe("announce-internal", "plaza", "ally",
        post("/g/plaza/inbox",
             Activity(NextId("ally"), "Announce", Actor("ally"), JsonQuote(internal_url),
                      "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  const std::string note =
      "{\"id\":\"https://" + attacker_.domain("ally") + "/notes/" + std::to_string(++serial_) +
      "\",\"type\":\"Note\",\"attributedTo\":" + JsonQuote(Actor("ally")) +
      ",\"content\":\"<p>ATTACK reply</p>\",\"inReplyTo\":" + JsonQuote(internal_url) +
      ",\"audience\":" + JsonQuote(Group("plaza")) + ",\"to\":[" + JsonQuote(Group("plaza")) +
      ",\"https://www.w3.org/ns/activitystreams#Public\"]}";  // addressed as plaza requires
  Probe("reply-to-internal", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Create", Actor("ally"), note,
                                        "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  // A relay of objects on a blocked and an unlisted domain: dropped, and the
  // attacker's hosts see no fetch of them.
  for (const std::string e : {"banned", "stray"}) {
    const std::string object =
        "https://" + attacker_.domain(e) + "/relayed/" + std::to_string(++serial_);
    HttpReply r = Probe(
        "", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Announce", Actor("ally"),
                                        JsonQuote(object), "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
    Seen(e == "banned" ? "relay-of-blocked" : "relay-of-unlisted", "plaza", "ally",
         std::to_string(r.status));
  }
  // ally's key, claiming the partner node's member as the actor.
  const std::string pat = cluster_["partner"].base_url() + "/u/pat";
  Probe("forged-actor", "plaza", "ally",
        post("/g/plaza/inbox",
             Activity(NextId("ally"), "Create", pat, page("ally", "plaza", "ATTACK forged"),
                      "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  // A replay of a Create that was accepted: 202 and nothing new.
  const std::string once = "ATTACK replayed";
  Probe("", "plaza", "ally",
        post("/g/plaza/inbox",
             Activity(NextId("ally"), "Create", Actor("ally"), page("ally", "plaza", once),
                      "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally"});
  HttpReply again = attacker_.Replay(victim().connect(), victim().domain());
  Keep("replay", again.body, true);
  Seen("replay", "plaza", "ally", std::to_string(again.status));
  Eventually([&] { return CountThreads(victim(), ann_, "plaza", once) >= 1; });
  Seen("replay->stored", "plaza", "ally",
       std::to_string(CountThreads(victim(), ann_, "plaza", once)) + "-copies");
  Probe("stale-date", "plaza", "ally",
        post("/g/plaza/inbox", Activity(NextId("ally"), "Create", Actor("ally"),
                                        page("ally", "plaza", "ATTACK stale"),
                                        "[" + JsonQuote(Group("plaza")) + "]")),
        {.key_host = "ally", .date_offset_seconds = -2 * 3600});
}

// The id of an activity `group` sent to the attacker (an Announce delivered
// to ally's inbox), or "".
std::string PolicyLeak::DeliveredActivity(const std::string& group) {
  for (const Received& r : attacker_.received()) {
    const size_t body = r.raw.find("\r\n\r\n");
    if (r.method != "POST" || body == std::string::npos) continue;
    testutil::Json doc(std::string_view(r.raw).substr(body + 4));
    if (doc["actor"].str() == Group(group) && doc["type"].str() == "Announce")
      return doc["id"].str();
  }
  return "";
}

// §4 row 7: an activity of the group, its id taken from what the group
// delivered to ally (a partners group's outbox lists nothing: its
// activities are not public; internal groups send none). After the inbox
// doors, so that the groups have announced ally's posts.
void PolicyLeak::TryActivityDoors() {
  std::vector<std::string> peers = {"anon"};
  peers.insert(peers.end(), kAttackerHosts.begin(), kAttackerHosts.end());
  for (const std::string g : {"deals", "plaza"}) {
    if (g == "deals" && !core_) continue;  // nobody may post there without share lists
    std::string id;
    Eventually([&] { return !(id = DeliveredActivity(g)).empty(); });
    const std::string prefix = victim().base_url();
    if (id.rfind(prefix, 0) != 0) {
      ADD_FAILURE() << "no activity of " << g << " was delivered to ally";
      continue;
    }
    for (const std::string& peer : peers) {
      Probe("activity", g, peer, {.target = id.substr(prefix.size())},
            {.key_host = peer == "anon" ? "" : peer});
    }
  }
}

}  // namespace guildhall::integration
