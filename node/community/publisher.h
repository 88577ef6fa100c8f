// Publisher: the domain events community raises for federation (DESIGN §1:
// community never calls federation; federation implements this interface).
// Every hook runs INSIDE the write transaction of the change it reports, so
// an outbox record written by the implementation commits atomically with the
// change (STYLE 12); an error from a hook aborts the whole change.
// Hooks also fire for changes that arrived from remote nodes (records with
// ap_id set); the implementation decides what to (re-)announce.
// Implementations must be thread-safe (hooks run on the store's writer
// thread) and must not block: write records, do no I/O.
#pragma once

#include "storage/model/kv.h"
#include "storage/model/records/event.h"
#include "storage/model/records/group.h"
#include "storage/model/records/like.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/report.h"
#include "storage/model/records/resource.h"
#include "storage/model/records/rsvp.h"
#include "storage/model/records/thread.h"

namespace guildhall::community {

using storage::WriteTxn;

class Publisher {
 public:
  virtual ~Publisher() = default;

  virtual Result<> GroupCreated(WriteTxn& tx, const storage::Group& group) = 0;
  virtual Result<> GroupChanged(WriteTxn& tx, const storage::Group& group) = 0;
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

  virtual Result<> ThreadCreated(WriteTxn& tx, const storage::Group& group,
                                 const storage::Thread& thread) = 0;
  // Edits, pin/lock changes.
  virtual Result<> ThreadUpdated(WriteTxn& tx, const storage::Group& group,
                                 const storage::Thread& thread) = 0;
  // Moderator `actor` pinned, unpinned, locked or unlocked `thread` (which
  // holds the new state). Federation needs the acting moderator (Lemmy's
  // Add/Remove of `featured`, Lock/Undo(Lock)). Default: ThreadUpdated.
  enum class ModerationFlag { kPinned, kLocked };
  virtual Result<> ThreadModerated(WriteTxn& tx, const storage::Group& group,
                                   const storage::Thread& thread, Id /*actor*/,
                                   ModerationFlag /*flag*/) {
    return ThreadUpdated(tx, group, thread);
  }
  // Deleted by its author or removed by a moderator (thread.removed_by says who).
  virtual Result<> ThreadDeleted(WriteTxn& tx, const storage::Group& group,
                                 const storage::Thread& thread) = 0;

  virtual Result<> ReplyCreated(WriteTxn& tx, const storage::Group& group,
                                const storage::Thread& thread, const storage::Reply& reply) = 0;
  virtual Result<> ReplyUpdated(WriteTxn& tx, const storage::Group& group,
                                const storage::Thread& thread, const storage::Reply& reply) = 0;
  virtual Result<> ReplyDeleted(WriteTxn& tx, const storage::Group& group,
                                const storage::Thread& thread, const storage::Reply& reply) = 0;

  virtual Result<> LikeAdded(WriteTxn& tx, const storage::Group& group,
                             const storage::Like& like) = 0;
  virtual Result<> LikeRemoved(WriteTxn& tx, const storage::Group& group,
                               const storage::Like& like) = 0;

  virtual Result<> EventCreated(WriteTxn& tx, const storage::Group& group,
                                const storage::Event& event) = 0;
  virtual Result<> EventUpdated(WriteTxn& tx, const storage::Group& group,
                                const storage::Event& event) = 0;
  virtual Result<> EventCancelled(WriteTxn& tx, const storage::Group& group,
                                  const storage::Event& event) = 0;
  virtual Result<> RsvpChanged(WriteTxn& tx, const storage::Group& group,
                               const storage::Event& event, const storage::Rsvp& rsvp) = 0;

  virtual Result<> ResourceAdded(WriteTxn& tx, const storage::Group& group,
                                 const storage::Resource& resource) = 0;
  virtual Result<> ResourceRemoved(WriteTxn& tx, const storage::Group& group,
                                   const storage::Resource& resource) = 0;

  // Membership became active (joined, approved, accepted an invite).
  virtual Result<> MemberJoined(WriteTxn& tx, const storage::Group& group,
                                const storage::Member& member,
                                const storage::Membership& membership) = 0;
  virtual Result<> MemberLeft(WriteTxn& tx, const storage::Group& group,
                              const storage::Member& member) = 0;
  virtual Result<> MemberBanned(WriteTxn& tx, const storage::Group& group,
                                const storage::Member& member) = 0;
  // A moderator declined a pending join request. Default: nothing.
  virtual Result<> JoinDenied(WriteTxn& /*tx*/, const storage::Group& /*group*/,
                              const storage::Member& /*member*/) {
    return Ok();
  }

  virtual Result<> ProfileUpdated(WriteTxn& tx, const storage::Member& member) = 0;
  virtual Result<> ReportFiled(WriteTxn& tx, const storage::Report& report) = 0;
};

// Publishes nothing: for nodes with federation off, and for tests.
class NullPublisher final : public Publisher {
 public:
  Result<> GroupCreated(WriteTxn&, const storage::Group&) override { return Ok(); }
  Result<> GroupChanged(WriteTxn&, const storage::Group&) override { return Ok(); }
  Result<> ThreadCreated(WriteTxn&, const storage::Group&, const storage::Thread&) override {
    return Ok();
  }
  Result<> ThreadUpdated(WriteTxn&, const storage::Group&, const storage::Thread&) override {
    return Ok();
  }
  Result<> ThreadDeleted(WriteTxn&, const storage::Group&, const storage::Thread&) override {
    return Ok();
  }
  Result<> ReplyCreated(WriteTxn&, const storage::Group&, const storage::Thread&,
                        const storage::Reply&) override {
    return Ok();
  }
  Result<> ReplyUpdated(WriteTxn&, const storage::Group&, const storage::Thread&,
                        const storage::Reply&) override {
    return Ok();
  }
  Result<> ReplyDeleted(WriteTxn&, const storage::Group&, const storage::Thread&,
                        const storage::Reply&) override {
    return Ok();
  }
  Result<> LikeAdded(WriteTxn&, const storage::Group&, const storage::Like&) override {
    return Ok();
  }
  Result<> LikeRemoved(WriteTxn&, const storage::Group&, const storage::Like&) override {
    return Ok();
  }
  Result<> EventCreated(WriteTxn&, const storage::Group&, const storage::Event&) override {
    return Ok();
  }
  Result<> EventUpdated(WriteTxn&, const storage::Group&, const storage::Event&) override {
    return Ok();
  }
  Result<> EventCancelled(WriteTxn&, const storage::Group&, const storage::Event&) override {
    return Ok();
  }
  Result<> RsvpChanged(WriteTxn&, const storage::Group&, const storage::Event&,
                       const storage::Rsvp&) override {
    return Ok();
  }
  Result<> ResourceAdded(WriteTxn&, const storage::Group&, const storage::Resource&) override {
    return Ok();
  }
  Result<> ResourceRemoved(WriteTxn&, const storage::Group&, const storage::Resource&) override {
    return Ok();
  }
  Result<> MemberJoined(WriteTxn&, const storage::Group&, const storage::Member&,
                        const storage::Membership&) override {
    return Ok();
  }
  Result<> MemberLeft(WriteTxn&, const storage::Group&, const storage::Member&) override {
    return Ok();
  }
  Result<> MemberBanned(WriteTxn&, const storage::Group&, const storage::Member&) override {
    return Ok();
  }
  Result<> ProfileUpdated(WriteTxn&, const storage::Member&) override { return Ok(); }
  Result<> ReportFiled(WriteTxn&, const storage::Report&) override { return Ok(); }
};

}  // namespace guildhall::community
