// Announce from an external group our members follow (FEP-1b12): the group
// relays a member's Create, Update or Delete. Embedded copies from the
// group's own origin are trusted as the group vouches for them; anything
// embedded from another origin is only a hint, and the object is fetched
// from its own origin by id (reference/security.md: forged Announces).
// Content lands in the external Group record so members read it locally;
// remote authors become members of that mirror (federation/follows/mirror.h).
// Likes and other announced activities are not mirrored.
#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/relayed.h"
#include "federation/activities/remote_members.h"
#include "federation/activities/store_content.h"
#include "federation/authorize/origin.h"
#include "federation/follows/mirror.h"
#include "federation/protocol/url.h"
#include "storage/model/records/follow.h"
#include "storage/model/records/tombstone.h"
#include "storage/model/table.h"

namespace guildhall::federation {

namespace {

// An object fetched from its own origin, replacing an untrusted copy.
Result<as::Object> FetchObject(ApplyContext& ctx, std::string_view id, Deadline deadline) {
  auto doc = GH_TRY(ctx.remote.Fetch(id, deadline));
  if (auto* object = std::get_if<as::Object>(&doc)) return std::move(*object);
  return Error::Invalid("announced object is not an object");
}

Result<as::Activity> ResolveInner(ApplyContext& ctx, const as::Activity& a, Deadline deadline) {
  if (a.object_activity && EmbeddedFromOrigin(a, a.actor)) return *a.object_activity;
  as::Activity inner;
  if (a.object_activity) {
    inner = *a.object_activity;
  } else {
    auto doc = GH_TRY(ctx.remote.Fetch(a.object_id, deadline));
    if (auto* object = std::get_if<as::Object>(&doc)) {  // Announce of a bare object
      if (object->attributed_to.empty()) return Error::Invalid("announced object has no author");
      inner.id = object->id;
      inner.type = "Create";
      inner.actor = object->attributed_to.front();
      inner.object_id = object->id;
      inner.object = std::make_shared<as::Object>(std::move(*object));
      return inner;
    }
    auto* fetched = std::get_if<as::Activity>(&doc);
    if (fetched == nullptr)
      return Error::Invalid("announced document is neither activity nor object");
    inner = std::move(*fetched);
    if (EmbeddedFromOrigin(inner, inner.actor) || !inner.object) return inner;
  }
  if ((inner.type == "Create" || inner.type == "Update") && !inner.object_id.empty()) {
    inner.object =
        std::make_shared<as::Object>(GH_TRY(FetchObject(ctx, inner.object_id, deadline)));
  }
  return inner;
}

}  // namespace

Outcome MirrorUpsert(ApplyContext& ctx, storage::Group group, const as::Activity& inner,
                     Deadline deadline) {
  if (auto checked = CheckAuthoredObject(inner); !checked) return OutcomeOf(checked.error());
  const as::Object& o = *inner.object;
  if (!IsContentType(o.type)) return Outcome::Ignored("not content");
  if (ctx.uris().IsLocal(o.id)) return Outcome::Ignored("our own content");
  std::optional<ContentRef> existing;
  bool tombstoned = false;
  auto read = ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    existing = GH_TRY(FindContent(tx, ctx.uris(), o.id));
    tombstoned =
        tx.Get(storage::tables::kTombstones, storage::TombstoneCodec::KeyOf(o.id)).has_value();
    return Ok();
  });
  if (!read) return OutcomeOf(read.error());
  if (tombstoned) return Outcome::Ignored("deleted before it arrived");
  // A relay never widens: what the group announces must be addressed to
  // its members (or Public), checked before its author joins the mirror.
  auto refused = AddressingRefusalIn(ctx, group, inner);
  if (!refused) return OutcomeOf(refused.error());
  if (!refused->empty()) return Outcome::Ignored(*refused);
  auto author = EnsureRemoteMember(ctx, inner.actor, deadline);
  if (!author) return OutcomeOf(author.error());
  auto joined = ctx.store.Write(
      [&](storage::WriteTxn& tx) { return ActivateExternal(tx, group, author->id, ctx.NowMs()); });
  if (!joined) return OutcomeOf(joined.error());
  if (!existing) {
    if (inner.type == "Update") return Outcome::Ignored("update of unknown content");
    return StoreRemoteContent(ctx, group, *author, inner, "");
  }
  if (inner.type == "Create") return Outcome::Ignored("already stored");
  if (existing->group != group.id || existing->author != author->id) {
    return Outcome::Ignored("not the author's content in this group");
  }
  return UpdateRemoteContent(ctx, *existing, *author, inner, "");
}

