// Update of content by its author (sets edited), or of an actor by itself
// (a remote member's or an external group's name). Updates of objects we do
// not hold are ignored: the Create may still be on its way, and an Update
// never creates (Mastodon does the same).
#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/content.h"
#include "federation/activities/remote_members.h"
#include "federation/activities/store_content.h"
#include "federation/actors/group_kind.h"
#include "federation/authorize/origin.h"
#include "storage/model/table.h"

namespace guildhall::federation {

namespace {

Outcome UpdateActor(const as::Actor& actor, ApplyContext& ctx) {
  auto written = ctx.store.Write([&](storage::WriteTxn& tx) -> Result<> {
    if (auto m = GH_TRY(FindMemberByActorUri(tx, actor.id))) {
      m->display_name = CleanText(actor.name, 100);
      m->updated = ctx.NowMs();
      ++m->version;
      GH_CHECK(storage::Table<storage::MemberCodec>::Put(tx, *m));
    }
    if (auto g = GH_TRY(FindGroupByApId(tx, actor.id))) {
      if (!actor.name.empty()) g->name = CleanText(actor.name, 80);
      g->description = HtmlToMarkdownText(actor.summary);
      if (auto kind = GroupKindFromWire(actor.group_kind)) g->kind = *kind;
      g->updated = ctx.NowMs();
      ++g->version;
      GH_CHECK(storage::Table<storage::GroupCodec>::Put(tx, *g));
    }
    return Ok();
  });
  return written ? Outcome::Done() : OutcomeOf(written.error());
}

}  // namespace

Result<> Verify(const UpdateActivity& u) {
  GH_CHECK(CheckActivityOrigin(u.activity));
  if (u.activity.object_actor) {
    if (u.activity.object_actor->id != u.activity.actor) {
      return Error::Forbidden("Update of another actor");
    }
    return Ok();
  }
  GH_CHECK(CheckAuthoredObject(u.activity));
  if (!IsContentType(u.activity.object->type)) {
    return Error::Invalid("Update of " + u.activity.object->type);
  }
  return Ok();
}

Outcome Apply(const UpdateActivity& u, ApplyContext& ctx, const Inbound& in) {
  const as::Activity& a = u.activity;
  if (a.object_actor) return UpdateActor(*a.object_actor, ctx);
  auto content = SharedLocalContent(ctx, a, a.object->id);
  if (!content) return OutcomeOf(content.error());
  if (!*content) return Outcome::Ignored("unknown or not shared content");
  auto author = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!author) return OutcomeOf(author.error());
  // Only the author edits: ownership, not just origin (FEP-fe34).
  if ((*content)->author != author->id) return Outcome::Ignored("not the author");
  return UpdateRemoteContent(ctx, **content, *author, a, in.row.json);
}

}  // namespace guildhall::federation
