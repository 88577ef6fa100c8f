// The handlers of the activities in activity_list.h, one .cc per type
// (STYLE 10): Verify is pure (the activity and its verified sender only; run
// at the inbox door, before persisting) and Apply acts (on a worker, with
// the time budget in `in.deadline`). Apply goes through the community
// services as the remote member, so membership, bans, locks, counters and
// notifications follow the same rules as for local members.
// Build* functions make the activities we send in answer.
// Thread-safe as ApplyContext is.
#pragma once

#include <string>
#include <string_view>

#include "federation/activities/context.h"
#include "federation/activity_list.h"
#include "federation/inbox/processor.h"

namespace guildhall::federation {

Result<> Verify(const FollowActivity& a);
Result<> Verify(const AcceptActivity& a);
Result<> Verify(const RejectActivity& a);
Result<> Verify(const TentativeAcceptActivity& a);
Result<> Verify(const UndoActivity& a);
Result<> Verify(const CreateActivity& a);
Result<> Verify(const UpdateActivity& a);
Result<> Verify(const DeleteActivity& a);
Result<> Verify(const LikeActivity& a);
Result<> Verify(const FlagActivity& a);
Result<> Verify(const BlockActivity& a);
Result<> Verify(const AnnounceActivity& a);
Result<> Verify(const JoinActivity& a);
Result<> Verify(const LeaveActivity& a);

Outcome Apply(const FollowActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const AcceptActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const RejectActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const TentativeAcceptActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const UndoActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const CreateActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const UpdateActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const DeleteActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const LikeActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const FlagActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const BlockActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const AnnounceActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const JoinActivity& a, ApplyContext& ctx, const Inbound& in);
Outcome Apply(const LeaveActivity& a, ApplyContext& ctx, const Inbound& in);

// Page, Article, Note, Event, Question: the objects we store as content.
bool IsContentType(std::string_view type);

// Like (like == true) or Undo(Like) of `object_id` by the sender.
Outcome ApplyLike(ApplyContext& ctx, const as::Activity& a, const Inbound& in,
                  std::string_view object_id, bool like);

// Dispatch over the variant.
Result<> VerifyActivity(const InboundActivity& a);
Outcome ApplyActivity(const InboundActivity& a, ApplyContext& ctx, const Inbound& in);

// How a failed community or store call ends an apply: temporary errors are
// retried, everything else is an ignored activity (the sender gets nothing
// more than the 202 it already has).
Outcome OutcomeOf(const Error& error);

// --- Outbound builders -------------------------------------------------
// Follow of `object` (a remote group) by `actor`, with the id given.
as::Activity BuildFollow(std::string id, std::string actor, std::string object);
// Accept / Reject of a Follow by `follower` of `followed` (our actor); the
// Follow is embedded as Fedify and Lemmy expect (id, type, actor, object).
as::Activity BuildFollowAnswer(std::string_view type, std::string_view follow_id,
                               std::string_view follower, std::string_view followed);
// Undo of our Follow.
as::Activity BuildUndoFollow(std::string_view follow_id, std::string_view actor,
                             std::string_view object);

}  // namespace guildhall::federation
