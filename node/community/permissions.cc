#include "node/community/permissions.h"

#include <string>

namespace guildhall::community {
namespace {

using storage::GroupRole;
using storage::GroupScope;
using storage::JoinMode;
using storage::MembershipState;
using storage::NodeRole;

enum class ViewerKind : uint8_t { kAnonymous = 0, kRemote = 1, kLocal = 2 };

// Standing of the viewer in the group, lowest first.
enum class Level : uint8_t { kBanned, kStranger, kApplicant, kMember, kModerator, kOwner };

// Which viewers a group is listed to when they are not (yet) in it, by scope.
// Invite-only groups are additionally hidden unless public (see Visible).
constexpr bool kListedTo[3][3] = {
    // anonymous, remote, local
    {false, false, true},  // internal
    {false, true, true},   // partners
    {true, true, true},    // public
};

struct Rule {
  Level min_level;            // needed standing
  bool open_to_strangers;     // strangers (and applicants) suffice when the content is open
  bool local_strangers_only;  // ... but only local ones
  bool staff_may;             // node moderators/admins' staff level counts
  bool author_only;           // the viewer must be the content's author
};

// Indexed by Action.
constexpr Rule kRules[kActionCount] = {
    /* kViewGroup   */ {Level::kStranger, false, false, true, false},
    /* kViewContent */ {Level::kMember, true, false, true, false},
    /* kViewMembers */ {Level::kMember, true, true, true, false},
    /* kJoin        */ {Level::kStranger, false, false, false, false},  // see DecideJoin
    /* kPost        */ {Level::kMember, false, false, false, false},
    /* kReply       */ {Level::kMember, false, false, false, false},
    /* kEditOwn     */ {Level::kMember, false, false, false, true},
    /* kModerate    */ {Level::kModerator, false, false, true, false},
    /* kInvite      */ {Level::kModerator, false, false, true, false},
    /* kManageRoles */ {Level::kOwner, false, false, true, false},
    /* kEditGroup   */ {Level::kOwner, false, false, true, false},
};

ViewerKind KindOf(const Viewer& v) {
  if (!v.signed_in()) return ViewerKind::kAnonymous;
  return v.remote ? ViewerKind::kRemote : ViewerKind::kLocal;
}

bool IsInsider(const std::optional<storage::Membership>& m) {
  return m && m->state != MembershipState::kBanned;
}

bool IsNodeAdmin(const Viewer& v) {
  return KindOf(v) == ViewerKind::kLocal && v.role == NodeRole::kAdmin;
}

bool Visible(const Viewer& v, const storage::Group& g,
             const std::optional<storage::Membership>& m) {
  const ViewerKind kind = KindOf(v);
  if (kind == ViewerKind::kRemote && g.scope == GroupScope::kInternal) return false;
  if (IsNodeAdmin(v)) return true;
  if (kind != ViewerKind::kAnonymous && IsInsider(m)) return true;
  if (g.join_mode == JoinMode::kInvite && g.scope != GroupScope::kPublic) return false;
  return kListedTo[static_cast<int>(g.scope)][static_cast<int>(kind)];
}

Level MemberLevel(const Viewer& v, const std::optional<storage::Membership>& m) {
  if (!v.signed_in() || !m) return Level::kStranger;
  switch (m->state) {
    case MembershipState::kBanned:
      return Level::kBanned;
    case MembershipState::kPending:
    case MembershipState::kInvited:
      return Level::kApplicant;
    case MembershipState::kActive:
      break;
  }
  switch (m->role) {
    case GroupRole::kOwner:
      return Level::kOwner;
    case GroupRole::kModerator:
      return Level::kModerator;
    case GroupRole::kMember:
      return Level::kMember;
  }
  return Level::kMember;
}

// The standing a node role lends in every group; the lowest level (which
// never raises anyone's standing) for members without a staff role.
Level StaffLevel(const Viewer& v) {
  if (KindOf(v) != ViewerKind::kLocal) return Level::kBanned;
  if (v.role == NodeRole::kAdmin) return Level::kOwner;
  if (v.role == NodeRole::kModerator) return Level::kModerator;
  return Level::kBanned;
}

Decision Refuse(const Viewer& v) {
  return v.signed_in() ? Decision::kForbidden : Decision::kUnauthorized;
}

Decision DecideJoin(const Viewer& v, const storage::Group& g,
                    const std::optional<storage::Membership>& m) {
  if (!v.signed_in()) return Decision::kUnauthorized;
  // A group on another node is joined by following it (federation's
  // Follows), which its own moderators answer.
  if (!g.ap_id.empty()) return Decision::kForbidden;
  const Level level = MemberLevel(v, m);
  if (level == Level::kBanned) return Decision::kForbidden;
  if (g.join_mode == JoinMode::kInvite && level < Level::kMember &&
      !(m && m->state == MembershipState::kInvited)) {
    return Decision::kForbidden;
  }
  return Decision::kAllow;
}

}  // namespace

Viewer Viewer::Of(const storage::Member& m) {
  return Viewer{m.id, !m.IsLocal(), m.role, m.state == storage::MemberState::kSuspended};
}

Decision Decide(const Viewer& v, const storage::Group& g,
                const std::optional<storage::Membership>& m, Action action, Id author) {
  if (!Visible(v, g, m)) return Decision::kNotFound;
  if (action == Action::kJoin) return DecideJoin(v, g, m);
  const Rule& rule = kRules[static_cast<int>(action)];
  Level level = MemberLevel(v, m);
  // Public content is public: a ban there only takes away taking part.
  if (level == Level::kBanned && g.scope == GroupScope::kPublic) level = Level::kStranger;
  if (rule.staff_may && StaffLevel(v) > level) level = StaffLevel(v);
  if (rule.author_only && (!author || author != v.id || !v.signed_in())) return Refuse(v);
  if (level >= rule.min_level) return Decision::kAllow;
  const bool content_open = g.join_mode == JoinMode::kOpen || g.scope == GroupScope::kPublic;
  if (rule.open_to_strangers && content_open && level >= Level::kStranger &&
      (!rule.local_strangers_only || KindOf(v) == ViewerKind::kLocal)) {
    return Decision::kAllow;
  }
  return Refuse(v);
}

Decision DecideNode(const Viewer& v, NodeAction action, bool members_may_create_groups) {
  const bool local = KindOf(v) == ViewerKind::kLocal;
  const bool admin = local && v.role == NodeRole::kAdmin;
  const bool staff = admin || (local && v.role == NodeRole::kModerator);
  bool allowed = false;
  switch (action) {
    case NodeAction::kCreateGroup:
      allowed = admin || (local && members_may_create_groups);
      break;
    case NodeAction::kManageAccounts:
    case NodeAction::kViewAudit:
      allowed = admin;
      break;
    case NodeAction::kModerateNode:
    case NodeAction::kCreateInvite:
      allowed = staff;
      break;
    case NodeAction::kUseDirectory:
      allowed = local;
      break;
  }
  return allowed ? Decision::kAllow : Refuse(v);
}

GroupCapabilities CapabilitiesOf(const Viewer& v, const storage::Group& g,
                                 const std::optional<storage::Membership>& m) {
  auto can = [&](Action a) { return Decide(v, g, m, a) == Decision::kAllow; };
  const bool active = m && m->state == MembershipState::kActive;
  return GroupCapabilities{
      .view_content = can(Action::kViewContent),
      .view_members = can(Action::kViewMembers),
      .join = !active && can(Action::kJoin),
      .post = can(Action::kPost),
      .reply = can(Action::kReply),
      .moderate = can(Action::kModerate),
      .invite = can(Action::kInvite),
      .manage_roles = can(Action::kManageRoles),
      .edit_group = can(Action::kEditGroup),
  };
}

Result<> ToResult(Decision decision, std::string_view what) {
  switch (decision) {
    case Decision::kAllow:
      return Ok();
    case Decision::kNotFound:
      return Error::NotFound(std::string(what) + " not found");
    case Decision::kForbidden:
      return Error::Forbidden("not allowed");
    case Decision::kUnauthorized:
      return Error::Unauthorized("sign in first");
  }
  return Error::Internal("unknown decision");
}

}  // namespace guildhall::community
