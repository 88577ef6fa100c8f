// Delete of content in a local group: by its author (soft delete, shown as
// deleted) or by a moderator of the group (removal with the reason from
// `summary`; community checks the right). A Delete of something we do not
// hold, from the object's own origin, leaves a Tombstone so that a late
// Create of it is dropped (Delete may overtake Create; Mastodon keeps such a
// marker too). Deletes of whole actors are not handled yet: ignored.
#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/remote_members.h"
#include "federation/activities/store_content.h"
#include "federation/authorize/origin.h"
#include "federation/protocol/url.h"
#include "storage/model/records/tombstone.h"
#include "storage/model/table.h"

namespace guildhall::federation {

namespace {

Outcome RememberTombstone(ApplyContext& ctx, const as::Activity& a) {
  if (!SameOrigin(a.object_id, a.actor))
    return Outcome::Ignored("unknown object of another origin");
  auto written = ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    return storage::Table<storage::TombstoneCodec>::Put(
        tx, storage::Tombstone{a.object_id, a.actor, ctx.NowMs()});
  });
  return written ? Outcome::Done() : OutcomeOf(written.error());
}

}  // namespace

Result<> Verify(const DeleteActivity& d) {
  if (d.activity.object_id.empty()) return Error::Invalid("Delete without object");
  return CheckActivityOrigin(d.activity);
}

Outcome Apply(const DeleteActivity& d, ApplyContext& ctx, const Inbound& in) {
  const as::Activity& a = d.activity;
  if (a.object_id == a.actor) return Outcome::Ignored("actor deletion is not handled");
  std::optional<ContentRef> any;
  auto read = ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    any = GH_TRY(FindContent(tx, ctx.uris(), a.object_id));
    return Ok();
  });
  if (!read) return OutcomeOf(read.error());
  if (!any) return RememberTombstone(ctx, a);
  auto content = SharedLocalContent(ctx, a, a.object_id);
  if (!content) return OutcomeOf(content.error());
  if (!*content) return Outcome::Ignored("content not in a group shared with the sender");
  auto actor = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!actor) return OutcomeOf(actor.error());
  if ((*content)->author == actor->id) return DeleteByAuthor(ctx, **content, *actor, in.row.json);
  return RemoveByModerator(ctx, **content, *actor, a.summary, in.row.json);
}

}  // namespace guildhall::federation
