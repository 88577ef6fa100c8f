// Report queues as page data, shared by the node-wide queue
// (moderation_pages.cc) and a group's moderation tab (group_admin_pages.cc).
#pragma once

#include <vector>

#include "web/html/view.h"
#include "web/ui/page.h"

namespace guildhall::web {

// One row per report: reporter, what is reported (with a link), reason,
// state, and the resolve/dismiss forms for open ones.
html::View ReportRows(Page& page, const std::vector<storage::Report>& reports);

}  // namespace guildhall::web
