// Create of a Page/Article/Note/Event addressed to a local group (FEP-1b12:
// `audience`, `to` or `cc` names the group, or the Note replies to content
// in it). The author must be an active, unbanned member and the group not
// locked: Threads/Replies/Events::Create enforce that as for anyone. The
// group then Announces the Create to its followers (the ThreadCreated /
// ReplyCreated / EventCreated hooks, federation/outbox).
// A Create for a group on another node that our members follow goes to our
// mirror of it when the group itself sends it (PeerTube, Mobilizon) or a
// member of the group's own server attributes it to the group (Mobilizon's
// events: `actor` the organizer, `attributedTo` the group).
#include <functional>
#include <set>
#include <vector>

#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/relayed.h"
#include "federation/activities/remote_members.h"
#include "federation/activities/store_content.h"
#include "federation/authorize/origin.h"
#include "federation/policy/held_posts.h"
#include "federation/protocol/url.h"
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

// The followed external group `a` is for, if it vouches for it: the group
// is the actor, or is named by the object (attributedTo, audience) or the
// activity (to, cc, audience) while the actor lives on the group's own
// server (FEP-fe34: one origin, one authority).
Result<std::optional<storage::Group>> FollowedGroupOf(storage::ReadTxn& tx, const as::Activity& a) {
  std::vector<std::string_view> names = {a.actor};
  for (const auto& v : {std::cref(a.object->attributed_to), std::cref(a.to), std::cref(a.cc),
                        std::cref(a.audience)}) {
    names.insert(names.end(), v.get().begin(), v.get().end());
  }
  names.push_back(a.object->audience);
  for (std::string_view name : names) {
    if (name.empty() || !SameOrigin(name, a.actor)) continue;
    auto group = GH_TRY(FollowedGroup(tx, name));
    if (group) return group;
  }
  return std::optional<storage::Group>();
}

Outcome ApplyToFollowedGroup(ApplyContext& ctx, const as::Activity& a, const Inbound& in) {
  auto group = ReadOne<std::optional<storage::Group>>(
      ctx.store, [&](storage::ReadTxn& tx) { return FollowedGroupOf(tx, a); });
  if (!group) return OutcomeOf(group.error());
  if (!*group) return Outcome::Ignored("not addressed to a group shared with the sender");
  return MirrorUpsert(ctx, **group, a, in.deadline);
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
  if (!*group) return ApplyToFollowedGroup(ctx, a, in);
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
