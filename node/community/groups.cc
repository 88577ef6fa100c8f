#include "node/community/groups.h"

#include <algorithm>

#include "node/community/access.h"
#include "node/community/audit.h"
#include "node/community/group_ops.h"
#include "node/community/validation.h"
#include "storage/model/table.h"

namespace guildhall::community {

using storage::Group;
using storage::GroupCodec;
using storage::Table;

namespace {

const char* ScopeName(storage::GroupScope s) {
  switch (s) {
    case storage::GroupScope::kInternal:
      return "internal";
    case storage::GroupScope::kPartners:
      return "partners";
    case storage::GroupScope::kPublic:
      return "public";
  }
  return "internal";
}

const char* JoinModeName(storage::JoinMode j) {
  switch (j) {
    case storage::JoinMode::kOpen:
      return "open";
    case storage::JoinMode::kApproval:
      return "approval";
    case storage::JoinMode::kInvite:
      return "invite";
  }
  return "open";
}

std::string Settings(const Group& g) {
  return std::string("scope=") + ScopeName(g.scope) + " join_mode=" + JoinModeName(g.join_mode);
}

void CheckNameAndDescription(Validator& v, std::string_view name, std::string_view description) {
  v.Text("name", name, 2, 80).Text("description", description, 0, 10000, true);
}

GroupView ViewOf(const GroupAccess& a) {
  return GroupView{a.group, a.membership, a.Capabilities()};
}

// The group as `viewer` sees it, or kNotFound if they may not see it.
Result<GroupView> VisibleView(storage::ReadTxn& tx, Id viewer, Id group) {
  auto access = GH_TRY(LoadGroupAccess(tx, viewer, group));
  GH_CHECK(access.Require(Action::kViewGroup));
  return ViewOf(access);
}

}  // namespace

Result<GroupView> Groups::Create(Id actor, const GroupDraft& d) {
  Validator v;
  v.Check(IsValidSlug(d.slug), "slug",
          "must be 2 to 40 characters: a-z, 0-9 and - (not at either end)");
  CheckNameAndDescription(v, d.name, d.description);
  GH_CHECK(v.Finish());
  GroupView out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    // The group-creation setting decides (admins-only refuses even internal).
    GH_CHECK(RequireScopeAllowed(tx, actor, d.scope, options_.group_creation));
    const Viewer creator = GH_TRY(RequireNode(tx, actor, NodeAction::kCreateGroup));
    if (d.owner && d.owner != actor && creator.role != storage::NodeRole::kAdmin) {
      return Error::Forbidden("owner: only node admins may create a group for someone else");
    }
    if (tx.Get(storage::tables::kGroupsBySlug, GroupCodec::SlugKey(d.slug))) {
      return Error::Conflict("slug: is already taken");
    }
    Group g{.id = deps_.ids.Next(),
            .slug = d.slug,
            .name = std::string(Trim(d.name)),
            .description = d.description,
            .kind = d.kind,
            .scope = storage::GroupScope::kInternal,
            .join_mode = d.join_mode,
            .created_by = actor};
    g.created = g.updated = deps_.NowMs();
    GH_CHECK(Table<GroupCodec>::Insert(tx, g));
    if (d.scope != storage::GroupScope::kInternal) g = GH_TRY(WidenNew(tx, actor, g, d.scope));
    // Raised before the owner's join, so that consumers of the event log
    // meet the group before anything that happens in it.
    GH_CHECK(deps_.publisher.Publish(tx, events::GroupCreated{g}));
    const auto owner = GH_TRY(LoadMember(tx, d.owner ? d.owner : actor));
    GH_CHECK(ActivateMembership(tx, deps_, g, owner, storage::GroupRole::kOwner, Id{}));
    GH_CHECK(AppendAudit(tx, deps_,
                         {.actor = actor,
                          .action = "group.create",
                          .target = "group:" + g.id.ToString(),
                          .group = g.id,
                          .after = "slug=" + g.slug + " " + Settings(g)}));
    out = GH_TRY(VisibleView(tx, actor, g.id));
    return Ok();
  }));
  return out;
}

// A new group goes from internal to `scope` as any widening does (the
// policy's path, spec/POLICY.md §1), so its audit entry says who shared it.
Result<Group> Groups::WidenNew(storage::WriteTxn& tx, Id actor, const Group& g,
                               storage::GroupScope scope) {
  GH_CHECK(deps_.publisher.GroupScopeChanging(tx, actor, g, scope));
  auto fresh = GH_TRY(Table<GroupCodec>::Get(tx, GroupCodec::KeyOf(g.id)));
  if (!fresh) return Error::NotFound("group not found");
  if (fresh->scope != scope) {  // no federation hook (NullPublisher): set it here
    fresh->scope = scope;
    GH_CHECK(Table<GroupCodec>::Put(tx, *fresh));
  }
  return std::move(*fresh);
}

