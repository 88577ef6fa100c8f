// Finding what an AP id names in our store: a thread, reply or event (local
// ones by their URI, remote ones by their stored ap_id), a group (local by
// URI, external by ap_id) and the group an activity concerns. Used by the
// inbox door (authorize) and by every Apply, so both agree on the target.
// Read-only; thread-compatible (runs inside the caller's transaction).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "federation/actors/local_actors.h"
#include "federation/protocol/as2.h"
#include "storage/model/kv.h"
#include "storage/model/records/event.h"
#include "storage/model/records/group.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"

namespace guildhall::federation {

struct ContentRef {
  enum class Kind { kThread, kReply, kEvent };
  Kind kind = Kind::kThread;
  Id id;
  Id group;
  Id author;                              // the thread's or reply's author, the event's organizer
  std::string ap_id;                      // empty for local content
  std::optional<storage::Thread> thread;  // kThread
  std::optional<storage::Reply> reply;    // kReply
  std::optional<storage::Event> event;    // kEvent
};

// The content `id` names: /t/, /r/, /e/ URIs on our origin, or a stored ap_id.
Result<std::optional<ContentRef>> FindContent(storage::ReadTxn& tx, const Uris& uris,
                                              std::string_view id);

// The group `id` names: a local group URI (any scope: callers check scope),
// or an external group's ap_id.
Result<std::optional<storage::Group>> FindGroup(storage::ReadTxn& tx, const Uris& uris,
                                                std::string_view id);

// The group an object is addressed to (FEP-1b12): audience first, then to
// and cc, then the group of the content it replies to.
Result<std::optional<storage::Group>> GroupOfObject(storage::ReadTxn& tx, const Uris& uris,
                                                    const as::Object& object,
                                                    const std::vector<std::string>& extra_audience);

// The group an inbound activity concerns, if any (see activity_list.h for
// what each type names). Internal groups are returned too: the caller drops.
Result<std::optional<storage::Group>> GroupOfActivity(storage::ReadTxn& tx, const Uris& uris,
                                                      const as::Activity& activity);

}  // namespace guildhall::federation
