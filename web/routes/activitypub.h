// The ActivityPub routes (DESIGN §6 "same URL, two faces"). Two parts:
//  - AddActivityPubRoutes registers what only ActivityPub serves: the inboxes
//    (POST /inbox, /actor/inbox, /u/{name}/inbox, /g/{slug}/inbox; async:
//    answered 202 once the activity is durable), the node actor (/actor),
//    actor collections (/u/{name}/outbox|followers|following,
//    /g/{slug}/outbox|followers|following|moderators, /actor/outbox|...),
//    stored activities (/activities/{id}) and replies (/r/{id}; a browser
//    is redirected to the thread page).
//  - MakeActivityFaces returns the AS2 face of the URLs the HTML pages own
//    (/u/{name}, /g/{slug}, /t/{id}, /e/{id}, and /g/{slug}/members): the UI
//    registers those routes and hands requests that want activity+json
//    (WantsActivityJson) to these handlers.
// Handlers are thread-safe; `federation` must outlive the router.
#pragma once

#include <cstddef>

#include "federation/federation.h"
#include "web/http/router.h"
#include "web/ui/ui.h"

namespace guildhall::web {

struct ActivityPubRouteOptions {
  size_t inbox_body_limit = 1024 * 1024;  // http.inbox_body_limit_bytes
};

void AddActivityPubRoutes(Router& router, federation::Federation& federation,
                          const ActivityPubRouteOptions& options);

// The AS2 faces of the pages the UI registers (member, group, thread, event
// and the group's member collection): a page asked for with an ActivityPub
// Accept header is answered by the federation server instead.
ActivityFaces MakeActivityFaces(federation::Federation& federation);

// True iff `req` asks for the ActivityStreams face and the path has one:
// what a page handler checks before rendering HTML (an alternative to the
// faces above). Fills `res` with the AS2 answer (or 404) when true.
bool TryServeActivityJson(federation::Federation& federation, const Request& req, Response& res);

}  // namespace guildhall::web
