// Create of a Page/Article/Note/Event addressed to a local group (FEP-1b12:
// `audience`, `to` or `cc` names the group, or the Note replies to content
// in it). The author must be an active, unbanned member and the group not
// locked: Threads/Replies/Events::Create enforce that as for anyone. The
// group then Announces the Create to its followers (the ThreadCreated /
// ReplyCreated / EventCreated hooks, federation/outbox).
#include <set>

#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/remote_members.h"
#include "federation/activities/store_content.h"
#include "federation/authorize/origin.h"
#include "federation/policy/held_posts.h"
#include "storage/model/records/tombstone.h"
#include "storage/model/table.h"

namespace guildhall::federation {

namespace {

const std::set<std::string, std::less<>> kContentTypes = {"Page", "Article", "Note", "Event",
                                                          "Question"};

// Known already (a replay, or the author's copy and the group's Announce
// both arrived) or deleted before it arrived: either way, nothing to do.
// Never re-store an object under a new audience (Mastodon CVE-2024-37903).
Result<std::string> WhyNot(ApplyContext& ctx, std::string_view object_id) {
  std::string why;
  GH_CHECK(ctx.store.Read([&](storage::ReadTxn& tx) -> Result<> {
    if (tx.Get(storage::tables::kTombstones, storage::TombstoneCodec::KeyOf(object_id))) {
      why = "deleted before it arrived";
    } else if (GH_TRY(FindContent(tx, ctx.uris(), object_id))) {
      why = "already stored";
    }
    return Ok();
  }));
  return why;
}

}  // namespace

bool IsContentType(std::string_view type) { return kContentTypes.contains(type); }

Result<> Verify(const CreateActivity& c) {
  GH_CHECK(CheckActivityOrigin(c.activity));
  GH_CHECK(CheckAuthoredObject(c.activity));
  if (!IsContentType(c.activity.object->type)) {
    return Error::Invalid("Create of " + c.activity.object->type);
  }
  return Ok();
}

Outcome Apply(const CreateActivity& c, ApplyContext& ctx, const Inbound& in) {
  const as::Activity& a = c.activity;
  auto why = WhyNot(ctx, a.object->id);
  if (!why) return OutcomeOf(why.error());
  if (!why->empty()) return Outcome::Ignored(*why);
  auto group = SharedLocalGroup(ctx, a);
  if (!group) return OutcomeOf(group.error());
  if (!*group) return Outcome::Ignored("not addressed to a group shared with the sender");
  // Before anything is held or stored (the inbox door answered the sender
  // already; this covers rows persisted before the check existed).
  auto refused = AddressingRefusalIn(ctx, **group, a);
  if (!refused) return OutcomeOf(refused.error());
  if (!refused->empty()) return Outcome::Ignored(*refused);
  auto author = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!author) return OutcomeOf(author.error());
  // spec/POLICY.md: a limited peer's posts wait for a group moderator
  // (federation/policy/held_posts.h); nothing is stored or announced yet.
  if (ctx.policy.Limited(DomainOf(a.actor))) {
    return HoldPost(ctx, **group, *author, *a.object, in.row.json);
  }
  return StoreRemoteContent(ctx, **group, *author, a, in.row.json);
}

}  // namespace guildhall::federation
