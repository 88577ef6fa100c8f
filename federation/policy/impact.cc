#include "federation/policy/impact.h"

#include <set>

#include "federation/activities/activities.h"
#include "federation/delivery/ledger.h"
#include "federation/follows/follow_records.h"
#include "federation/groups/audience.h"
#include "federation/outbox/outbox.h"
#include "federation/policy/policy_change.h"
#include "federation/policy/stored_policy.h"
#include "federation/protocol/url.h"
#include "storage/model/records/group.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Delivery;
using storage::Follow;
using storage::FollowKind;
using storage::Group;
using storage::Member;
using storage::Membership;
using storage::Table;
using Kind = PolicyChange::Kind;

namespace {

std::string HostOf(std::string_view uri) {
  auto origin = OriginOf(uri);
  return origin ? origin->Authority() : std::string();
}

Result<std::vector<Group>> LocalGroups(storage::ReadTxn& tx, Id only) {
  std::vector<Group> out;
  if (only != Id{}) {
    auto g = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(only)));
    if (g) out.push_back(std::move(*g));
    return out;
  }
  GH_CHECK(Table<storage::GroupCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                            [&](const Group& g) {
                                              if (g.ap_id.empty()) out.push_back(g);
                                              return true;
                                            }));
  return out;
}

Result<std::set<std::string>> BaseCandidates(storage::ReadTxn& tx, const PolicyChange& change) {
  std::set<std::string> out(change.domains.begin(), change.domains.end());
  if (!change.domain.empty()) out.insert(change.domain);
  GH_CHECK(Table<storage::PeerCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                           [&](const storage::Peer& p) {
                                             out.insert(p.domain);
                                             return true;
                                           }));
  return out;
}

// Threads and replies in `group` written by `authors`.
Result<uint64_t> CountContent(storage::ReadTxn& tx, Id group, const std::set<uint64_t>& authors) {
  uint64_t n = 0;
  std::vector<Id> threads;
  GH_CHECK(Table<storage::ThreadCodec>::ScanIndexPrefix(
      tx, storage::tables::kThreadsByGroup, storage::ThreadCodec::ByGroupPrefix(group),
      storage::ScanOrder::kForward, [&](const storage::Thread& t) {
        if (authors.contains(t.author.value)) ++n;
        threads.push_back(t.id);
        return true;
      }));
  for (Id thread : threads) {
    GH_CHECK(Table<storage::ReplyCodec>::ScanIndexPrefix(
        tx, storage::tables::kRepliesByThread, storage::ReplyCodec::ByThreadPrefix(thread),
        storage::ScanOrder::kForward, [&](const storage::Reply& r) {
          if (authors.contains(r.author.value)) ++n;
          return true;
        }));
  }
  return n;
}

struct Planner {
  storage::ReadTxn& tx;
  PolicyState before;
  PolicyState after;
  ImpactPlan plan;
  std::vector<Delivery> pending;

  Result<bool> Loses(const Group& g, std::string_view d) {
    return GH_TRY(before.Shared(g, d)) && !GH_TRY(after.Shared(g, d));
  }
  Result<bool> LosesDomain(std::string_view d) {
    return GH_TRY(before.Allowed(d)) && !GH_TRY(after.Allowed(d));
  }

