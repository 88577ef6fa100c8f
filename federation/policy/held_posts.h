// Held posts: threads and replies sent into a local group by members of a
// limited peer wait for a moderator (spec/POLICY.md §1, "limited"). The
// inbox holds them (HoldPost: a row in `held_posts`, nothing stored as
// content, nothing announced); the group's moderators list them and approve
// (the post is then stored and announced exactly as an allowed peer's
// would be: StoreRemoteContent) or reject them (the row is erased). Both are
// audited. Reached through PolicyAdmin (HeldPosts / ApproveHeld /
// RejectHeld), which the API and the moderation page already hold.
// Thread-safe as ApplyContext is; Approve blocks on the store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "federation/activities/context.h"
#include "federation/inbox/processor.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/held_post.h"
#include "storage/model/records/member.h"

namespace guildhall::federation {

// A held post as a moderator sees it. Title and body are the plain text /
// Markdown the post would be stored as (never the remote HTML).
struct HeldPostView {
  storage::HeldPost post;
  std::string author;       // "name@domain"
  std::string author_name;  // display name
  std::string kind;         // "thread" or "reply"
  std::string title;        // threads
  std::string body;         // Markdown
};

// In the inbox (the Create's Apply), instead of storing the post.
Outcome HoldPost(ApplyContext& ctx, const storage::Group& group, const storage::Member& author,
                 const as::Object& object, std::string_view raw_activity);

// The view of one row; kInvalid when its activity no longer parses.
Result<HeldPostView> ViewOf(storage::ReadTxn& tx, const storage::HeldPost& post);

// Stores and announces an approved post through the inbox's own path (the
// group's rules apply as for any remote post). Ok also when it was stored
// meanwhile (a replay).
Result<> PublishHeldPost(ApplyContext& ctx, const storage::HeldPost& post);

}  // namespace guildhall::federation
