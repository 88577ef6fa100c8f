// /.well-known/webfinger (RFC 7033) and /.well-known/host-meta (the XRD
// older clients read first). WebFinger answers application/jrd+json with
// Access-Control-Allow-Origin: * (browser-based clients look actors up
// too); `resource` may be percent-encoded (Fedify sends acct%3Aname%40host).
// What resolves is federation's decision (federation/actors/discovery_service.h).
// Thread-safe; `federation` must outlive the router.
#pragma once

#include "federation/federation.h"
#include "web/http/router.h"

namespace guildhall::web {

void AddWebFingerRoutes(Router& router, federation::Federation& federation);

}  // namespace guildhall::web
