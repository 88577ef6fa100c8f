// Like of a thread or reply in a local group: counted through
// community::Likes as the remote member, then Announced by the group as
// Lemmy does (the LikeAdded hook). Dislikes are not in the list.
#include "federation/activities/activities.h"
#include "federation/activities/apply_util.h"
#include "federation/activities/remote_members.h"
#include "federation/authorize/origin.h"
#include "federation/outbox/outbox.h"
#include "node/community/likes.h"

namespace guildhall::federation {

// Shared with undo.cc: like or unlike `object_id` as the sender.
Outcome ApplyLike(ApplyContext& ctx, const as::Activity& a, const Inbound& in,
                  std::string_view object_id, bool like) {
  auto content = SharedLocalContent(ctx, a, object_id);
  if (!content) return OutcomeOf(content.error());
  if (!*content || (*content)->kind == ContentRef::Kind::kEvent) {
    return Outcome::Ignored("not a thread or reply in a shared group");
  }
  auto member = EnsureRemoteMember(ctx, a.actor, in.deadline);
  if (!member) return OutcomeOf(member.error());
  auto scope = ctx.outbox.ExpectInbound(InboundKey::Like((*content)->id, member->id), in.row.json);
  auto counted = like ? ctx.community.likes.Like(member->id, (*content)->id)
                      : ctx.community.likes.Unlike(member->id, (*content)->id);
  return counted ? Outcome::Done() : OutcomeOf(counted.error());
}

Result<> Verify(const LikeActivity& l) {
  if (l.activity.object_id.empty()) return Error::Invalid("Like without object");
  return CheckActivityOrigin(l.activity);
}

Outcome Apply(const LikeActivity& l, ApplyContext& ctx, const Inbound& in) {
  return ApplyLike(ctx, l.activity, in, l.activity.object_id, true);
}

}  // namespace guildhall::federation
