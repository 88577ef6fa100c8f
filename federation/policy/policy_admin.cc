#include "federation/policy/policy_admin.h"

#include "federation/actors/local_actors.h"
#include "federation/delivery/queue.h"
#include "federation/log.h"
#include "federation/outbox/outbox.h"
#include "federation/policy/impact.h"
#include "federation/policy/peer_counts.h"
#include "federation/policy/policy_change.h"
#include "federation/policy/stored_policy.h"
#include "federation/uris.h"
#include "storage/model/records/held_post.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/node_setting.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Table;
using Kind = PolicyChange::Kind;

namespace {

Result<bool> IsAdmin(storage::ReadTxn& tx, Id actor) {
  auto m = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(actor)));
  return m && m->IsLocal() && m->IsActive() && m->role == storage::NodeRole::kAdmin;
}

Result<bool> IsGroupStaff(storage::ReadTxn& tx, Id group, Id actor) {
  auto m = GH_TRY(
      Table<storage::MembershipCodec>::Get(tx, storage::MembershipCodec::KeyOf(group, actor)));
  return m && m->state == storage::MembershipState::kActive &&
         m->role != storage::GroupRole::kMember;
}

Result<bool> IsGroupOwner(storage::ReadTxn& tx, Id group, Id actor) {
  auto m = GH_TRY(
      Table<storage::MembershipCodec>::Get(tx, storage::MembershipCodec::KeyOf(group, actor)));
  return m && m->state == storage::MembershipState::kActive &&
         m->role == storage::GroupRole::kOwner;
}

Result<> RequireAdmin(storage::ReadTxn& tx, Id actor) {
  if (!GH_TRY(IsAdmin(tx, actor))) {
    return Error::Forbidden("only node admins may change or read the federation policy");
  }
  return Ok();
}

Result<storage::Group> LocalGroup(storage::ReadTxn& tx, std::string_view slug) {
  auto g = GH_TRY(FindGroupBySlug(tx, slug));
  if (!g) return Error::NotFound("group '" + std::string(slug) + "' not found");
  if (!g->ap_id.empty()) {
    return Error::Invalid("group '" + std::string(slug) + "' is an external group");
  }
  return std::move(*g);
}

std::string Summary(const Impact& i) {
  return "groups=" + std::to_string(i.groups.size()) +
         " members=" + std::to_string(i.remote_members) + " follows=" + std::to_string(i.follows) +
         " deliveries=" + std::to_string(i.pending_deliveries) +
         " content=" + std::to_string(i.stored_remote_content) +
         (i.exposed.audience.empty() ? ""
                                     : " exposed_local=" + std::to_string(i.exposed.local()) +
                                           " exposed_remote=" + std::to_string(i.exposed.remote()));
}

class StoredPolicyAdmin final : public PolicyAdmin {
 public:
  StoredPolicyAdmin(PolicyAdminOptions options, storage::Store& store, const Clock& clock,
                    IdGenerator& ids, DeliveryQueue* queue)
      : options_(std::move(options)),
        store_(store),
        clock_(clock),
        ids_(ids),
        uris_(options_.public_scheme, options_.domain),
        actors_(uris_),
        own_queue_(queue ? nullptr : std::make_unique<DeliveryQueue>(clock, ids)),
        outbox_(actors_, clock, ids, queue ? *queue : *own_queue_),
        audit_(store, clock, ids, publisher_) {}

