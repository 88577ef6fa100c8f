// Memberships: joining and leaving groups, join requests, invitations and
// group roles. Join modes: open -> active at once; approval -> pending until
// a moderator approves (moderators are notified); invite -> only members
// who were invited may join (accepting the invitation). The last owner
// cannot leave or step down. Thread-safe.
#pragma once

#include "node/community/deps.h"
#include "node/community/pagination.h"
#include "node/community/profile.h"
#include "storage/model/records/membership.h"

namespace guildhall::community {

struct MemberEntry {
  storage::Membership membership;
  Profile member;
};

class Memberships {
 public:
  Memberships(storage::Store& store, const Clock& clock, IdGenerator& ids, Publisher& publisher)
      : deps_{store, clock, ids, publisher} {}
  Memberships(const Memberships&) = delete;
  Memberships& operator=(const Memberships&) = delete;

  // The resulting membership (kActive or kPending). Joining again returns the
  // current membership. kForbidden when banned or not invited to an
  // invite-only group one can see; kNotFound for a group one cannot see.
  Result<storage::Membership> Join(Id actor, Id group);
  // Leaves, withdraws a request or declines an invitation. kConflict for the
  // last owner; kForbidden while banned; kNotFound without a membership.
  Result<> Leave(Id actor, Id group);
  // Moderators: answer a pending request (the requester is notified).
  Result<storage::Membership> Approve(Id actor, Id group, Id member);
  Result<> Deny(Id actor, Id group, Id member);
  // A group on another node ended `member`'s membership or refused their
  // follow: tells the member, with the group's reason (cut to 300 bytes at a
  // character boundary). In the caller's transaction, the one that ends the
  // mirrored membership (federation's answer to the group's Reject).
  Result<> NotifyExternalEnded(storage::WriteTxn& tx, Id group, Id member, std::string_view reason);
  // Moderators: invite a member (notified; they accept by joining). A pending
  // request is approved instead. kConflict if already a member or banned.
  Result<storage::Membership> Invite(Id actor, Id group, Id member);
  // Owners and admins: set an active member's role. kConflict when it would
  // leave the group without an owner.
  Result<storage::Membership> SetRole(Id actor, Id group, Id member, storage::GroupRole role);
  // Members in `state`, owners first, then moderators, then members. kActive
  // needs kViewMembers; other states need kModerate.
  Result<Page<MemberEntry>> List(Id viewer, Id group, storage::MembershipState state,
                                 const PageRequest& page);

 private:
  ServiceDeps deps_;
};

}  // namespace guildhall::community
