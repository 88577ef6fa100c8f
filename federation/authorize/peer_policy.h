// PeerPolicy: which remote domains the node federates with, and which of them
// may see a given group (DESIGN §4). Asked at every door: the inbox (sender's
// domain), signed fetches of our objects and collections, WebFinger, and
// delivery (`still_allowed`). Domains are authorities as Origin::Authority()
// spells them ("peer.example", "127.0.0.1:8443"): lower-case, default port
// omitted.
//
// ModePeerPolicy is config `federation.mode` alone (tests); the node runs the
// stored policy (federation/policy/policy_admin.h MakeStoredPeerPolicy:
// peers table, share lists, group peer bans) behind the same interface.
// Implementations must be thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "storage/model/records/group.h"

namespace guildhall::federation {

class PeerPolicy {
 public:
  virtual ~PeerPolicy() = default;
  // May we talk to `domain` at all (receive from it, deliver to it)?
  virtual bool DomainAllowed(std::string_view domain) const = 0;
  // May `domain` see `group` and its content? Never true for internal groups.
  virtual bool GroupSharedWith(const storage::Group& group, std::string_view domain) const = 0;
  // Is `domain` a limited peer: its members may follow public groups, their
  // posts wait for a moderator, and partners groups stay closed to them.
  virtual bool Limited(std::string_view /*domain*/) const { return false; }
  // False in mode closed: every federation URL answers 404.
  virtual bool Enabled() const { return true; }
  // Why `domain` is refused (DomainAllowed false), as one sentence a member
  // may read: "This node does not federate with D (...)". Stored policies
  // name the reason (mode, block) and what an admin can do about it.
  virtual std::string RefusalReason(std::string_view domain) const {
    return "This node does not federate with " + std::string(domain);
  }
  // The same questions answered in the caller's transaction: callers that
  // already hold one (a write that fans out deliveries) use these, so the
  // stored policy is read in that transaction rather than in a second one.
  virtual bool DomainAllowed(storage::ReadTxn& /*tx*/, std::string_view domain) const {
    return DomainAllowed(domain);
  }
  virtual bool GroupSharedWith(storage::ReadTxn& /*tx*/, const storage::Group& group,
                               std::string_view domain) const {
    return GroupSharedWith(group, domain);
  }
};

enum class FederationMode { kClosed, kAllowlist, kOpen };

// closed: nothing is allowed. allowlist: only `listed` domains (an empty list
// allows nothing). open: every domain not in `blocked`.
// Group scope: internal never; public with every allowed domain; partners
// only with `listed` domains (the explicit peer list) that are allowed, in
// every mode, until per-group share lists exist.
class ModePeerPolicy final : public PeerPolicy {
 public:
  explicit ModePeerPolicy(FederationMode mode, std::vector<std::string> listed = {},
                          std::vector<std::string> blocked = {});

  bool DomainAllowed(std::string_view domain) const override;
  bool GroupSharedWith(const storage::Group& group, std::string_view domain) const override;
  bool Enabled() const override { return mode_ != FederationMode::kClosed; }
  using PeerPolicy::DomainAllowed;
  using PeerPolicy::GroupSharedWith;

 private:
  FederationMode mode_;
  std::unordered_set<std::string> listed_;
  std::unordered_set<std::string> blocked_;
};

}  // namespace guildhall::federation
