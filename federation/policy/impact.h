// The effects of one PolicyChange, computed in a transaction by comparing the
// policy before and after it (PolicyState without and with the overlay):
// which remote memberships, follows and pending deliveries it ends and what
// stored remote content stays behind. Preview reports the plan; Apply runs
// ExecutePlan in the same write that stores the change. Stateless;
// thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "federation/policy/policy_admin.h"
#include "storage/model/kv.h"
#include "storage/model/records/delivery.h"
#include "storage/model/records/follow.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"

namespace guildhall::federation {

class Outbox;

struct EndedMembership {
  storage::Membership membership;
  storage::Member member;                 // remote
  std::optional<storage::Follow> follow;  // their Follow of the group, if remembered
  bool send_reject = false;               // a Follow to answer: a Reject notice goes out
  std::string reason;                     // said in the Reject's summary
};

struct ImpactPlan {
  Impact impact;
  std::vector<EndedMembership> memberships;
  // Follows ended outside group memberships: remote follows of local
  // members, local members' follows of external groups (with the local
  // membership in that external group, if any).
  std::vector<storage::Follow> follows;
  std::vector<storage::Membership> external_memberships;
  std::vector<storage::Delivery> deliveries;
};

// `change` normalised; `group` is its group's id for group changes.
Result<ImpactPlan> PlanImpact(storage::ReadTxn& tx, FederationMode config_mode,
                              const PolicyChange& change, Id group);

// The plan of giving `group`, not stored yet (its id unused by any record),
// the scope `change` sets: only the peers that gain it.
Result<ImpactPlan> PlanNewGroupImpact(storage::ReadTxn& tx, FederationMode config_mode,
                                      const PolicyChange& change, const storage::Group& group);

// Ends the memberships and follows, drops the deliveries, queues the notices
// through `outbox` (a Reject for each remote member's Follow, an Undo for
// each local member's Follow of an external group on a domain no longer
// allowed); inside the write that stores the change. Notices are delivered
// although the policy now refuses their peer (Outbox::SendNotice), so the
// peer learns that the relation ended instead of believing it still holds.
Result<> ExecutePlan(storage::WriteTxn& tx, Outbox& outbox, const ImpactPlan& plan, int64_t now);

}  // namespace guildhall::federation