  Result<> Group(const storage::Group& g, std::set<std::string> candidates) {
    ImpactedGroup ig{g.id, g.slug, g.name, g.scope, {}, {}, 0, 0, 0};
    std::vector<std::pair<Membership, Member>> remote;
    GH_CHECK(Table<storage::MembershipCodec>::ScanPrefix(
        tx, storage::MembershipCodec::ByGroupPrefix(g.id), storage::ScanOrder::kForward,
        [&](const Membership& m) {
          if (m.state != storage::MembershipState::kBanned) remote.push_back({m, Member{}});
          return true;
        }));
    std::set<uint64_t> authors;
    for (auto& [m, member] : remote) {
      auto rec =
          GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(m.member)));
      if (!rec || rec->IsLocal()) continue;
      candidates.insert(rec->domain);
      if (!GH_TRY(Loses(g, rec->domain))) continue;
      EndedMembership ended{m, *rec, std::nullopt, false, {}};
      ended.follow = GH_TRY(FindFollow(tx, FollowKind::kToLocalGroup, g.id, rec->id));
      ended.send_reject = ended.follow.has_value();
      ended.reason = GH_TRY(after.Allowed(rec->domain))
                         ? g.name + " is no longer shared with " + rec->domain
                         : "this node no longer federates with " + rec->domain;
      authors.insert(rec->id.value);
      plan.memberships.push_back(std::move(ended));
      ++ig.remote_members;
    }
    GH_CHECK(Table<storage::GroupShareCodec>::ScanPrefix(
        tx, storage::GroupShareCodec::GroupPrefix(g.id), storage::ScanOrder::kForward,
        [&](const storage::GroupShare& s) {
          candidates.insert(s.domain);
          return true;
        }));
    for (const Delivery& d : pending) {
      if (d.group_id != g.id || d.notice) continue;
      candidates.insert(d.host);
      if (!GH_TRY(Loses(g, d.host))) continue;
      plan.deliveries.push_back(d);
      ++ig.pending_deliveries;
    }
    for (const std::string& d : candidates) {
      const bool b = GH_TRY(before.Shared(g, d)), a = GH_TRY(after.Shared(g, d));
      if (b && !a) ig.domains_losing.push_back(d);
      if (!b && a) ig.domains_gaining.push_back(d);
    }
    if (!authors.empty()) ig.stored_remote_content = GH_TRY(CountContent(tx, g.id, authors));
    if (ig.domains_losing.empty() && ig.domains_gaining.empty()) return Ok();
    plan.impact.remote_members += ig.remote_members;
    plan.impact.pending_deliveries += ig.pending_deliveries;
    plan.impact.stored_remote_content += ig.stored_remote_content;
    plan.impact.groups.push_back(std::move(ig));
    return Ok();
  }

  // Deliveries not about a local group, and follows outside memberships.
  Result<> NodeWide(const std::set<uint64_t>& local_groups) {
    for (const Delivery& d : pending) {
      if (d.group_id != Id{} && local_groups.contains(d.group_id.value)) continue;
      if (d.notice) continue;  // an earlier change's notice still goes out
      if (!GH_TRY(LosesDomain(d.host))) continue;
      plan.deliveries.push_back(d);
      ++plan.impact.pending_deliveries;
    }
    std::vector<Follow> follows;
    GH_CHECK(Table<storage::FollowCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                               [&](const Follow& f) {
                                                 if (f.kind != FollowKind::kToLocalGroup)
                                                   follows.push_back(f);
                                                 return true;
                                               }));
    for (const Follow& f : follows) GH_CHECK(NodeWideFollow(f));
    return Ok();
  }

  Result<> NodeWideFollow(const Follow& f) {
    std::string domain;
    if (f.kind == FollowKind::kToLocalMember) {
      auto m =
          GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(f.follower)));
      if (m && !m->IsLocal()) domain = m->domain;
    } else {
      auto g = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(f.object)));
      if (g && !g->ap_id.empty()) domain = HostOf(g->ap_id);
    }
    if (domain.empty() || !GH_TRY(LosesDomain(domain))) return Ok();
    plan.follows.push_back(f);
    if (f.kind == FollowKind::kToExternalGroup) {
      auto m = GH_TRY(Table<storage::MembershipCodec>::Get(
          tx, storage::MembershipCodec::KeyOf(f.object, f.follower)));
      if (m) plan.external_memberships.push_back(*m);
    }
    return Ok();
  }
};

// Ends a membership and keeps the group's active count in step.
Result<> EndMembership(storage::WriteTxn& tx, const Membership& m, int64_t now) {
  GH_CHECK(Table<storage::MembershipCodec>::Erase(tx, storage::MembershipCodec::Key(m)));
  if (m.state != storage::MembershipState::kActive) return Ok();
  auto g = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(m.group)));
  if (!g) return Ok();
  if (g->member_count > 0) --g->member_count;
  g->updated = now;
  return Table<storage::GroupCodec>::Put(tx, *g);
}

