// The conversation of one of our threads as a collection (FEP-7888 and
// FEP-f228): `{thread}/context` is an OrderedCollection of the thread's Page
// followed by its replies (Notes) in the order they were written, so a peer
// that follows the group can backfill the whole conversation with one walk.
// Every Page and Note we serve names it in `context`. The collection shows
// exactly what the thread's own URL shows: the caller (serve.cc) applies the
// group's scope to it as to the thread (DESIGN §4 "fetch").
// Removed replies are left out. Pure functions over a read transaction;
// thread-compatible.
#pragma once

#include <optional>
#include <string>

#include "federation/actors/local_actors.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"
#include "storage/model/records/thread.h"

namespace guildhall::federation {

// The collection at ContextId(...) (federation/outbox/objects.h): (`page` nullopt: with its first
// page inline, as our outbox is) or one page of it (`page` "": the first; else the id of the last
// reply of the previous page).
Result<std::string> ContextCollection(storage::ReadTxn& tx, const LocalActors& actors,
                                      const storage::Group& group, const storage::Thread& thread,
                                      const std::optional<std::string>& page);

}  // namespace guildhall::federation
