#include "federation/inbox/apply.h"

#include "federation/activities/activities.h"
#include "federation/activity_list.h"

namespace guildhall::federation {

Outcome ApplyInbound(ApplyContext& ctx, const storage::InboxActivity& row, Deadline deadline,
                     const as::ReadLimits& limits) {
  auto activity = as::ReadActivity(row.json, limits);
  if (!activity) return Outcome::Failed("unreadable: " + activity.error().message);
  // The inbox verified the signer; the stored row keeps who that was.
  if (activity->actor != row.actor) return Outcome::Failed("actor differs from signer");
  auto typed = Classify(*activity);
  if (!typed) return Outcome::Ignored("type not handled");
  if (auto verified = VerifyActivity(*typed); !verified) {
    return Outcome::Ignored(verified.error().message);
  }
  const Inbound in{row, Raw(*typed), deadline};
  return ApplyActivity(*typed, ctx, in);
}

}  // namespace guildhall::federation
