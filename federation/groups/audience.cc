#include "federation/groups/audience.h"

#include <set>

#include "storage/model/records/follow.h"
#include "storage/model/records/membership.h"
#include "storage/model/records/remote_actor.h"
#include "storage/model/table.h"

namespace guildhall::federation {

using storage::FollowCodec;
using storage::FollowKind;
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

// A remote actor becomes a member by a Follow of the group (FEP-1b12), and the
// follow record lives as long as the membership (MemberLeft and MemberBanned
// erase it). So the group's inbound follow records name every remote member:
// walking them costs the group's remote members, where a walk of its active
// memberships cost every local member too (100,000 of them on a large node,
// on each announce).
Result<> ForEachRemoteMember(storage::ReadTxn& tx, Id group,
                             const std::function<bool(const Member&)>& fn) {
  Result<> status;
  auto visit = [&](const storage::Follow& follow) -> Result<bool> {
    auto membership =
        GH_TRY(Table<MembershipCodec>::Get(tx, MembershipCodec::KeyOf(group, follow.follower)));
    if (!membership || membership->state != MembershipState::kActive) return true;
    auto member = GH_TRY(Table<MemberCodec>::Get(tx, MemberCodec::KeyOf(follow.follower)));
    if (!member || member->IsLocal()) return true;
    return fn(*member);
  };
  GH_CHECK(Table<FollowCodec>::ScanPrefix(
      tx, FollowCodec::ByObjectPrefix(FollowKind::kToLocalGroup, group),
      storage::ScanOrder::kForward, [&](const storage::Follow& follow) {
        auto more = visit(follow);
        if (!more) {
          status = std::move(more).error();
          return false;
        }
        return *more;
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
