#include "federation/policy/stored_policy.h"

#include <algorithm>

#include "federation/protocol/url.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/records/group_share.h"
#include "storage/model/records/node_setting.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Table;

Result<std::string> NormalizeDomain(std::string_view domain) {
  const bool bare = !domain.empty() && domain.size() <= 253 &&
                    std::all_of(domain.begin(), domain.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
                             c == ':' || c == '[' || c == ']';
                    });
  if (!bare) return Error::Invalid("not a domain: '" + std::string(domain) + "'");
  auto origin = OriginOf("https://" + std::string(domain) + "/");
  if (!origin) return Error::Invalid("not a domain: '" + std::string(domain) + "'");
  return origin->Authority();
}

bool PolicyState::Overlays(PolicyChange::Kind kind, Id group) const {
  return overlay_ && overlay_->kind == kind && (group == Id{} || group == overlay_group_);
}

Result<FederationMode> PolicyState::Mode() {
  if (Overlays(PolicyChange::Kind::kSetMode)) return overlay_->mode;
  auto setting = GH_TRY(
      Table<storage::NodeSettingCodec>::Get(tx_, storage::NodeSettingCodec::KeyOf(kModeSetting)));
  FederationMode mode = config_mode_;
  if (setting && !ParseFederationMode(setting->value, mode)) mode = FederationMode::kClosed;
  return mode;
}

Result<std::optional<storage::Peer>> PolicyState::Peer(std::string_view domain) {
  if (overlay_ && overlay_->domain == domain) {
    if (overlay_->kind == PolicyChange::Kind::kRemovePeer) return std::optional<storage::Peer>();
    if (overlay_->kind == PolicyChange::Kind::kSetPeer) {
      storage::Peer p;
      p.domain = std::string(domain);
      p.state = overlay_->peer_state;
      return std::optional(std::move(p));
    }
  }
  return Table<storage::PeerCodec>::Get(tx_, storage::PeerCodec::KeyOf(domain));
}

Result<bool> PolicyState::Allowed(std::string_view domain) {
  if (domain.empty()) return false;
  const FederationMode mode = GH_TRY(Mode());
  if (mode == FederationMode::kClosed) return false;
  auto peer = GH_TRY(Peer(domain));
  if (peer && peer->state == storage::PeerState::kBlocked) return false;
  return mode == FederationMode::kOpen || peer.has_value();
}

Result<bool> PolicyState::Limited(std::string_view domain) {
  auto peer = GH_TRY(Peer(domain));
  return peer && peer->state == storage::PeerState::kLimited;
}

Result<std::string> PolicyState::RefusalReason(std::string_view domain) {
  const std::string d(domain);
  const FederationMode mode = GH_TRY(Mode());
  if (mode == FederationMode::kClosed) {
    return "This node does not federate with " + d +
           " (federation mode closed: it federates with nobody)";
  }
  auto peer = GH_TRY(Peer(domain));
  if (peer && peer->state == storage::PeerState::kBlocked) {
    return "This node blocks " + d + " (an admin has blocked that peer)";
  }
  if (mode == FederationMode::kAllowlist && !peer) {
    return "This node does not federate with " + d +
           " (federation mode allowlist; an admin can allow it)";
  }
  return "This node does not federate with " + d;
}

Result<storage::GroupScope> PolicyState::Scope(const storage::Group& group) {
  if (Overlays(PolicyChange::Kind::kSetGroupScope, group.id)) return overlay_->scope;
  return group.scope;
}

Result<bool> PolicyState::InShares(Id group, std::string_view domain) {
  if (Overlays(PolicyChange::Kind::kSetShares, group)) {
    return std::find(overlay_->domains.begin(), overlay_->domains.end(), domain) !=
           overlay_->domains.end();
  }
  return tx_.Get(storage::tables::kGroupShares, storage::GroupShareCodec::KeyOf(group, domain))
      .has_value();
}

Result<bool> PolicyState::Banned(Id group, std::string_view domain) {
  if (overlay_ && overlay_->domain == domain) {
    if (Overlays(PolicyChange::Kind::kBanPeerFromGroup, group)) return true;
    if (Overlays(PolicyChange::Kind::kUnbanPeerFromGroup, group)) return false;
  }
  return tx_.Get(storage::tables::kGroupPeerBans, storage::GroupPeerBanCodec::KeyOf(group, domain))
      .has_value();
}

Result<bool> PolicyState::Shared(const storage::Group& group, std::string_view domain) {
  if (!group.ap_id.empty()) return false;
  const storage::GroupScope scope = GH_TRY(Scope(group));
  if (scope == storage::GroupScope::kInternal) return false;
  if (!GH_TRY(Allowed(domain)) || GH_TRY(Banned(group.id, domain))) return false;
  if (scope == storage::GroupScope::kPublic) return true;
  return GH_TRY(InShares(group.id, domain)) && !GH_TRY(Limited(domain));
}

template <class Fn>
bool StoredPeerPolicy::Ask(Fn&& fn) const {
  bool answer = false;
  auto read = store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    PolicyState state(tx, config_mode_);
    answer = GH_TRY(fn(state));
    return Ok();
  });
  return read && answer;
}

bool StoredPeerPolicy::DomainAllowed(std::string_view domain) const {
  return Ask([&](PolicyState& s) { return s.Allowed(ToLowerAscii(domain)); });
}

bool StoredPeerPolicy::GroupSharedWith(const storage::Group& group, std::string_view domain) const {
  return Ask([&](PolicyState& s) { return s.Shared(group, ToLowerAscii(domain)); });
}

bool StoredPeerPolicy::Limited(std::string_view domain) const {
  return Ask([&](PolicyState& s) { return s.Limited(ToLowerAscii(domain)); });
}

bool StoredPeerPolicy::Enabled() const {
  return Ask(
      [&](PolicyState& s) -> Result<bool> { return GH_TRY(s.Mode()) != FederationMode::kClosed; });
}

std::string StoredPeerPolicy::RefusalReason(std::string_view domain) const {
  std::string out = PeerPolicy::RefusalReason(domain);  // when the store cannot be read
  (void)store_.Read([&](storage::ReadTxn& tx) -> Result<> {
    out = GH_TRY(PolicyState(tx, config_mode_).RefusalReason(ToLowerAscii(domain)));
    return Ok();
  });
  return out;
}

bool StoredPeerPolicy::DomainAllowed(storage::ReadTxn& tx, std::string_view domain) const {
  PolicyState state(tx, config_mode_);
  auto allowed = state.Allowed(ToLowerAscii(domain));
  return allowed && *allowed;
}

bool StoredPeerPolicy::GroupSharedWith(storage::ReadTxn& tx, const storage::Group& group,
                                       std::string_view domain) const {
  PolicyState state(tx, config_mode_);
  auto shared = state.Shared(group, ToLowerAscii(domain));
  return shared && *shared;
}

std::unique_ptr<PeerPolicy> MakeStoredPeerPolicy(storage::Store& store,
                                                 FederationMode config_mode) {
  return std::make_unique<StoredPeerPolicy>(store, config_mode);
}

}  // namespace guildhall::federation
