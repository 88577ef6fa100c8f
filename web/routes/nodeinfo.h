// NodeInfo (FEP-f1d5 / nodeinfo.diaspora.software): /.well-known/nodeinfo
// links to /nodeinfo/2.0 and /nodeinfo/2.1. The counts are federation's
// (federation/actors/discovery_service.h): internal groups and their content
// are never counted. Thread-safe; `federation` must outlive the router.
#pragma once

#include "federation/federation.h"
#include "web/http/router.h"

namespace guildhall::web {

void AddNodeInfoRoutes(Router& router, federation::Federation& federation);

}  // namespace guildhall::web
