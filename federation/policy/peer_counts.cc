#include "federation/policy/peer_counts.h"

#include <set>
#include <unordered_map>

#include "federation/policy/stored_policy.h"
#include "storage/model/records/delivery.h"
#include "storage/model/records/follow.h"
#include "storage/model/records/member.h"
#include "storage/model/records/membership.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Table;

Result<std::map<std::string, PeerView>> CountPeers(storage::ReadTxn& tx,
                                                   FederationMode config_mode) {
  std::map<std::string, PeerView> out;
  const auto row = [&](const std::string& domain) -> PeerView& {
    PeerView& v = out[domain];
    v.peer.domain = domain;
    return v;
  };
  GH_CHECK(Table<storage::PeerCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                           [&](const storage::Peer& p) {
                                             PeerView& v = row(p.domain);
                                             v.peer = p;
                                             v.listed = true;
                                             return true;
                                           }));
  std::unordered_map<uint64_t, std::string> remote;  // member id -> domain
  GH_CHECK(Table<storage::MemberCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                             [&](const storage::Member& m) {
                                               if (!m.IsLocal()) remote[m.id.value] = m.domain;
                                               return true;
                                             }));
  std::set<uint64_t> local_groups;
  GH_CHECK(Table<storage::GroupCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                            [&](const storage::Group& g) {
                                              if (g.ap_id.empty()) local_groups.insert(g.id.value);
                                              return true;
                                            }));
  GH_CHECK(Table<storage::MembershipCodec>::Scan(
      tx, "", "", storage::ScanOrder::kForward, [&](const storage::Membership& m) {
        auto it = remote.find(m.member.value);
        if (it != remote.end() && local_groups.contains(m.group.value) &&
            m.state == storage::MembershipState::kActive) {
          ++row(it->second).members;
        }
        return true;
      }));
  GH_CHECK(Table<storage::FollowCodec>::Scan(
      tx, "", "", storage::ScanOrder::kForward, [&](const storage::Follow& f) {
        if (f.kind == storage::FollowKind::kToExternalGroup) return true;
        if (auto it = remote.find(f.follower.value); it != remote.end())
          ++row(it->second).followers;
        return true;
      }));
  GH_CHECK(Table<storage::DeliveryCodec>::Scan(tx, "", "", storage::ScanOrder::kForward,
                                               [&](const storage::Delivery& d) {
                                                 if (d.state == storage::DeliveryState::kPending)
                                                   ++row(d.host).pending_deliveries;
                                                 if (d.state == storage::DeliveryState::kFailed)
                                                   ++row(d.host).failed_deliveries;
                                                 return true;
                                               }));
  PolicyState state(tx, config_mode);
  for (auto& [domain, v] : out) v.allowed = GH_TRY(state.Allowed(domain));
  return out;
}

}  // namespace guildhall::federation
