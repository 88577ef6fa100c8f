// PolicyAdmin: the one facade every admin surface calls to read and change
// the federation policy (DESIGN §4, spec/POLICY.md): the node mode, the peer
// list, group scopes and share lists, group-level peer bans, the dry-run
// impact of a change, and the audit log. The HTML admin pages, the JSON API
// (/api/v1/admin/...) and the CLI (`guildhall admin peer|mode|group ...`)
// all go through it, so they agree on rules, messages and audit records.
//
// Every change is a PolicyChange value: Preview(change) says what it would
// affect and writes nothing; Apply(actor, change) makes it, in ONE write
// transaction that also removes the members it takes off groups, drops their
// pending deliveries, queues the Undo/Reject activities and appends the audit
// entry. State lives only in the store, so a change made by the CLI in
// another process applies at once in a running server.
//
// Thread-safe (all state is in the store).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/authorize/peer_policy.h"
#include "federation/policy/content_exposure.h"
#include "federation/policy/held_posts.h"
#include "node/community/audit.h"
#include "node/community/group_creation.h"
#include "node/community/pagination.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/group_share.h"
#include "storage/model/records/peer.h"
#include "storage/model/result.h"

namespace guildhall::federation {

class DeliveryQueue;

// "closed", "allowlist", "open"; ParseFederationMode false for anything else.
const char* FederationModeName(FederationMode mode);
bool ParseFederationMode(std::string_view name, FederationMode& out);

// One policy change. Build with the named constructors; Preview and Apply
// take the same value. Domains are normalised (lower case, default port
// dropped) by Preview/Apply; kInvalid for a malformed one.
struct PolicyChange {
  enum class Kind : uint8_t {
    kSetMode,             // mode
    kSetPeer,             // domain, peer_state, relationship, note
    kRemovePeer,          // domain: off the list (in open mode: allowed again)
    kSetGroupScope,       // group_slug, scope
    kSetShares,           // group_slug, domains (the whole new list)
    kBanPeerFromGroup,    // group_slug, domain, reason (group moderators)
    kUnbanPeerFromGroup,  // group_slug, domain
  };
  Kind kind = Kind::kSetMode;
  FederationMode mode = FederationMode::kAllowlist;
  std::string domain;
  storage::PeerState peer_state = storage::PeerState::kAllowed;
  std::string relationship;         // "" keeps the stored one (kOther for a new peer); else a name
  std::optional<std::string> note;  // nullopt keeps the stored note
  std::string group_slug;
  storage::GroupScope scope = storage::GroupScope::kInternal;
  std::vector<std::string> domains;
  std::string reason;  // free text for the audit log

