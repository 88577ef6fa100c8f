// FederationPublisher: federation's side of community::Publisher. Each hook
// runs inside the write transaction of the change it reports and turns it
// into the activities other nodes must see, stored and queued in that same
// transaction (federation/outbox/outbox.h):
//  - local group, local author: the member's Create/Update/Delete/Like is
//    stored (fetchable) and the Group Announces it to its followers
//    (FEP-1b12);
//  - local group, remote author (the change came in through the inbox): the
//    Group Announces the activity as received (Outbox::Inbound);
//  - external group, local author: the member's activity goes to the remote
//    group's inbox, which announces it;
//  - external group, remote author: nothing (it came from there);
//  - internal group: nothing, ever.
// Pin and lock are Lemmy's moderation activities, by the acting moderator:
// Add/Remove of the thread to/from the group's `featured` collection,
// Lock/Undo(Lock) (publisher_moderation.cc).
// Memberships: a remote member's join is answered with Accept (also after a
// moderator's approval); leaving an external group sends Undo(Follow); a ban
// of a remote member sends Block. Reports about remote content are
// forwarded as Flag to its origin, from the node actor (the reporter stays
// private). Thread-safe; never blocks (no I/O, only the transaction).
#pragma once

#include <functional>
#include <string>

#include "federation/authorize/peer_policy.h"
#include "federation/outbox/outbox.h"
#include "node/community/publisher.h"

namespace guildhall::federation {

using storage::WriteTxn;

class FederationPublisher final : public community::Publisher {
 public:
  FederationPublisher(Outbox& outbox, const PeerPolicy& policy)
      : outbox_(outbox), policy_(policy) {}
  FederationPublisher(const FederationPublisher&) = delete;
  FederationPublisher& operator=(const FederationPublisher&) = delete;

  // Turns each domain event into the activities other nodes must see (the
  // file comment); events that concern no peer publish nothing.
  Result<> Publish(WriteTxn& tx, const community::DomainEvent& event) override;
  Result<> GroupScopeChanging(WriteTxn& tx, Id actor, const storage::Group& group,
                              storage::GroupScope to) override {
    return scope_change_ ? scope_change_(tx, actor, group, to) : Ok();
  }
  // Scope changes made through community go through the policy facade
  // (federation.cc sets this once its PolicyAdmin exists). Set once, before
  // any write.
  using ScopeChangeHook =
      std::function<Result<>(WriteTxn&, Id, const storage::Group&, storage::GroupScope)>;
  void SetScopeChangeHook(ScopeChangeHook hook) { scope_change_ = std::move(hook); }
  // One change of content (thread, reply or event) to publish.
  struct ContentChange {
    std::string verb;     // "Create", "Update", "Delete"
    Id author;            // who made the content
    Id actor;             // who changed it (a moderator removing it); 0: the author
    std::string ap_id;    // set for remote content
    std::string summary;  // Delete: the removal reason
    std::function<Result<as::Object>(storage::ReadTxn&)> object;
  };

 private:
  // One handler per domain event (publisher.cc dispatches).
  Result<> GroupCreated(WriteTxn& tx, const storage::Group& group);
  Result<> GroupChanged(WriteTxn& tx, const storage::Group& group);
  Result<> ThreadCreated(WriteTxn& tx, const storage::Group& group, const storage::Thread& thread);
  Result<> ThreadUpdated(WriteTxn& tx, const storage::Group& group, const storage::Thread& thread);
  Result<> ThreadDeleted(WriteTxn& tx, const storage::Group& group, const storage::Thread& thread);
  Result<> ThreadModerated(WriteTxn& tx, const storage::Group& group, const storage::Thread& thread,
                           Id actor, community::events::ModerationFlag flag);
  Result<> ReplyCreated(WriteTxn& tx, const storage::Group& group, const storage::Thread& thread,
                        const storage::Reply& reply);
  Result<> ReplyUpdated(WriteTxn& tx, const storage::Group& group, const storage::Thread& thread,
                        const storage::Reply& reply);
  Result<> ReplyDeleted(WriteTxn& tx, const storage::Group& group, const storage::Thread& thread,
                        const storage::Reply& reply);
  Result<> LikeAdded(WriteTxn& tx, const storage::Group& group, const storage::Like& like);
  Result<> LikeRemoved(WriteTxn& tx, const storage::Group& group, const storage::Like& like);
  Result<> EventCreated(WriteTxn& tx, const storage::Group& group, const storage::Event& event);
  Result<> EventUpdated(WriteTxn& tx, const storage::Group& group, const storage::Event& event);
  Result<> EventCancelled(WriteTxn& tx, const storage::Group& group, const storage::Event& event);
  Result<> RsvpChanged(WriteTxn& tx, const storage::Group& group, const storage::Event& event,
                       const storage::Rsvp& rsvp);
  Result<> ResourceAdded(WriteTxn& tx, const storage::Group& group,
                         const storage::Resource& resource);
  Result<> ResourceRemoved(WriteTxn& tx, const storage::Group& group,
                           const storage::Resource& resource);
  Result<> MemberJoined(WriteTxn& tx, const storage::Group& group, const storage::Member& member,
                        const storage::Membership& membership);
  Result<> MemberLeft(WriteTxn& tx, const storage::Group& group, const storage::Member& member);
  Result<> MemberBanned(WriteTxn& tx, const storage::Group& group, const storage::Member& member);
  // A remote member's join request declined: Reject their Follow.
  Result<> JoinDenied(WriteTxn& tx, const storage::Group& group, const storage::Member& member);
  Result<> ProfileUpdated(WriteTxn& tx, const storage::Member& member);
  Result<> ReportFiled(WriteTxn& tx, const storage::Report& report);

  Result<> PublishContent(WriteTxn& tx, const storage::Group& group, const ContentChange& change);
  Result<> PublishLike(WriteTxn& tx, const storage::Group& group, const storage::Like& like,
                       bool added);
  // Sends `activity` from local member `member` (in `group`) to the remote
  // group's inbox (external groups) or Announces it (local groups).
  Result<> SendAsMember(WriteTxn& tx, const storage::Group& group, const storage::Member& member,
                        as::Activity activity);

  Outbox& outbox_;
  const PeerPolicy& policy_;
  ScopeChangeHook scope_change_;
};

}  // namespace guildhall::federation
