// The expected answers of the policy leak test (policy_leak_test.cc), in one
// table mirroring spec/POLICY.md §4 "The table: every remote request and its
// answer" (row numbers in the comments below): door x
// group x peer -> what the victim answers or what happens. Groups: staff
// (internal), deals (partners, shared with `partner`/`ally` only), plaza
// (public). Peers: anon (unsigned), attacker hosts ally (allowed partner,
// shared deals), evil (allowed, not shared), lim (limited), banned
// (blocked), stray (not listed, allowlist mode), pariah (allowed, shared
// deals, but banned from deals and plaza by group peer bans); real nodes partner,
// limited, blocked, unlisted (same states). An expected value may list
// alternatives: "none|pending". Pure data; thread-safe.
#pragma once

#include <string>
#include <tuple>
#include <vector>

namespace guildhall::integration {

struct Row {
  std::string door;
  std::string group;
  std::string peer;
  std::string expected;
};

using RowKey = std::tuple<std::string, std::string, std::string>;

inline bool Matches(const std::string& expected, const std::string& seen) {
  size_t start = 0;
  for (;;) {
    size_t bar = expected.find('|', start);
    if (expected.substr(start, bar - start) == seen) return true;
    if (bar == std::string::npos) return false;
    start = bar + 1;
  }
}

// `core`: the policy core (peer list, shares, stored mode) is present and
// the test applied the full policy. Without it the node runs in config mode
// `open` with no lists, and only rows whose answer does not depend on the
// lists are kept: the internal group everywhere, the public group to peers
// allowed in both worlds, the partners group to nobody unsigned.
inline std::vector<Row> ExpectedRows(bool core) {
  std::vector<Row> rows;
  const std::vector<std::string> gets = {"actor",  "outbox", "followers", "members", "moderators",
                                         "thread", "reply",  "event",     "context"};
  const std::vector<std::string> signers = {"anon",   "ally",  "evil",  "lim",
                                            "banned", "stray", "pariah"};
  const std::vector<std::string> hosts = {"ally", "evil", "lim", "banned", "stray", "pariah"};
  const std::vector<std::string> nodes = {"partner", "limited", "blocked", "unlisted"};
  auto both = [&](const std::string& group, const std::string& peer) {
    if (group == "staff") return true;
    if (group == "deals") return peer == "anon";
    return peer == "anon" || peer == "ally" || peer == "evil" || peer == "partner";
  };
  auto add = [&](std::string door, std::string group, std::string peer, std::string expected) {
    if (core || both(group, peer)) rows.push_back({door, group, peer, expected});
  };
  // Without the core only the partner node takes part (the others would be
  // ordinary open-mode peers).
  auto add_node = [&](std::string door, std::string group, std::string peer, std::string expected) {
    if (core || peer == "partner") add(door, group, peer, expected);
  };
  // §4 rows 3-8: internal answers 404 to everyone; partners only to a
  // signer on a shared domain (not limited); public unsigned, or signed by
  // an allowed or limited domain; a refused signer gets 404.
  // A group peer ban makes pariah's column "partners, not shared".
  auto fetch = [](const std::string& group, const std::string& peer) -> std::string {
    if (group == "deals") return peer == "ally" ? "200" : "404";
    return peer == "banned" || peer == "stray" || peer == "pariah" ? "404" : "200";
  };
  for (const auto& peer : signers) {
    for (const auto& door : gets) {
      add(door, "staff", peer, "404");
      // spec/FEDERATION.md "Keys of partners groups": an unsigned GET of
      // the partners group's actor URL gets its key and nothing else.
      add(door, "deals", peer,
          door == "actor" && peer == "anon" ? "key-only" : fetch("deals", peer));
      add(door, "plaza", peer, fetch("plaza", peer));
    }
    // Row 7: /activities/{id} of the group (internal groups have none).
    if (core) add("activity", "deals", peer, fetch("deals", peer));
    add("activity", "plaza", peer, fetch("plaza", peer));
  }
  add("key-fields", "deals", "anon", "@context,id,type,owner,publicKeyPem");
  // §4 row 1: a handle is not secret, the documents are.
  add("webfinger", "staff", "anon", "404");
  add("webfinger", "deals", "anon", "200");
  add("webfinger", "plaza", "anon", "200");
  // §4 rows 10-11: an internal group's inbox is absent (404); a blocked or
  // unlisted sender is refused (403); otherwise 202, and the effect says
  // whether it was taken (Accept -> member; stored in the thread list).
  for (const auto& h : hosts) {
    const bool refused = h == "banned" || h == "stray";
    for (const std::string door : {"follow", "create"}) {
      add(door, "staff", h, "404");
      add(door, "deals", h, refused ? "403" : "202");
      add(door, "plaza", h, refused ? "403" : "202");
    }
    add("follow->member", "staff", h, "not-member");
    add("follow->member", "deals", h, h == "ally" ? "member" : "not-member");
    add("follow->member", "plaza", h,
        h == "ally" || h == "evil" || h == "lim" ? "member" : "not-member");
    add("create->stored", "staff", h, "not-stored");
    add("create->stored", "deals", h, h == "ally" ? "stored" : "not-stored");
    // A limited peer's posts wait for a moderator: not in the thread list.
    add("create->stored", "plaza", h, h == "ally" || h == "evil" ? "stored" : "not-stored");
  }
  // §4 note under row 11: the shared inbox drops it with the same 202.
  add("create-shared-inbox", "staff", "ally", "202");
  // §4 row 12: relays of objects on refused domains are dropped unfetched.
  // (Without the core every domain is allowed in open mode: not asserted.)
  if (core) {
    rows.push_back({"relay-of-blocked", "plaza", "ally", "202"});
    rows.push_back({"relay-of-unlisted", "plaza", "ally", "202"});
    rows.push_back({"relay->fetched", "plaza", "ally", "nothing-fetched"});
  }
  add("announce-internal", "plaza", "ally", "202");
  add("reply-to-internal", "plaza", "ally", "202");
  // §4 rows 13-15.
  add("forged-actor", "plaza", "ally", "401");
  add("replay", "plaza", "ally", "202");
  add("replay->stored", "plaza", "ally", "1-copies");
  add("stale-date", "plaza", "ally", "401");
  // §4 row 9 (and the identical-404 rule under the table).
  add("guessed-id", "staff", "evil", "same-as-absent");
  add("guessed-ids x128", "staff", "evil", "none-found");
  // §4 row 2: the internal group's 8 threads, 4 replies and its author
  // are not counted.
  add("nodeinfo-counts", "staff", "anon", "(computed)");
  // §4 row 16, and FEDERATION.md: a member with federation off is absent.
  add("member-actor", "staff", "anon", "404");
  add("outbox-total", "plaza", "anon", "small");
  // Real nodes following by handle (row 10 through the peer's own client:
  // a dropped Follow stays pending there), then what a later post delivers.
  const std::string refused = "none|pending|rejected";
  for (const auto& n : nodes) {
    add_node("peer-follow", "staff", n, "none");
    add_node("peer-follow", "deals", n, n == "partner" ? "accepted" : refused);
    add_node("peer-follow", "plaza", n, n == "partner" || n == "limited" ? "accepted" : refused);
    add_node("delivery", "staff", n, "not-delivered");
    add_node("delivery", "deals", n, n == "partner" ? "delivered" : "not-delivered");
    add_node("delivery", "plaza", n,
             n == "partner" || n == "limited" ? "delivered" : "not-delivered");
  }
  // §1 "changes apply at once": a peer banned from a group after joining it,
  // and the partner taken off the list, leave and get nothing more (ally,
  // still a member, shows the post went out). §4 mode closed: every GET
  // 404, POST 403.
  if (core) {
    for (const std::string g : {"deals", "plaza"}) {
      rows.push_back({"removed->member", g, "partner", "not-member"});
      rows.push_back({"removed->delivery", g, "partner", "not-delivered"});
    }
    rows.push_back({"banned-later->member", "plaza", "evil", "not-member"});
    rows.push_back({"banned-later->delivery", "plaza", "ally", "delivered"});
    rows.push_back({"banned-later->delivery", "plaza", "evil", "not-delivered"});
    rows.push_back({"closed:webfinger", "plaza", "anon", "404"});
    rows.push_back({"closed:nodeinfo", "-", "anon", "404"});
    rows.push_back({"closed:actor", "plaza", "anon", "404"});
    rows.push_back({"closed:actor", "plaza", "ally", "404"});
    rows.push_back({"closed:thread", "plaza", "ally", "404"});
    rows.push_back({"closed:follow", "plaza", "ally", "403"});
  }
  return rows;
}

}  // namespace guildhall::integration