Result<GroupView> Groups::Update(Id actor, Id group, const GroupUpdate& u) {
  Validator v;
  if (u.name) v.Text("name", *u.name, 2, 80);
  if (u.description) v.Text("description", *u.description, 0, 10000, true);
  GH_CHECK(v.Finish());
  GroupView out;
  GH_CHECK(deps_.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    auto access = GH_TRY(LoadGroupAccess(tx, actor, group));
    GH_CHECK(access.Require(Action::kEditGroup));
    Group g = access.group;
    if (u.expected_version && u.expected_version != g.version) {
      return Error::Conflict("the group was changed meanwhile; reload and try again");
    }
    const std::string before = Settings(g);
    if (u.scope && *u.scope > g.scope) {
      GH_CHECK(RequireScopeAllowed(tx, actor, *u.scope, options_.group_creation));
    }
    if (u.scope && *u.scope != g.scope && g.ap_id.empty()) {
      // The same path as an admin's scope change (members who lose access
      // leave, their deliveries are dropped), in this write.
      GH_CHECK(deps_.publisher.GroupScopeChanging(tx, actor, g, *u.scope));
      auto fresh = GH_TRY(Table<GroupCodec>::Get(tx, GroupCodec::KeyOf(g.id)));
      if (!fresh) return Error::NotFound("group not found");
      g = std::move(*fresh);
    }
    if (u.name) g.name = std::string(Trim(*u.name));
    if (u.description) g.description = *u.description;
    if (u.kind) g.kind = *u.kind;
    if (u.scope) g.scope = *u.scope;
    if (u.join_mode) g.join_mode = *u.join_mode;
    g.updated = deps_.NowMs();
    ++g.version;
    GH_CHECK(Table<GroupCodec>::Put(tx, g));
    GH_CHECK(deps_.publisher.Publish(tx, events::GroupChanged{g}));
    if (Settings(g) != before) {
      GH_CHECK(AppendAudit(tx, deps_,
                           {.actor = actor,
                            .action = "group.settings",
                            .target = "group:" + g.id.ToString(),
                            .group = g.id,
                            .before = before,
                            .after = Settings(g)}));
    }
    out = GH_TRY(VisibleView(tx, actor, g.id));
    return Ok();
  }));
  return out;
}

Result<GroupView> Groups::Get(Id viewer, Id group) {
  GroupView out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(VisibleView(tx, viewer, group));
    return Ok();
  }));
  return out;
}

Result<GroupView> Groups::GetBySlug(Id viewer, std::string_view slug) {
  GroupView out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto primary = tx.Get(storage::tables::kGroupsBySlug, GroupCodec::SlugKey(slug));
    if (!primary) return Error::NotFound("group not found");
    storage::KeyReader r(*primary);
    out = GH_TRY(VisibleView(tx, viewer, r.Id().value_or(Id{})));
    return Ok();
  }));
  return out;
}

Result<Page<GroupView>> Groups::ListVisible(Id viewer, const PageRequest& page,
                                            std::optional<storage::GroupKind> kind) {
  Page<GroupView> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    const Viewer v = GH_TRY(LoadViewer(tx, viewer));
    out.next_cursor = GH_TRY(ScanIndexPage<GroupCodec>(
        tx, storage::tables::kGroupsBySlug, "", page, storage::ScanOrder::kForward,
        [&](const Group& g) -> Result<Visit> {
          if (kind && g.kind != *kind) return Visit::kSkip;
          auto m = GH_TRY(LoadMembership(tx, g.id, viewer));
          if (Decide(v, g, m, Action::kViewGroup) != Decision::kAllow) return Visit::kSkip;
          out.items.push_back(GroupView{g, m, CapabilitiesOf(v, g, m)});
          return Visit::kTake;
        }));
    return Ok();
  }));
  return out;
}

Result<std::vector<GroupView>> Groups::ListMine(Id viewer) {
  std::vector<GroupView> out;
  GH_CHECK(deps_.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    GH_CHECK(RequireSignedIn(tx, viewer));
    std::vector<Id> groups;
    const std::string prefix = storage::MembershipCodec::ByMemberPrefix(viewer);
    GH_CHECK(tx.Scan(storage::tables::kMembershipsByMember, prefix, storage::PrefixEnd(prefix),
                     storage::ScanOrder::kForward, [&](std::string_view key, std::string_view) {
                       storage::KeyReader r(key.substr(8));
                       groups.push_back(r.Id().value_or(Id{}));
                       return true;
                     }));
    for (Id g : groups) {
      auto view = VisibleView(tx, viewer, g);
      if (!view && view.error().code == Code::kNotFound) continue;  // e.g. banned, hidden
      if (!view) return std::move(view).error();
      if (view->membership && view->membership->state == storage::MembershipState::kBanned)
        continue;
      out.push_back(std::move(*view));
    }
    std::sort(out.begin(), out.end(), [](const GroupView& a, const GroupView& b) {
      return a.membership->since < b.membership->since;
    });
    return Ok();
  }));
  return out;
}

}  // namespace guildhall::community
