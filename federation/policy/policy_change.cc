#include "federation/policy/policy_change.h"

#include <algorithm>

#include "federation/policy/stored_policy.h"
#include "storage/model/records/group_share.h"
#include "storage/model/records/node_setting.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Table;
using Kind = PolicyChange::Kind;

namespace {
constexpr const char* kModes[] = {"closed", "allowlist", "open"};
constexpr const char* kScopes[] = {"internal", "partners", "public"};

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string PeerText(const std::optional<storage::Peer>& p) {
  if (!p) return "unlisted";
  return std::string("state=") + storage::PeerStateName(p->state) +
         " relationship=" + storage::PeerRelationshipName(p->relationship) +
         (p->note.empty() ? "" : " note=" + p->note);
}

Result<std::vector<std::string>> StoredShares(storage::ReadTxn& tx, Id group) {
  std::vector<std::string> out;
  GH_CHECK(Table<storage::GroupShareCodec>::ScanPrefix(
      tx, storage::GroupShareCodec::GroupPrefix(group), storage::ScanOrder::kForward,
      [&](const storage::GroupShare& s) {
        out.push_back(s.domain);
        return true;
      }));
  return out;
}

// The peer record a kSetPeer change leaves behind.
Result<storage::Peer> PeerAfter(storage::ReadTxn& tx, const PolicyChange& c) {
  auto old = GH_TRY(Table<storage::PeerCodec>::Get(tx, storage::PeerCodec::KeyOf(c.domain)));
  storage::Peer p = old.value_or(storage::Peer{});
  p.domain = c.domain;
  p.state = c.peer_state;
  if (!c.relationship.empty()) storage::ParsePeerRelationship(c.relationship, p.relationship);
  if (c.note) p.note = *c.note;
  return p;
}

bool ValidSlug(std::string_view s) {
  return s.size() >= 2 && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

}  // namespace

bool IsGroupChange(Kind k) {
  return k == Kind::kSetGroupScope || k == Kind::kSetShares || k == Kind::kBanPeerFromGroup ||
         k == Kind::kUnbanPeerFromGroup;
}

const char* FederationModeName(FederationMode mode) { return kModes[static_cast<int>(mode) % 3]; }

bool ParseFederationMode(std::string_view name, FederationMode& out) {
  for (int i = 0; i < 3; ++i) {
    if (name == kModes[i]) {
      out = static_cast<FederationMode>(i);
      return true;
    }
  }
  return false;
}

// Designated initializers in declaration order: each constructor names only
// the fields its kind uses.
PolicyChange PolicyChange::SetMode(FederationMode mode) {
  return {.kind = Kind::kSetMode, .mode = mode};
}
PolicyChange PolicyChange::SetPeer(std::string domain, storage::PeerState state,
                                   std::string relationship, std::optional<std::string> note) {
  return {.kind = Kind::kSetPeer,
          .domain = std::move(domain),
          .peer_state = state,
          .relationship = std::move(relationship),
          .note = std::move(note)};
}
PolicyChange PolicyChange::RemovePeer(std::string domain) {
  return {.kind = Kind::kRemovePeer, .domain = std::move(domain)};
}
PolicyChange PolicyChange::SetGroupScope(std::string slug, storage::GroupScope scope) {
  return {.kind = Kind::kSetGroupScope, .group_slug = std::move(slug), .scope = scope};
}
PolicyChange PolicyChange::SetShares(std::string slug, std::vector<std::string> domains) {
  return {.kind = Kind::kSetShares, .group_slug = std::move(slug), .domains = std::move(domains)};
}
PolicyChange PolicyChange::BanPeerFromGroup(std::string slug, std::string domain,
                                            std::string reason) {
  return {.kind = Kind::kBanPeerFromGroup,
          .domain = std::move(domain),
          .group_slug = std::move(slug),
          .reason = std::move(reason)};
}
PolicyChange PolicyChange::UnbanPeerFromGroup(std::string slug, std::string domain) {
  return {.kind = Kind::kUnbanPeerFromGroup,
          .domain = std::move(domain),
          .group_slug = std::move(slug)};
}

Result<PolicyChange> NormalizeChange(const PolicyChange& in, std::string_view own_domain) {
  PolicyChange c = in;
  const bool needs_domain = c.kind == Kind::kSetPeer || c.kind == Kind::kRemovePeer ||
                            c.kind == Kind::kBanPeerFromGroup ||
                            c.kind == Kind::kUnbanPeerFromGroup;
  if (needs_domain) c.domain = GH_TRY(NormalizeDomain(c.domain));
  if (needs_domain && c.domain == own_domain) {
    return Error::Invalid(c.domain + " is this node's own domain");
  }
  for (auto& d : c.domains) d = GH_TRY(NormalizeDomain(d));
  std::sort(c.domains.begin(), c.domains.end());
  c.domains.erase(std::unique(c.domains.begin(), c.domains.end()), c.domains.end());
  storage::PeerRelationship r;
  if (!c.relationship.empty() && !storage::ParsePeerRelationship(c.relationship, r)) {
    return Error::Invalid("relationship: '" + c.relationship +
                          "' is not one of partner|vendor|association|other");
  }
  if (IsGroupChange(c.kind) && !ValidSlug(c.group_slug)) {
    return Error::Invalid("not a group slug: '" + c.group_slug + "'");
  }
  return c;
}

Result<ChangeText> DescribeChange(storage::ReadTxn& tx, FederationMode config_mode,
                                  const PolicyChange& c, const storage::Group* group) {
  ChangeText t;
  const std::string gtarget = group ? "group:" + group->id.ToString() : "";
  switch (c.kind) {
    case Kind::kSetMode: {
      PolicyState state(tx, config_mode);
      t = {"policy.mode", "node", std::string("mode=") + FederationModeName(GH_TRY(state.Mode())),
           std::string("mode=") + FederationModeName(c.mode)};
      break;
    }
    case Kind::kSetPeer: {
      auto old = GH_TRY(Table<storage::PeerCodec>::Get(tx, storage::PeerCodec::KeyOf(c.domain)));
      t = {"policy.peer.set", "peer:" + c.domain, PeerText(old),
           PeerText(GH_TRY(PeerAfter(tx, c)))};
      break;
    }
    case Kind::kRemovePeer: {
      auto old = GH_TRY(Table<storage::PeerCodec>::Get(tx, storage::PeerCodec::KeyOf(c.domain)));
      if (!old) return Error::NotFound("peer " + c.domain + " is not on the list");
      t = {"policy.peer.remove", "peer:" + c.domain, PeerText(old), "unlisted"};
      break;
    }
    case Kind::kSetGroupScope:
      t = {"policy.group.scope", gtarget,
           std::string("scope=") + kScopes[static_cast<int>(group->scope) % 3],
           std::string("scope=") + kScopes[static_cast<int>(c.scope) % 3]};
      break;
    case Kind::kSetShares:
      t = {"policy.group.shares", gtarget, "shares=" + Join(GH_TRY(StoredShares(tx, group->id))),
           "shares=" + Join(c.domains)};
      break;
    case Kind::kBanPeerFromGroup:
    case Kind::kUnbanPeerFromGroup: {
      const bool banned = tx.Get(storage::tables::kGroupPeerBans,
                                 storage::GroupPeerBanCodec::KeyOf(group->id, c.domain))
                              .has_value();
      const bool ban = c.kind == Kind::kBanPeerFromGroup;
      t = {ban ? "policy.group.peer_ban" : "policy.group.peer_unban", gtarget,
           "peer=" + c.domain + (banned ? " banned=yes" : " banned=no"),
           "peer=" + c.domain + (ban ? " banned=yes" : " banned=no")};
      break;
    }
  }
  return t;
}

Result<> StoreChange(storage::WriteTxn& tx, const PolicyChange& c, Id group, Id actor,
                     int64_t now) {
  switch (c.kind) {
    case Kind::kSetMode:
      return Table<storage::NodeSettingCodec>::Put(
          tx,
          storage::NodeSetting{std::string(kModeSetting), FederationModeName(c.mode), actor, now});
    case Kind::kSetPeer: {
      storage::Peer p = GH_TRY(PeerAfter(tx, c));
      p.set_by = actor;
      p.set_at = now;
      return Table<storage::PeerCodec>::Put(tx, p);
    }
    case Kind::kRemovePeer:
      return Table<storage::PeerCodec>::Erase(tx, storage::PeerCodec::KeyOf(c.domain));
    case Kind::kSetGroupScope: {
      auto g = GH_TRY(Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(group)));
      if (!g) return Error::NotFound("group not found");
      g->scope = c.scope;
      g->updated = now;
      ++g->version;
      return Table<storage::GroupCodec>::Put(tx, *g);
    }
    case Kind::kSetShares: {
      for (const std::string& d : GH_TRY(StoredShares(tx, group))) {
        if (!std::binary_search(c.domains.begin(), c.domains.end(), d)) {
          GH_CHECK(Table<storage::GroupShareCodec>::Erase(
              tx, storage::GroupShareCodec::KeyOf(group, d)));
        }
      }
      for (const std::string& d : c.domains) {
        if (tx.Get(storage::tables::kGroupShares, storage::GroupShareCodec::KeyOf(group, d)))
          continue;
        GH_CHECK(
            Table<storage::GroupShareCodec>::Put(tx, storage::GroupShare{group, d, actor, now}));
      }
      return Ok();
    }
    case Kind::kBanPeerFromGroup:
      return Table<storage::GroupPeerBanCodec>::Put(
          tx, storage::GroupPeerBan{group, c.domain, actor, c.reason, now});
    case Kind::kUnbanPeerFromGroup:
      return Table<storage::GroupPeerBanCodec>::Erase(
          tx, storage::GroupPeerBanCodec::KeyOf(group, c.domain));
  }
  return Ok();
}

}  // namespace guildhall::federation