  static PolicyChange SetMode(FederationMode mode);
  static PolicyChange SetPeer(std::string domain, storage::PeerState state,
                              std::string relationship = {},
                              std::optional<std::string> note = std::nullopt);
  static PolicyChange RemovePeer(std::string domain);
  static PolicyChange SetGroupScope(std::string slug, storage::GroupScope scope);
  static PolicyChange SetShares(std::string slug, std::vector<std::string> domains);
  static PolicyChange BanPeerFromGroup(std::string slug, std::string domain,
                                       std::string reason = {});
  static PolicyChange UnbanPeerFromGroup(std::string slug, std::string domain);
};

// A local group a change touches, and which peers lose (or gain) it.
struct ImpactedGroup {
  Id id;
  std::string slug;
  std::string name;
  storage::GroupScope scope = storage::GroupScope::kInternal;  // before the change
  std::vector<std::string> domains_losing;                     // sorted
  std::vector<std::string> domains_gaining;
  uint64_t remote_members = 0;         // of domains_losing: they leave the group
  uint64_t pending_deliveries = 0;     // of this group to domains_losing: dropped
  uint64_t stored_remote_content = 0;  // threads + replies by those members: kept, hidden
};

// What a change affects (Preview) or affected (Apply). Counts are exact at
// the time of the read/write transaction.
struct Impact {
  std::vector<ImpactedGroup> groups;  // only groups with something losing or gaining
  uint64_t remote_members = 0;        // memberships ended (sum over groups)
  // Follows ended: remote actors following a local group or member whose
  // domain may no longer see it, plus local members' follows of external
  // groups on domains no longer allowed.
  uint64_t follows = 0;
  uint64_t pending_deliveries = 0;     // pending deliveries that would be dropped
  uint64_t stored_remote_content = 0;  // threads + replies from affected remote members
  // A widening of a group's scope: its stored content that the new audience
  // gains (content_exposure.h); empty for every other change.
  ContentExposure exposed;
  // One line each, for the audit log and the CLI: "mode=allowlist".
  std::string before;
  std::string after;
  bool changed = false;  // false: the change is a no-op (Apply wrote nothing)
};

// One peer row of the admin list, with its counts.
struct PeerView {
  storage::Peer peer;               // for an unlisted domain: only `domain` is set
  bool listed = false;              // on the peers list (false: seen only through activity)
  bool allowed = false;             // DomainAllowed under the current mode
  uint64_t followers = 0;           // remote actors of this domain following local groups/members
  uint64_t members = 0;             // active memberships of its remote members in local groups
  uint64_t pending_deliveries = 0;  // queued for this host
  uint64_t failed_deliveries = 0;   // given up on
};

// A local group's sharing, for the group sharing page.
struct GroupSharing {
  Id id;
  std::string slug;
  std::string name;
  storage::GroupScope scope = storage::GroupScope::kInternal;
  std::vector<storage::GroupShare> shares;  // by domain
  std::vector<storage::GroupPeerBan> bans;  // by domain
};

struct ModeView {
  FederationMode mode = FederationMode::kAllowlist;
  bool from_config = true;  // no admin has set it: config `federation.mode`
  Id set_by;
  int64_t set_at = 0;
};

struct PolicyAdminOptions {
  std::string public_scheme = "https";
  std::string domain;                                       // this node's authority (node.domain)
  FederationMode config_mode = FederationMode::kAllowlist;  // config `federation.mode`
  // config `community.group_creation`: whether a group's owner may widen it.
  community::GroupCreation group_creation = community::GroupCreation::kMembersInternal;
};

class PolicyAdmin {
 public:
  // The CLI builds its own beside a running server; the server uses
  // Federation::policy_admin(). `queue` (optional) is where Undo/Reject
  // activities are queued; null: a private queue (the running server's
  // workers pick them up on their next poll of the store).
  static Result<std::unique_ptr<PolicyAdmin>> Create(PolicyAdminOptions options,
                                                     storage::Store& store, const Clock& clock,
                                                     IdGenerator& ids,
                                                     DeliveryQueue* queue = nullptr);
  virtual ~PolicyAdmin() = default;

  // Reads. Node-wide ones are for admins (kForbidden otherwise); GroupSharing
  // also for the group's owners and moderators.
  virtual Result<ModeView> Mode(Id actor) = 0;
  // Listed peers by domain; with include_unlisted also every other domain
  // that has remote members, followers or deliveries here.
  virtual Result<std::vector<PeerView>> ListPeers(Id actor, bool include_unlisted = false) = 0;
  virtual Result<std::optional<PeerView>> GetPeer(Id actor, std::string_view domain) = 0;
  virtual Result<GroupSharing> Sharing(Id actor, std::string_view slug) = 0;
  // Every local group with its sharing, by slug (admins).
  virtual Result<std::vector<GroupSharing>> ListSharing(Id actor) = 0;

  // Changes. Admins for everything; a group's owners and moderators for
  // kBanPeerFromGroup / kUnbanPeerFromGroup on their own group; a group's
  // owners for kSetGroupScope when it narrows, or widens to a scope the
  // group-creation setting lets members use (community/group_creation.h).
  // kInvalid for a bad domain/slug, kNotFound for an unknown group (or a
  // peer to remove that is not listed), kForbidden with a sentence.
  virtual Result<Impact> Preview(Id actor, const PolicyChange& change) = 0;
  virtual Result<Impact> Apply(Id actor, const PolicyChange& change) = 0;