  Result<ModeView> Mode(Id actor) override {
    ModeView view;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      GH_CHECK(RequireAdmin(tx, actor));
      view.mode = GH_TRY(PolicyState(tx, options_.config_mode).Mode());
      auto s = GH_TRY(Table<storage::NodeSettingCodec>::Get(
          tx, storage::NodeSettingCodec::KeyOf(kModeSetting)));
      view.from_config = !s;
      if (s) {
        view.set_by = s->set_by;
        view.set_at = s->set_at;
      }
      return Ok();
    }));
    return view;
  }

  Result<std::vector<PeerView>> ListPeers(Id actor, bool include_unlisted) override {
    std::vector<PeerView> out;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      GH_CHECK(RequireAdmin(tx, actor));
      for (auto& [domain, v] : GH_TRY(CountPeers(tx, options_.config_mode))) {
        if (v.listed || include_unlisted) out.push_back(std::move(v));
      }
      return Ok();
    }));
    return out;
  }

  Result<std::optional<PeerView>> GetPeer(Id actor, std::string_view raw) override {
    const std::string domain = GH_TRY(NormalizeDomain(raw));
    auto all = GH_TRY(ListPeers(actor, true));
    for (auto& v : all) {
      if (v.peer.domain == domain) return std::optional(std::move(v));
    }
    return std::optional<PeerView>();
  }

  Result<GroupSharing> Sharing(Id actor, std::string_view slug) override {
    GroupSharing out;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      const storage::Group g = GH_TRY(LocalGroup(tx, slug));
      if (!GH_TRY(IsAdmin(tx, actor)) && !GH_TRY(IsGroupStaff(tx, g.id, actor))) {
        return Error::Forbidden("only admins and the group's moderators see its sharing");
      }
      out = GH_TRY(SharingOf(tx, g));
      return Ok();
    }));
    return out;
  }

  Result<std::vector<GroupSharing>> ListSharing(Id actor) override {
    std::vector<GroupSharing> out;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      GH_CHECK(RequireAdmin(tx, actor));
      std::vector<storage::Group> groups;
      GH_CHECK(Table<storage::GroupCodec>::ScanIndex(tx, storage::tables::kGroupsBySlug, "", "",
                                                     storage::ScanOrder::kForward,
                                                     [&](const storage::Group& g) {
                                                       if (g.ap_id.empty()) groups.push_back(g);
                                                       return true;
                                                     }));
      for (const auto& g : groups) out.push_back(GH_TRY(SharingOf(tx, g)));
      return Ok();
    }));
    return out;
  }

  Result<Impact> Preview(Id actor, const PolicyChange& raw) override {
    const PolicyChange change = GH_TRY(NormalizeChange(raw, uris_.domain()));
    Impact out;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      auto group = GH_TRY(Authorize(tx, actor, change));
      out = GH_TRY(PlanChange(tx, change, group)).plan.impact;
      return Ok();
    }));
    return out;
  }

  Result<Impact> Apply(Id actor, const PolicyChange& raw) override {
    const PolicyChange change = GH_TRY(NormalizeChange(raw, uris_.domain()));
    Impact out;
    GH_CHECK(store_.Write([&](storage::WriteTxn& tx) -> Result<> {
      auto group = GH_TRY(Authorize(tx, actor, change));
      out = GH_TRY(ApplyAuthorized(tx, actor, change, group));  // whole each time the write runs
      return Ok();
    }));
    LogChange(actor, out);
    return out;
  }

  Result<Impact> ApplyScopeIn(storage::WriteTxn& tx, Id actor, std::string_view slug,
                              storage::GroupScope to) override {
    const PolicyChange change =
        GH_TRY(NormalizeChange(PolicyChange::SetGroupScope(std::string(slug), to), uris_.domain()));
    const storage::Group g = GH_TRY(LocalGroup(tx, change.group_slug));
    Impact out = GH_TRY(ApplyAuthorized(tx, actor, change, std::optional(g)));
    LogChange(actor, out);
    return out;
  }

  Result<Impact> PreviewNewGroup(Id actor, std::string_view slug, std::string_view name,
                                 storage::GroupScope scope) override {
    const PolicyChange change = GH_TRY(
        NormalizeChange(PolicyChange::SetGroupScope(std::string(slug), scope), uris_.domain()));
    Impact out;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      GH_CHECK(community::RequireScopeAllowed(tx, actor, scope, options_.group_creation));
      if (GH_TRY(FindGroupBySlug(tx, slug))) return Error::Conflict("slug: is already taken");
      // Id 1 is never a group's (ids carry a time): nothing is stored under it.
      const storage::Group draft{.id = Id{1}, .slug = std::string(slug), .name = std::string(name)};
      out = GH_TRY(PlanNewGroupImpact(tx, options_.config_mode, change, draft)).impact;
      return Ok();
    }));
    for (auto& g : out.groups) g.id = Id{};  // not created yet
    out.before = "new group, scope=internal";
    out.after =
        "scope=" + std::string(scope == storage::GroupScope::kPublic ? "public" : "partners");
    out.changed = scope != storage::GroupScope::kInternal;
    return out;
  }

  Result<std::vector<HeldPostView>> HeldPosts(Id actor, std::string_view slug) override {
    std::vector<HeldPostView> out;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      const storage::Group g = GH_TRY(ModeratedGroup(tx, actor, slug));
      std::vector<storage::HeldPost> rows;
      GH_CHECK(Table<storage::HeldPostCodec>::ScanPrefix(
          tx, storage::HeldPostCodec::GroupPrefix(g.id), storage::ScanOrder::kForward,
          [&](const storage::HeldPost& h) {
            rows.push_back(h);
            return true;
          }));
      for (const auto& h : rows) {
        auto view = ViewOf(tx, h);
        if (view) out.push_back(std::move(*view));  // an unreadable row stays, unlisted
      }
      return Ok();
    }));
    return out;
  }

  Result<> ApproveHeld(Id actor, std::string_view slug, Id post) override {
    if (!publish_held_) return Error::Unavailable("federation is not running");
    storage::HeldPost held = GH_TRY(FindHeld(actor, slug, post));
    GH_CHECK(publish_held_(held));
    return EraseHeld(actor, held, "moderation.held.approve", "approved", "");
  }

  Result<> RejectHeld(Id actor, std::string_view slug, Id post, std::string_view reason) override {
    storage::HeldPost held = GH_TRY(FindHeld(actor, slug, post));
    return EraseHeld(actor, held, "moderation.held.reject", "rejected", reason);
  }

  void SetHeldPostPublisher(HeldPostPublisher publish) override {
    publish_held_ = std::move(publish);
  }

  Result<community::Page<storage::AuditEntry>> Audit(Id actor, const community::AuditFilter& filter,
                                                     const community::PageRequest& page) override {
    return audit_.List(actor, filter, page);
  }

  Result<std::string> ExportAuditJsonl(Id actor, const community::AuditFilter& filter) override {
    return audit_.ExportJsonl(actor, filter);
  }

 private:
  community::ServiceDeps AuditDeps() { return {store_, clock_, ids_, publisher_}; }

  // A local group `actor` moderates (or any group, for admins).
  Result<storage::Group> ModeratedGroup(storage::ReadTxn& tx, Id actor, std::string_view slug) {
    storage::Group g = GH_TRY(LocalGroup(tx, slug));
    if (!GH_TRY(IsAdmin(tx, actor)) && !GH_TRY(IsGroupStaff(tx, g.id, actor))) {
      return Error::Forbidden("only the group's moderators and admins see posts awaiting approval");
    }
    return g;
  }

  Result<storage::HeldPost> FindHeld(Id actor, std::string_view slug, Id post) {
    std::optional<storage::HeldPost> held;
    GH_CHECK(store_.Read([&](storage::ReadTxn& tx) -> Result<> {
      const storage::Group g = GH_TRY(ModeratedGroup(tx, actor, slug));
      held =
          GH_TRY(Table<storage::HeldPostCodec>::Get(tx, storage::HeldPostCodec::KeyOf(g.id, post)));
      return Ok();
    }));
    if (!held) return Error::NotFound("no post awaiting approval with that id");
    return std::move(*held);
  }

  // Erases a held post (approved: now stored; or rejected) with its audit entry.
  Result<> EraseHeld(Id actor, const storage::HeldPost& held, std::string action, std::string after,
                     std::string_view reason) {
    return store_.Write([&](storage::WriteTxn& tx) -> Result<> {
      if (!tx.Get(storage::tables::kHeldPosts, storage::HeldPostCodec::Key(held))) {
        return Error::NotFound("no post awaiting approval with that id");  // handled meanwhile
      }
      GH_CHECK(Table<storage::HeldPostCodec>::Erase(tx, storage::HeldPostCodec::Key(held)));
      storage::AuditEntry entry;
      entry.actor = actor;
      entry.action = action;
      entry.target = "held:" + held.id.ToString();
      entry.group = held.group;
      entry.before = "awaiting approval object=" + held.object_id;
      entry.after = after;
      entry.reason = std::string(reason);
      return community::AppendAudit(tx, AuditDeps(), std::move(entry));
    });
  }

  // Plans and makes `change`, once authorized, in `tx`: effects, the change
  // itself, one audit entry.
  Result<Impact> ApplyAuthorized(storage::WriteTxn& tx, Id actor, const PolicyChange& change,
                                 const std::optional<storage::Group>& group) {
    const Id gid = group ? group->id : Id{};
    auto [text, plan] = GH_TRY(PlanChange(tx, change, group));
    if (!plan.impact.changed) return plan.impact;
    const int64_t now = UnixMillis(clock_.Now());
    GH_CHECK(ExecutePlan(tx, outbox_, plan, now));
    GH_CHECK(StoreChange(tx, change, gid, actor, now));
    storage::AuditEntry entry;
    entry.actor = actor;
    entry.action = text.action;
    entry.target = text.target;
    entry.group = gid;
    entry.before = text.before;
    entry.after = text.after;
    entry.reason = Summary(plan.impact) + (change.reason.empty() ? "" : " reason=" + change.reason);
    GH_CHECK(community::AppendAudit(tx, AuditDeps(), std::move(entry)));
    return plan.impact;
  }

  struct PlannedChange {
    ChangeText text;
    ImpactPlan plan;  // plan.impact carries the text's before/after
  };

  // What `change` (authorized) would do, read in `tx`: Preview reports it,
  // Apply carries it out in the same transaction.
  Result<PlannedChange> PlanChange(storage::ReadTxn& tx, const PolicyChange& change,
                                   const std::optional<storage::Group>& group) {
    PlannedChange p{
        GH_TRY(DescribeChange(tx, options_.config_mode, change, group ? &*group : nullptr)),
        GH_TRY(PlanImpact(tx, options_.config_mode, change, group ? group->id : Id{}))};
    Fill(p.plan.impact, p.text);
    if (change.kind == Kind::kSetGroupScope && group) {
      // Every door that widens a scope comes here (Preview and Apply alike).
      p.plan.impact.exposed = GH_TRY(CountExposure(tx, *group, change.scope));
      GH_CHECK(RefuseRetroactivePublication(p.plan.impact.exposed, change.scope));
    }
    return p;
  }

  static void LogChange(Id actor, const Impact& out) {
    if (!out.changed) return;
    Log().info("policy change actor={} {} -> {} {}", actor.ToString(), out.before, out.after,
               Summary(out));
  }

  static void Fill(Impact& impact, const ChangeText& text) {
    impact.before = text.before;
    impact.after = text.after;
    impact.changed = text.before != text.after;
  }

  // The change's group (for group changes) once the actor may make it.
  Result<std::optional<storage::Group>> Authorize(storage::ReadTxn& tx, Id actor,
                                                  const PolicyChange& change) {
    if (!IsGroupChange(change.kind)) {
      GH_CHECK(RequireAdmin(tx, actor));
      return std::optional<storage::Group>();
    }
    storage::Group g = GH_TRY(LocalGroup(tx, change.group_slug));
    const bool ban =
        change.kind == Kind::kBanPeerFromGroup || change.kind == Kind::kUnbanPeerFromGroup;
    if (change.kind == Kind::kSetGroupScope && !GH_TRY(IsAdmin(tx, actor)) &&
        GH_TRY(IsGroupOwner(tx, g.id, actor))) {
      if (change.scope > g.scope) {
        GH_CHECK(community::RequireScopeAllowed(tx, actor, change.scope, options_.group_creation));
      }
      return std::optional(std::move(g));
    }
    if (!GH_TRY(IsAdmin(tx, actor)) && !(ban && GH_TRY(IsGroupStaff(tx, g.id, actor)))) {
      return Error::Forbidden(
          ban ? "only admins and the group's owners and moderators may ban a peer"
              : "only node admins may change a group's scope or share list");
    }
    return std::optional(std::move(g));
  }

  Result<GroupSharing> SharingOf(storage::ReadTxn& tx, const storage::Group& g) {
    GroupSharing s{g.id, g.slug, g.name, g.scope, {}, {}};
    GH_CHECK(Table<storage::GroupShareCodec>::ScanPrefix(
        tx, storage::GroupShareCodec::GroupPrefix(g.id), storage::ScanOrder::kForward,
        [&](const storage::GroupShare& x) {
          s.shares.push_back(x);
          return true;
        }));
    GH_CHECK(Table<storage::GroupPeerBanCodec>::ScanPrefix(
        tx, storage::GroupPeerBanCodec::GroupPrefix(g.id), storage::ScanOrder::kForward,
        [&](const storage::GroupPeerBan& x) {
          s.bans.push_back(x);
          return true;
        }));
    return s;
  }

  PolicyAdminOptions options_;
  storage::Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  Uris uris_;
  LocalActors actors_;
  std::unique_ptr<DeliveryQueue> own_queue_;
  Outbox outbox_;
  community::NullPublisher publisher_;
  community::Audit audit_;
  HeldPostPublisher publish_held_;
};

}  // namespace

Result<std::unique_ptr<PolicyAdmin>> PolicyAdmin::Create(PolicyAdminOptions options,
                                                         storage::Store& store, const Clock& clock,
                                                         IdGenerator& ids, DeliveryQueue* queue) {
  if (options.domain.empty()) return Error::Invalid("policy: node domain is empty");
  return std::unique_ptr<PolicyAdmin>(
      new StoredPolicyAdmin(std::move(options), store, clock, ids, queue));
}

}  // namespace guildhall::federation
