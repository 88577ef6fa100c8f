// Report queues as page data, shared by the node-wide queue
// (moderation_pages.cc) and a group's moderation tab (group_admin_pages.cc).
#pragma once

#include <string_view>
#include <vector>

#include "web/html/view.h"
#include "web/ui/page.h"

namespace guildhall::web {

// One row per report: reporter, what is reported (with a link), reason,
// state, and the resolve/dismiss forms for open ones.
html::View ReportRows(Page& page, const std::vector<storage::Report>& reports);

// A group's posts from limited peers awaiting approval (spec/POLICY.md §1)
// into `view`: "held" (author, kind, title, body, id) and "has_held". Sets
// nothing when federation is not served.
void SetHeldPosts(Page& page, html::View& view, std::string_view slug);

}  // namespace guildhall::web
