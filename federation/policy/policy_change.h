// The parts of a PolicyChange that need no policy state: normalising it
// (domains lower-cased and validated, share lists sorted and deduplicated)
// and the one-line "before"/"after" descriptions the audit log and the CLI
// print. Stateless; thread-compatible.
#pragma once

#include <optional>
#include <string>

#include "federation/policy/policy_admin.h"
#include "storage/model/kv.h"

namespace guildhall::federation {

// Changes about one group (scope, shares, group peer bans).
bool IsGroupChange(PolicyChange::Kind kind);

// kInvalid with a sentence for a malformed domain or slug, or this node's own domain.
Result<PolicyChange> NormalizeChange(const PolicyChange& change, std::string_view own_domain);

struct ChangeText {
  std::string action;  // audit action: "policy.mode", ...
  std::string target;  // "node", "peer:DOMAIN", "group:ID"
  std::string before;
  std::string after;
};

// Reads the current state the change touches. `group` for group changes.
// kNotFound for removing a peer that is not listed.
Result<ChangeText> DescribeChange(storage::ReadTxn& tx, FederationMode config_mode,
                                  const PolicyChange& change, const storage::Group* group);

// Writes the change itself (setting, peer, scope, shares, ban).
Result<> StoreChange(storage::WriteTxn& tx, const PolicyChange& change, Id group, Id actor,
                     int64_t now);

}  // namespace guildhall::federation