namespace {

Outcome MirrorDelete(ApplyContext& ctx, const storage::Group& group, const as::Activity& inner) {
  std::optional<ContentRef> content;
  auto read = ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    content = GH_TRY(FindContent(tx, ctx.uris(), inner.object_id));
    return Ok();
  });
  if (!read) return OutcomeOf(read.error());
  if (!content || content->group != group.id) return Outcome::Ignored("unknown content");
  // The author, or the group's own server (its moderators).
  if (!SameOrigin(content->ap_id, inner.actor) && !SameOrigin(group.ap_id, inner.actor)) {
    return Outcome::Ignored("delete by neither author nor group");
  }
  return RemoveFromMirror(ctx, *content, inner.summary);
}

}  // namespace

Result<std::optional<storage::Group>> FollowedGroup(storage::ReadTxn& tx, std::string_view actor) {
  auto group = GH_TRY(FindGroupByApId(tx, actor));
  if (!group) return group;
  bool followed = false;
  const std::string prefix =
      storage::FollowCodec::ByObjectPrefix(storage::FollowKind::kToExternalGroup, group->id);
  GH_CHECK(storage::Table<storage::FollowCodec>::ScanPrefix(
      tx, prefix, storage::ScanOrder::kForward, [&](const storage::Follow& f) {
        followed = f.state == storage::FollowState::kAccepted;
        return !followed;
      }));
  if (!followed) group.reset();
  return group;
}

Result<> Verify(const AnnounceActivity& x) {
  if (x.activity.object_id.empty()) return Error::Invalid("Announce without object");
  return CheckActivityOrigin(x.activity);
}

Outcome Apply(const AnnounceActivity& x, ApplyContext& ctx, const Inbound& in) {
  return ApplyRelayed(ctx, x.activity, in.deadline);
}

Outcome ApplyRelayed(ApplyContext& ctx, const as::Activity& a, Deadline deadline) {
  auto group = ReadOne<std::optional<storage::Group>>(
      ctx.store, [&](storage::ReadTxn& tx) { return FollowedGroup(tx, a.actor); });
  if (!group) return OutcomeOf(group.error());
  if (!*group) return Outcome::Ignored("not a group we follow");
  if (!ctx.policy.DomainAllowed(DomainOf(a.actor))) return Outcome::Ignored("domain not allowed");
  // A relay never carries content from a domain we refuse, and nothing is
  // fetched from one (security.md §3.5; Mastodon CVE-2026-23961).
  if (!ctx.policy.DomainAllowed(DomainOf(a.object_id))) {
    return Outcome::Ignored("announced object from a domain not allowed");
  }
  auto inner = ResolveInner(ctx, a, deadline);
  if (!inner) return OutcomeOf(inner.error());
  if (!ctx.policy.DomainAllowed(DomainOf(inner->actor)) ||
      (!inner->object_id.empty() && !ctx.policy.DomainAllowed(DomainOf(inner->object_id)))) {
    return Outcome::Ignored("announced activity from a domain not allowed");
  }
  if (inner->type == "Create" || inner->type == "Update") {
    return MirrorUpsert(ctx, **group, *inner, deadline);
  }
  if (inner->type == "Delete") return MirrorDelete(ctx, **group, *inner);
  return Outcome::Ignored("Announce of " + inner->type + " is not mirrored");
}

}  // namespace guildhall::federation
