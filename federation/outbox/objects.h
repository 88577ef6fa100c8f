// Our records as ActivityStreams objects (STYLE 33: converters name their
// direction): a thread is a Page (Lemmy's post), a reply a Note, an event a
// Mobilizon-shaped Event, anything deleted a Tombstone. The same conversion
// serves the documents at /t/{id}, /r/{id}, /e/{id} and the objects embedded
// in outbound activities, so what we send is what we serve.
// Addressing (FEP-1b12): `audience` and `to` name the group; public groups
// add Public, partners groups address the group's followers instead.
// Read-only over the caller's transaction; thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "federation/actors/local_actors.h"
#include "federation/protocol/as2.h"
#include "storage/model/kv.h"
#include "storage/model/records/event.h"
#include "storage/model/records/group.h"
#include "storage/model/records/reply.h"
#include "storage/model/records/thread.h"

namespace guildhall::federation {

// The AP id of content: its ap_id when remote, the minted URI when local.
std::string ThreadId(const Uris& uris, const storage::Thread& t);
std::string ReplyId(const Uris& uris, const storage::Reply& r);
std::string EventId(const Uris& uris, const storage::Event& e);
// The `context` of a thread and its replies: in a local group, the thread's
// conversation collection "{base}/t/{id}/context" (FEP-7888,
// federation/actors/context_collection.h); in a group on another node, the
// thread's own id (that group's server owns the conversation).
std::string ContextId(const Uris& uris, const storage::Group& group, const storage::Thread& t);

// to / cc for content of `group` (see above).
void AddressToGroup(const LocalActors& actors, const storage::Group& group,
                    std::vector<std::string>& to, std::vector<std::string>& cc);

Result<as::Object> ThreadToPage(storage::ReadTxn& tx, const LocalActors& actors,
                                const storage::Group& group, const storage::Thread& thread);
Result<as::Object> ReplyToNote(storage::ReadTxn& tx, const LocalActors& actors,
                               const storage::Group& group, const storage::Reply& reply);
Result<as::Object> EventToAsEvent(storage::ReadTxn& tx, const LocalActors& actors,
                                  const storage::Group& group, const storage::Event& event);
as::Object TombstoneOf(std::string id, std::string former_type, int64_t deleted_ms);

// Markdown as the HTML `content` of an object (the Markdown stays in `source`).
std::string MarkdownToContent(std::string_view markdown);

}  // namespace guildhall::federation
