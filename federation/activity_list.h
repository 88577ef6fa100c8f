// The closed list of activities the inbox accepts (STYLE 10, after Lemmy's
// activity_lists.rs): each wire type maps to one struct, handled by one file
// in federation/activities/ with a pure Verify and an Apply. Anything not
// listed here is answered 202 and dropped.
//
// Ordering caveats (the network reorders freely; every Apply must cope):
//  - Delete may arrive before the Create it deletes: Delete of an unknown
//    object leaves a Tombstone, and a later Create of that id is dropped.
//  - Update may arrive before its Create: an Update of an unknown object is
//    ignored (the sender's next Update or a fetch brings it).
//  - Accept/Reject may overtake nothing (we sent the Follow), but may repeat.
//  - Undo(Follow) may arrive for a pending Follow: it withdraws the request.
//  - Announce from a group may carry a Create whose object we already hold
//    (the author's own delivery came first): that is a no-op.
// Plain values; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "federation/protocol/as2.h"

namespace guildhall::federation {

// Each struct holds the activity as read; the typed view is what Verify and
// Apply use. An embedded object is only a claim until authorized.
struct FollowActivity {
  as::Activity activity;
};  // object: a local Group or Person
struct AcceptActivity {
  as::Activity activity;
};  // of our Follow, or an Event RSVP
struct RejectActivity {
  as::Activity activity;
};  // of our Follow, or an Event RSVP
struct TentativeAcceptActivity {
  as::Activity activity;
};  // Event RSVP "maybe"
struct UndoActivity {
  as::Activity activity;
};  // of Follow, Like, Block, Join
struct CreateActivity {
  as::Activity activity;
};  // Page/Article/Note/Event
struct UpdateActivity {
  as::Activity activity;
};  // an object, or an actor
struct DeleteActivity {
  as::Activity activity;
};  // an object (or a Tombstone of it)
struct LikeActivity {
  as::Activity activity;
};
struct FlagActivity {
  as::Activity activity;
};  // a report
struct BlockActivity {
  as::Activity activity;
};  // a group ban
struct AnnounceActivity {
  as::Activity activity;
};  // FEP-1b12: a group relays
struct JoinActivity {
  as::Activity activity;
};  // Event RSVP "going"
struct LeaveActivity {
  as::Activity activity;
};  // Event RSVP withdrawn

using InboundActivity =
    std::variant<FollowActivity, AcceptActivity, RejectActivity, TentativeAcceptActivity,
                 UndoActivity, CreateActivity, UpdateActivity, DeleteActivity, LikeActivity,
                 FlagActivity, BlockActivity, AnnounceActivity, JoinActivity, LeaveActivity>;

// The typed form of `activity`, or nullopt for a type not in the list.
std::optional<InboundActivity> Classify(as::Activity activity);

// The wire type name of a classified activity ("Follow", ...).
const char* TypeName(const InboundActivity& activity);
const as::Activity& Raw(const InboundActivity& activity);

}  // namespace guildhall::federation
