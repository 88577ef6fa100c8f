// Remote objects into the community: a Page/Article (or a Note that replies
// to nothing) becomes a thread, a Note replying to stored content a reply,
// an Event an event - created, edited and deleted through the community
// services as the remote author, so the group's rules apply. While a
// service runs, the original activity is registered with the Outbox under
// the object's id, so the hooks can Announce it verbatim (FEP-1b12).
// Removal on behalf of an external group (its moderators deleted something
// it had announced) is written directly: the remote group is the authority
// over its own content. Blocking; thread-safe as ApplyContext is.
#pragma once

#include <string_view>

#include "federation/activities/context.h"
#include "federation/activities/lookup.h"
#include "federation/inbox/processor.h"
#include "storage/model/records/group.h"
#include "storage/model/records/member.h"

namespace guildhall::federation {

// Why `group` may not publish what `activity` carries (its addressing is
// narrower than the group's audience, federation/groups/addressing.h);
// empty when it may. REQUIRES: activity.object.
Result<std::string> AddressingRefusalIn(ApplyContext& ctx, const storage::Group& group,
                                        const as::Activity& activity);

// The object `activity` (a Create or Update, or an object wrapped as one)
// carries, stored in or edited within its group. Every door ends here, so
// here the addressing is checked: content addressed narrower than the group
// shows it is ignored with the reason (AddressingRefusalIn).
// `raw_activity` is the activity to announce (the inbound JSON); may be
// empty. REQUIRES: activity.object.
Outcome StoreRemoteContent(ApplyContext& ctx, const storage::Group& group,
                           const storage::Member& author, const as::Activity& activity,
                           std::string_view raw_activity);
Outcome UpdateRemoteContent(ApplyContext& ctx, const ContentRef& content,
                            const storage::Member& author, const as::Activity& activity,
                            std::string_view raw_activity);
// Deleted by its author.
Outcome DeleteByAuthor(ApplyContext& ctx, const ContentRef& content, const storage::Member& author,
                       std::string_view raw_activity);
// Removed by a moderator of a local group (community checks the right).
Outcome RemoveByModerator(ApplyContext& ctx, const ContentRef& content,
                          const storage::Member& moderator, std::string_view reason,
                          std::string_view raw_activity);
// Removed from an external group's mirror, on the group's word.
Outcome RemoveFromMirror(ApplyContext& ctx, const ContentRef& content, std::string_view reason);

}  // namespace guildhall::federation
