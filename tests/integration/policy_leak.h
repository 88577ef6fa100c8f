// The policy leak test's fixture (policy_leak_test.cc runs it; the doors
// are tried in policy_leak_doors.cc, the real peers, the removal of a peer
// and the closed node in policy_leak_peers.cc). See policy_leak_test.cc for
// the scenario. One test thread; not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "tests/integration/attacker.h"
#include "tests/integration/cluster.h"
#include "tests/integration/federation_steps.h"
#include "tests/integration/policy_leak_table.h"

namespace guildhall::integration {

using testutil::ApiReply;
using testutil::Eventually;
using testutil::HttpReply;
using testutil::JsonQuote;

using testutil::ApiReply;
using testutil::Eventually;
using testutil::HttpReply;
using testutil::JsonQuote;

// Unique enough never to occur by chance in a response.
inline constexpr char kInternal[] = "INTERNAL-7f3a9e";
inline constexpr char kPartners[] = "PARTNERS-c41d0b";

inline const std::vector<std::string> kAttackerHosts = {"ally",   "evil",  "lim",
                                                        "banned", "stray", "pariah"};
inline const std::vector<std::string> kGroups = {"staff", "deals", "plaza"};
inline const std::vector<std::string> kNodes = {"victim", "partner", "limited", "blocked",
                                                "unlisted"};

// An activity as the attacker writes it; `object_json` and `to_json` are
// JSON texts ("" leaves `to` out).
std::string Activity(const std::string& id, const std::string& type, const std::string& actor,
                     const std::string& object_json, const std::string& to_json);

// One captured byte stream and who may legitimately see partners content in it.
struct Capture {
  std::string where;
  std::string bytes;
  bool may_see_partners = false;
};

class PolicyLeak : public ::testing::Test {
 protected:
  PolicyLeak()
      : cluster_(kNodes), attacker_(const_cast<testutil::TestCa&>(cluster_.ca()), kAttackerHosts) {
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

  // Sends and records: always as a capture, and as the table cell (door,
  // group, peer) unless `door` is empty.
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
  void TryActivityDoors();
  std::string DeliveredActivity(const std::string& group);
  void TryRealPeers();
  void CheckNodeInfo();
  void BanAfterJoining();
  void RemovePartner();
  void CloseTheNode();
  void CollectPeerStores();
  void SearchEveryByte();
  void PrintAndCheckTable();

  Cluster cluster_;
  Attacker attacker_;
  bool core_ = false;
  int serial_ = 0;
  std::string ann_;    // victim admin
  std::string carol_;  // victim member of staff only
  std::string dan_;    // victim member of every group, with no moderation rights
  std::map<std::string, std::string> tokens_;  // peer node -> its member's token
  std::map<std::string, std::string> thread_;  // group -> a thread id on the victim
  std::map<std::string, std::string> reply_;   // group -> a reply id on the victim
  std::map<std::string, std::string> event_;   // group -> an event id on the victim
  std::map<RowKey, std::string> seen_;
  int local_threads_ = 3;  // plaza 2 + deals 1, before the late posts
  int local_replies_ = 2;
  std::string expected_counts_;
  std::vector<Capture> captures_;
};

}  // namespace guildhall::integration
