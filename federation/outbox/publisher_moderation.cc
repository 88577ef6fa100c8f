// FederationPublisher: pin and lock of threads (see publisher.h), in Lemmy's
// vocabulary, the only one in use for them: a pin is Add{object: the thread,
// target: the group's featured collection}, an unpin the same Remove
// (crates/apub/activities/src/protocol/community/collection_add.rs,
// collection_remove.rs); a lock is Lock{object: the thread}, an unlock
// Undo(Lock) (community/lock.rs). The actor is the moderator who acted:
// Lemmy checks that it is a moderator of the group (verify_mod_action);
// the group Announces it as it announces any member activity (FEP-1b12).
#include "federation/actors/collections.h"
#include "federation/outbox/objects.h"
#include "federation/outbox/publisher.h"
#include "storage/model/table.h"

namespace guildhall::federation {

namespace {

// Addressed as content of the group, cc the group itself (Lemmy's shape).
as::Activity ModerationActivity(const LocalActors& actors, const storage::Group& group,
                                std::string type, std::string object_id) {
  as::Activity a;
  a.type = std::move(type);
  a.object_id = std::move(object_id);
  AddressToGroup(actors, group, a.to, a.cc);
  a.audience = {actors.UriOf(group)};
  return a;
}

}  // namespace

Result<> FederationPublisher::ThreadModerated(WriteTxn& tx, const storage::Group& group,
                                              const storage::Thread& t, Id actor,
                                              community::events::ModerationFlag flag) {
  if (group.scope == storage::GroupScope::kInternal) return Ok();  // DESIGN §4
  if (!group.ap_id.empty() || !LocalActors::Federates(group)) return Ok();
  auto moderator =
      GH_TRY(storage::Table<storage::MemberCodec>::Get(tx, storage::MemberCodec::KeyOf(actor)));
  // A moderator without federation has no actor others could check.
  if (!moderator || !moderator->IsLocal() || !moderator->federation) return Ok();
  const LocalActors& actors = outbox_.actors();
  const std::string thread_id = ThreadId(actors.uris(), t);
  as::Activity activity;
  if (flag == community::events::ModerationFlag::kPinned) {
    activity = ModerationActivity(actors, group, t.pinned ? "Add" : "Remove", thread_id);
    activity.target = FeaturedUri(actors.UriOf(group));
  } else if (t.locked) {
    activity = ModerationActivity(actors, group, "Lock", thread_id);
  } else {
    // Lemmy's UndoLockPageOrNote embeds a Lock; it is matched by its object.
    auto lock =
        std::make_shared<as::Activity>(ModerationActivity(actors, group, "Lock", thread_id));
    lock->id = outbox_.uris().Activity(outbox_.NewId());
    lock->actor = actors.UriOf(*moderator);
    activity = ModerationActivity(actors, group, "Undo", lock->id);
    activity.object_type = "Lock";
    activity.object_activity = std::move(lock);
  }
  return SendAsMember(tx, group, *moderator, std::move(activity));
}

}  // namespace guildhall::federation