  // A scope change made inside the caller's write (community's
  // Groups::Create and Groups::Update through Publisher::GroupScopeChanging):
  // the same plan, effects and audit entry as Apply(SetGroupScope),
  // committed with the caller's edit. The caller has checked that the actor
  // may edit the group and give it that scope (community/group_creation.h).
  virtual Result<Impact> ApplyScopeIn(storage::WriteTxn& tx, Id actor, std::string_view slug,
                                      storage::GroupScope to) = 0;

  // The preview of creating a group at a scope other than internal: the
  // peers it would be shared with (a new group has no members, deliveries or
  // content yet). Who may: admins, and members when the group-creation
  // setting lets them use that scope; kForbidden "scope: ..." otherwise.
  // kConflict "slug: is already taken".
  virtual Result<Impact> PreviewNewGroup(Id actor, std::string_view slug, std::string_view name,
                                         storage::GroupScope scope) = 0;

  // Convenience wrappers over Apply.
  Result<Impact> SetMode(Id actor, FederationMode mode) {
    return Apply(actor, PolicyChange::SetMode(mode));
  }
  Result<Impact> SetPeer(Id actor, std::string domain, storage::PeerState state,
                         std::string relationship = {},
                         std::optional<std::string> note = std::nullopt) {
    return Apply(actor, PolicyChange::SetPeer(std::move(domain), state, std::move(relationship),
                                              std::move(note)));
  }
  Result<Impact> RemovePeer(Id actor, std::string domain) {
    return Apply(actor, PolicyChange::RemovePeer(std::move(domain)));
  }
  Result<Impact> SetGroupScope(Id actor, std::string slug, storage::GroupScope scope) {
    return Apply(actor, PolicyChange::SetGroupScope(std::move(slug), scope));
  }
  Result<Impact> SetShares(Id actor, std::string slug, std::vector<std::string> domains) {
    return Apply(actor, PolicyChange::SetShares(std::move(slug), std::move(domains)));
  }
  Result<Impact> BanPeerFromGroup(Id actor, std::string slug, std::string domain,
                                  std::string reason = {}) {
    return Apply(actor, PolicyChange::BanPeerFromGroup(std::move(slug), std::move(domain),
                                                       std::move(reason)));
  }
  Result<Impact> UnbanPeerFromGroup(Id actor, std::string slug, std::string domain) {
    return Apply(actor, PolicyChange::UnbanPeerFromGroup(std::move(slug), std::move(domain)));
  }

  // Posts from limited peers waiting for approval (spec/POLICY.md §1,
  // federation/policy/held_posts.h), oldest first: the group's owners and
  // moderators, and admins (kForbidden otherwise). Approve stores and
  // announces the post like any post (kConflict when the group's rules no
  // longer let it in: the author left, the thread is gone); Reject erases
  // it. Both kNotFound for an unknown post; both audited
  // ("moderation.held.approve" / "moderation.held.reject").
  virtual Result<std::vector<HeldPostView>> HeldPosts(Id actor, std::string_view slug) = 0;
  virtual Result<> ApproveHeld(Id actor, std::string_view slug, Id post) = 0;
  virtual Result<> RejectHeld(Id actor, std::string_view slug, Id post,
                              std::string_view reason = {}) = 0;
  // How an approved post is published (Federation sets it to the inbox's own
  // path once the community is attached). Unset: ApproveHeld is kUnavailable.
  using HeldPostPublisher = std::function<Result<>(const storage::HeldPost&)>;
  virtual void SetHeldPostPublisher(HeldPostPublisher publish) = 0;

  // The audit log (policy entries have actions "policy.*"; see
  // spec/POLICY.md). Same rules as community::Audit.
  virtual Result<community::Page<storage::AuditEntry>> Audit(
      Id actor, const community::AuditFilter& filter, const community::PageRequest& page) = 0;
  virtual Result<std::string> ExportAuditJsonl(Id actor, const community::AuditFilter& filter) = 0;
};

// The PeerPolicy the doors ask, reading the stored policy on every check (so
// a CLI write in another process is seen by the next request).
std::unique_ptr<PeerPolicy> MakeStoredPeerPolicy(storage::Store& store, FederationMode config_mode);

}  // namespace guildhall::federation
