// Addressing a group honours (spec/FEDERATION.md "Addressing"): nothing a
// group stores is ever shown or relayed wider than its author addressed it.
// A public group publishes to anyone, so it takes only content addressed to
// Public (`to` or `cc`: Mastodon's "public" and "unlisted"; Lemmy's
// verify_visibility does the same). A partners group, and the mirror of a
// group on another node, show content to the group's members: it must be
// addressed to the group, its followers collection or Public. Anything
// narrower (a direct message that mentions the group, a person's
// followers-only post, a Note `to` a person with `audience` the group) is
// refused with the reason, and never becomes a thread, reply or event.
// The object's own `to`/`cc` decide, as that is what is stored and served
// again; an object that carries none is judged by its activity's (Mastodon's
// StatusParser reads them the same way). `audience` does not count: in
// FEP-1b12 it names the group the content belongs to, not who may read it.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "federation/actors/local_actors.h"
#include "federation/protocol/as2.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

// Who a group shows its content to.
struct GroupAudience {
  std::string id;          // the group's actor id
  std::string followers;   // its followers collection; empty if unknown
  bool is_public = false;  // anyone may read what it stores
};

// A local group's audience, or an external group's (its mirror here is
// read by members only, whatever the remote group's scope).
Result<GroupAudience> AudienceOf(storage::ReadTxn& tx, const LocalActors& actors,
                                 const storage::Group& group);

// Empty when the content `activity` carries (a Create or Update, or an
// object wrapped as one) may be published by `group`; otherwise why not, in
// words the sender can act on. REQUIRES: activity.object.
std::string AddressingRefusal(const GroupAudience& group, const as::Activity& activity);

}  // namespace guildhall::federation
