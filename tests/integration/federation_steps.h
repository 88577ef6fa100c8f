// Steps the federation scenarios share, each one observable through a
// node's JSON API: following a group on another node until the follow is
// accepted, finding threads and replies by their text, and counting them.
// Waits are bounded (testutil::Eventually), never sleeps. Not thread-safe.
#pragma once

#include <optional>
#include <string>

#include "tests/testutil/node_process.h"

namespace guildhall::integration {

using testutil::NodeProcess;

// POST /follows {handle} as `token` on `node`, then waits until GET /follows
// lists the handle as "accepted". The failure names the status and body.
::testing::AssertionResult FollowAndWaitAccepted(NodeProcess& node, const std::string& token,
                                                 const std::string& handle);

// Creates a thread in `group` (a local slug or "slug@host"); its id, or ""
// with a test failure.
std::string PostThread(NodeProcess& node, const std::string& token, const std::string& group,
                       const std::string& title, const std::string& body);

// The id of the first thread in `group` (first page, up to 200) whose title
// is `title`; nullopt if none.
std::optional<std::string> FindThread(NodeProcess& node, const std::string& token,
                                      const std::string& group, const std::string& title);
// How many threads of `group` (first page, up to 200) have titles starting
// with `prefix`; -1 if the list cannot be read.
int CountThreads(NodeProcess& node, const std::string& token, const std::string& group,
                 const std::string& prefix);
// Waits (bounded) for a thread titled `title` to appear in `group`.
std::optional<std::string> WaitForThread(NodeProcess& node, const std::string& token,
                                         const std::string& group, const std::string& title);

// The id of the first reply of thread `thread` whose body contains `text`.
std::optional<std::string> FindReply(NodeProcess& node, const std::string& token,
                                     const std::string& thread, const std::string& text);

// True once the node's log has a delivery attempt to `host` that will be
// retried (the worker's "event=attempt ... outcome=retry" line).
bool LogShowsRetryTo(const NodeProcess& node, const std::string& host);

}  // namespace guildhall::integration
