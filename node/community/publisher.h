// Publisher: the federation side of community's domain events (DESIGN §1:
// community never calls federation; federation implements this interface).
// Publish runs INSIDE the write transaction of the change it reports, so an
// outbox record written by the implementation commits atomically with the
// change (STYLE 12); an error aborts the whole change.
// Events also come for changes that arrived from remote nodes (records with
// ap_id set); the implementation decides what to (re-)announce.
// Implementations must be thread-safe (Publish runs on the store's writer
// thread) and must not block: write records, do no I/O.
#pragma once

#include "node/community/domain_event.h"
#include "storage/model/kv.h"

namespace guildhall::community {

using storage::WriteTxn;

class Publisher {
 public:
  virtual ~Publisher() = default;

  virtual Result<> Publish(WriteTxn& tx, const DomainEvent& event) = 0;

  // A local group's scope is about to change from `group.scope` to `to`
  // (Groups::Update, by `actor`), before the group is written. Federation
  // applies the policy's consequences here, exactly as for an admin's scope
  // change (spec/POLICY.md §1: remote members who lose the group leave with
  // a Reject, pending deliveries to them are dropped, an audit entry), and
  // may refuse (kForbidden). It may write the group record itself (scope,
  // member count): the caller re-reads it afterwards. Default: nothing.
  virtual Result<> GroupScopeChanging(WriteTxn& /*tx*/, Id /*actor*/,
                                      const storage::Group& /*group*/, storage::GroupScope /*to*/) {
    return Ok();
  }
};

// Publishes nothing: for nodes with federation off, the CLI, and tests.
class NullPublisher final : public Publisher {
 public:
  Result<> Publish(WriteTxn&, const DomainEvent&) override { return Ok(); }
};

}  // namespace guildhall::community