Result<> SendReject(storage::WriteTxn& tx, Outbox& outbox, const EndedMembership& e) {
  const std::string inbox = GH_TRY(InboxOf(tx, e.member.actor_uri));
  if (inbox.empty()) return Ok();
  auto g =
      GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(e.membership.group)));
  if (!g) return Ok();
  const std::string uri = outbox.actors().UriOf(*g);
  as::Activity reject = BuildFollowAnswer("Reject", e.follow->activity_id, e.member.actor_uri, uri);
  reject.summary = e.reason;
  // No group on the sender: the group is exactly what this domain just lost.
  const Sender from{storage::LocalActorKind::kGroup, g->id, uri, nullptr, false};
  const std::string inboxes[] = {inbox};
  GH_CHECK(outbox.SendNotice(tx, from, reject, inboxes));
  return Ok();
}

// A local member's Follow of an external group on a domain the change
// refuses: Undo it, so the group no longer lists the member.
Result<> SendUndo(storage::WriteTxn& tx, Outbox& outbox, const Follow& f) {
  if (f.kind != FollowKind::kToExternalGroup) return Ok();
  auto g = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(f.object)));
  auto m = GH_TRY(Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(f.follower)));
  if (!g || g->ap_id.empty() || !m || !m->IsLocal()) return Ok();
  const std::string inbox = GH_TRY(InboxOf(tx, g->ap_id));
  if (inbox.empty()) return Ok();
  const std::string member_uri = outbox.actors().UriOf(*m);
  as::Activity undo = BuildUndoFollow(f.activity_id, member_uri, g->ap_id);
  const Sender from{storage::LocalActorKind::kMember, m->id, member_uri, nullptr, false};
  const std::string inboxes[] = {inbox};
  GH_CHECK(outbox.SendNotice(tx, from, undo, inboxes));
  return Ok();
}

}  // namespace

Result<ImpactPlan> PlanImpact(storage::ReadTxn& tx, FederationMode config_mode,
                              const PolicyChange& change, Id group) {
  Planner p{tx, PolicyState(tx, config_mode), PolicyState(tx, config_mode, &change, group), {}, {}};
  GH_CHECK(Table<storage::DeliveryCodec>::ScanIndex(tx, storage::tables::kDeliveriesDue, "", "",
                                                    storage::ScanOrder::kForward,
                                                    [&](const Delivery& d) {
                                                      p.pending.push_back(d);
                                                      return true;
                                                    }));
  const bool group_change = IsGroupChange(change.kind);
  const auto groups = GH_TRY(LocalGroups(tx, group_change ? group : Id{}));
  const auto base = GH_TRY(BaseCandidates(tx, change));
  std::set<uint64_t> local_ids;
  for (const storage::Group& g : groups) {
    local_ids.insert(g.id.value);
    GH_CHECK(p.Group(g, base));
  }
  if (!group_change) GH_CHECK(p.NodeWide(local_ids));
  p.plan.impact.follows = p.plan.follows.size();
  for (const EndedMembership& e : p.plan.memberships) {
    if (e.follow) ++p.plan.impact.follows;
  }
  return std::move(p.plan);
}

Result<ImpactPlan> PlanNewGroupImpact(storage::ReadTxn& tx, FederationMode config_mode,
                                      const PolicyChange& change, const storage::Group& group) {
  Planner p{
      tx, PolicyState(tx, config_mode), PolicyState(tx, config_mode, &change, group.id), {}, {}};
  GH_CHECK(p.Group(group, GH_TRY(BaseCandidates(tx, change))));
  return std::move(p.plan);
}

Result<> ExecutePlan(storage::WriteTxn& tx, Outbox& outbox, const ImpactPlan& plan, int64_t now) {
  for (const EndedMembership& e : plan.memberships) {
    GH_CHECK(EndMembership(tx, e.membership, now));
    if (!e.follow) continue;
    GH_CHECK(EraseFollow(tx, *e.follow));
    if (e.send_reject) GH_CHECK(SendReject(tx, outbox, e));
  }
  for (const Follow& f : plan.follows) {
    GH_CHECK(SendUndo(tx, outbox, f));
    GH_CHECK(EraseFollow(tx, f));
  }
  for (const Membership& m : plan.external_memberships) GH_CHECK(EndMembership(tx, m, now));
  for (Delivery d : plan.deliveries) {
    GH_CHECK(DropPending(tx, d, "policy: the recipient is no longer in scope", now));
  }
  return Ok();
}

}  // namespace guildhall::federation
