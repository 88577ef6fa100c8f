// Block from an external group (its moderators, on its origin) banning one
// of our members: the membership becomes banned and our follow is dropped.
// Blocks between people, or from anyone else, are ignored.
#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/authorize/origin.h"
#include "federation/follows/follow_records.h"
#include "federation/follows/mirror.h"
#include "federation/protocol/url.h"

namespace guildhall::federation {

Result<> Verify(const BlockActivity& b) {
  if (b.activity.object_id.empty()) return Error::Invalid("Block without object");
  return CheckActivityOrigin(b.activity);
}

Outcome Apply(const BlockActivity& b, ApplyContext& ctx, const Inbound&) {
  const as::Activity& a = b.activity;
  bool banned = false;
  auto written = ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    banned = false;
    auto group = GH_TRY(GroupOfActivity(tx, ctx.uris(), a));
    if (!group || group->ap_id.empty() || !SameOrigin(group->ap_id, a.actor)) return Ok();
    auto local = GH_TRY(ctx.actors.Resolve(tx, a.object_id));
    if (!local || !local->member) return Ok();
    GH_CHECK(BanExternal(tx, *group, local->member->id, ctx.NowMs()));
    auto follow =
        GH_TRY(FindFollow(tx, storage::FollowKind::kToExternalGroup, group->id, local->member->id));
    if (follow) GH_CHECK(EraseFollow(tx, *follow));
    banned = true;
    return Ok();
  });
  if (!written) return OutcomeOf(written.error());
  return banned ? Outcome::Done()
                : Outcome::Ignored("not a ban of our member by an external group");
}

}  // namespace guildhall::federation
