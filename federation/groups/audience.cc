#include "federation/groups/audience.h"

#include <set>

#include "storage/model/records/membership.h"
#include "storage/model/records/remote_actor.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::Member;
using storage::MemberCodec;
using storage::MembershipCodec;
using storage::MembershipState;
using storage::RemoteActorCodec;
using storage::Table;

Result<std::string> InboxOf(storage::ReadTxn& tx, std::string_view actor_uri) {
  auto actor = GH_TRY(Table<RemoteActorCodec>::Get(tx, RemoteActorCodec::KeyOf(actor_uri)));
  if (!actor) return std::string();
  return actor->shared_inbox.empty() ? actor->inbox : actor->shared_inbox;
}

Result<> ForEachRemoteMember(storage::ReadTxn& tx, Id group,
                             const std::function<bool(const Member&)>& fn) {
  const std::string prefix = MembershipCodec::ByGroupStatePrefix(group, MembershipState::kActive);
  Result<> status;
  GH_CHECK(tx.Scan(storage::tables::kMembershipsByGroupState, prefix, storage::PrefixEnd(prefix),
                   storage::ScanOrder::kForward, [&](std::string_view, std::string_view primary) {
                     storage::KeyReader r(primary);
                     r.Id();  // the group
                     auto member_id = r.Id();
                     if (!member_id) return true;
                     auto member = Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(*member_id));
                     if (!member) {
                       status = std::move(member).error();
                       return false;
                     }
                     if (!*member || (*member)->IsLocal()) return true;
                     return fn(**member);
                   }));
  return status;
}

Result<std::vector<std::string>> GroupFollowerInboxes(storage::ReadTxn& tx,
                                                      const storage::Group& group,
                                                      const PeerPolicy& policy) {
  std::set<std::string> inboxes;
  Result<> status;
  GH_CHECK(ForEachRemoteMember(tx, group.id, [&](const Member& m) {
    if (!policy.GroupSharedWith(tx, group, m.domain)) return true;
    auto inbox = InboxOf(tx, m.actor_uri);
    if (!inbox) {
      status = std::move(inbox).error();
      return false;
    }
    if (!inbox->empty()) inboxes.insert(std::move(*inbox));
    return true;
  }));
  GH_CHECK(status);
  return std::vector<std::string>(inboxes.begin(), inboxes.end());
}

}  // namespace guildhall::federation
