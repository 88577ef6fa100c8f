// The one access policy of the community module: "may viewer V do action X in
// group G (on content by author A)?" and "may V do node action Y?", decided
// from V's node role and state, whether V is local, remote or anonymous, the
// group's scope and join mode, and V's membership (state and role). Every
// service asks here; nothing else decides access.
//
// Decisions (see the tables in permissions.cc):
//  - A group V may not see answers kNotFound to every action, never
//    kForbidden, so that a hidden group's existence cannot be probed.
//  - Visibility to non-members: internal groups are listed to local members
//    only; partners groups to local and remote (federated) members; public
//    groups to everyone. Invite-only groups are hidden from non-members unless
//    public (approval-only groups stay visible, so people can ask to join).
//    Remote members never see internal groups, even with a membership.
//    Members (active, pending, invited) always see their group.
//  - Content is readable by non-members when the group is open or public;
//    otherwise by active members only. Banned members are refused content
//    (kForbidden) unless the group is public.
//  - Posting, replying, liking and RSVPs need an active membership; node staff
//    get no posting rights from their role.
//  - Editing or deleting content is for its author only (while an active
//    member); moderators do not rewrite others' words, they remove them with
//    a reason shown to the author.
//  - Group moderators and owners moderate and invite; owners also manage roles
//    and edit the group. Node moderators act as group moderators in every
//    group they can see; node admins see every group and act as its owner.
//  - Suspended members and anonymous visitors are treated alike; anonymous
//    visitors get kUnauthorized where signing in could help.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

#include "storage/model/ids.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"
#include "storage/model/result.h"

namespace guildhall::community {

enum class Action : uint8_t {
  kViewGroup,    // know the group exists: name, description, counters
  kViewContent,  // read threads, replies, events, library
  kViewMembers,  // see the member list
  kJoin,         // join, ask to join, or accept an invitation
  kPost,         // start threads, create events, add resources
  kReply,        // reply, like, RSVP
  kEditOwn,      // edit or delete one's own content (pass the author)
  kModerate,     // pin, lock, remove content, approve requests, ban, see reports
  kInvite,       // invite members to the group
  kManageRoles,  // make members moderators or owners
  kEditGroup,    // change name, description, kind, scope, join mode
};
inline constexpr int kActionCount = 11;

enum class NodeAction : uint8_t {
  kCreateGroup,     // local members (if the node allows it) and admins
  kManageAccounts,  // create members, reset passwords, suspend, set node roles: admins
  kModerateNode,    // the node-wide report queue: node moderators and admins
  kViewAudit,       // the audit log: admins
  kCreateInvite,    // sign-up invite links: node moderators and admins
  kUseDirectory,    // search members and read profiles: local active members
};

enum class Decision : uint8_t { kAllow, kNotFound, kForbidden, kUnauthorized };

// Who is asking, reduced to what the policy needs.
struct Viewer {
  Id id;  // 0: anonymous
  bool remote = false;
  storage::NodeRole role = storage::NodeRole::kMember;
  bool suspended = false;

  static Viewer Anonymous() { return Viewer{}; }
  static Viewer Of(const storage::Member& m);
  bool signed_in() const { return id && !suspended; }
};

Decision Decide(const Viewer& viewer, const storage::Group& group,
                const std::optional<storage::Membership>& membership, Action action,
                Id author = Id{});

Decision DecideNode(const Viewer& viewer, NodeAction action, bool members_may_create_groups = true);

// What the viewer may do in a group, for pages to show or hide controls.
struct GroupCapabilities {
  bool view_content = false;
  bool view_members = false;
  bool join = false;
  bool post = false;
  bool reply = false;
  bool moderate = false;
  bool invite = false;
  bool manage_roles = false;
  bool edit_group = false;
};
GroupCapabilities CapabilitiesOf(const Viewer& viewer, const storage::Group& group,
                                 const std::optional<storage::Membership>& membership);

// Ok() for kAllow; otherwise the matching error naming `what` ("group",
// "thread", ...): kNotFound "<what> not found", kForbidden, kUnauthorized.
Result<> ToResult(Decision decision, std::string_view what);

}  // namespace guildhall::community
