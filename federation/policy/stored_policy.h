// The stored federation policy (spec/POLICY.md §1) as one transaction sees
// it: PolicyState reads the mode, peers, share lists and group peer bans
// from the caller's transaction, optionally with one PolicyChange laid over
// it (what the policy WOULD say after the change: Preview and Apply compare
// the two). StoredPeerPolicy is the PeerPolicy every door asks; it keeps no
// copy of the policy, so a change written by another process (the CLI) is
// seen by the next check. Decisions fail closed when the store cannot be read.
// PolicyState: one per transaction, not thread-safe. StoredPeerPolicy: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "federation/authorize/peer_policy.h"
#include "federation/policy/policy_admin.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/peer.h"

namespace guildhall::federation {

inline constexpr std::string_view kModeSetting = "federation.mode";

// Lower-case authority with the default port dropped ("Peer.Example:443" ->
// "peer.example"); kInvalid for anything that is not a bare host[:port].
Result<std::string> NormalizeDomain(std::string_view domain);

class PolicyState {
 public:
  // `overlay` (optional) must be normalised; `overlay_group` is the id of
  // its group for group changes.
  PolicyState(storage::ReadTxn& tx, FederationMode config_mode,
              const PolicyChange* overlay = nullptr, Id overlay_group = {})
      : tx_(tx), config_mode_(config_mode), overlay_(overlay), overlay_group_(overlay_group) {}

  Result<FederationMode> Mode();
  Result<std::optional<storage::Peer>> Peer(std::string_view domain);
  Result<bool> Allowed(std::string_view domain);
  Result<bool> Limited(std::string_view domain);
  // Why Allowed(domain) is false, as a sentence (spec/POLICY.md §3 follows).
  Result<std::string> RefusalReason(std::string_view domain);
  Result<storage::GroupScope> Scope(const storage::Group& group);
  Result<bool> InShares(Id group, std::string_view domain);
  Result<bool> Banned(Id group, std::string_view domain);
  // spec/POLICY.md §1 Shared(group, domain). Never for internal or external groups.
  Result<bool> Shared(const storage::Group& group, std::string_view domain);

 private:
  bool Overlays(PolicyChange::Kind kind, Id group = {}) const;
  storage::ReadTxn& tx_;
  FederationMode config_mode_;
  const PolicyChange* overlay_;
  Id overlay_group_;
};

class StoredPeerPolicy final : public PeerPolicy {
 public:
  StoredPeerPolicy(storage::Store& store, FederationMode config_mode)
      : store_(store), config_mode_(config_mode) {}

  bool DomainAllowed(std::string_view domain) const override;
  bool GroupSharedWith(const storage::Group& group, std::string_view domain) const override;
  bool Limited(std::string_view domain) const override;
  bool Enabled() const override;
  std::string RefusalReason(std::string_view domain) const override;
  bool DomainAllowed(storage::ReadTxn& tx, std::string_view domain) const override;
  bool GroupSharedWith(storage::ReadTxn& tx, const storage::Group& group,
                       std::string_view domain) const override;

 private:
  template <class Fn>
  bool Ask(Fn&& fn) const;
  storage::Store& store_;
  FederationMode config_mode_;
};

}  // namespace guildhall::federation
