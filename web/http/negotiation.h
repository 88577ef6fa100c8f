// Content negotiation on the Accept header: one URL, two faces. ActivityPub
// peers ask for application/activity+json (or ld+json with the AS profile);
// browsers put text/html first and get HTML, which is also the default.
// q-values are honoured roughly: the preferred type wins, ties go to the type
// listed first, wildcards (*/*) count for neither side. Pure; thread-safe.
#pragma once

#include <string_view>

#include "web/http/message.h"

namespace guildhall::web {

// True for application/activity+json, and application/ld+json with no
// profile or the "https://www.w3.org/ns/activitystreams" profile, when
// preferred over text/html.
bool WantsActivityJson(const Request& req);

// True when any JSON type (application/json, activity+json, ld+json) is
// preferred over text/html, or when the path is under /api/ and Accept names
// no HTML type: API clients often send no Accept at all.
bool WantsJson(const Request& req);

}  // namespace guildhall::web
