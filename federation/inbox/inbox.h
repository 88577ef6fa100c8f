// Inbox: the door every inbound POST goes through, per-actor inboxes and the
// shared one alike (DESIGN §3, STYLE 9). Each step is a small function:
//   size (413) -> Content-Type (415) -> bounded JSON and AS2 read (400) ->
//   target inbox exists (404, internal groups look absent) ->
//   authenticate (401 / 403 blocked domain / 503 key unreachable) ->
//   classify (unknown type: 202, dropped) -> Verify, FEP-fe34 origins (202,
//   dropped: saying more would leak) -> authorize, group scope (202, dropped)
//   -> addressing of content for a local group (422 with the reason: the
//   sender chose it, so saying why leaks nothing; federation/groups/addressing.h)
//   -> persist + dedupe in one write (replay: 202, no-op) -> 202 after the
//   commit -> applied later by the InboxProcessor.
// Nothing is stored unless the activity passed every check, and the 202
// comes only once it is durable (security.md §3.6): a failed write is 503 so
// the sender retries.
// Signature checks run on the calling (I/O) thread when the key is known
// locally; a key that must be fetched is fetched asynchronously (fair per
// host, bounded in time: KeyFetchQueue) and the check resumes on a pool
// thread, so no thread ever waits on a peer. Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "federation/actors/local_actors.h"
#include "federation/authorize/peer_policy.h"
#include "federation/inbox/authenticate.h"
#include "federation/protocol/as2_reader.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/kv.h"
#include "storage/model/records/group.h"

namespace guildhall::federation {

// The request as web hands it over (owned: processing may outlive the
// web Request object).
struct InboxRequest {
  uint64_t req_id = 0;  // logged as req=#id
  std::string method = "POST";
  std::string target;  // raw request-target, with query
  std::string path;    // the inbox path: "/inbox", "/g/news/inbox", "/u/alice/inbox"
  std::vector<HeaderField> headers;
  std::string body;

  SignedRequestView View() const { return {method, target, headers, body}; }
};

// What the sender is told. `message` is safe to show (no policy details).
struct InboxAnswer {
  unsigned status = 202;
  std::string message;
};

struct InboxOptions {
  size_t max_body_bytes = 1024 * 1024;
  as::ReadLimits limits;
};

struct InboxDeps {
  storage::Store& store;
  const Clock& clock;
  IdGenerator& ids;
  const LocalActors& actors;
  const PeerPolicy& policy;
  const Authenticator& authenticator;
  // Stored keys, and the asynchronous fetch of the others (KeyFetchQueue).
  // Null fetch or resume: every check inline, fetching if need be (tests).
  KeySources key_sources;
  // Called after a new activity's commit, with its row id (the processor).
  std::function<void(Id)> on_persisted;
};

class Inbox {
 public:
  Inbox(InboxDeps deps, InboxOptions options);
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;

  // Completes `done` exactly once, from any thread.
  void Receive(std::shared_ptr<const InboxRequest> req, std::function<void(InboxAnswer)> done);

 private:
  struct Parsed;
  Result<Parsed> Precheck(const InboxRequest& req) const;
  void Continue(std::shared_ptr<const InboxRequest> req, std::shared_ptr<Parsed> parsed,
                Result<Authenticated> auth, std::function<void(InboxAnswer)> done);
  void Persist(std::shared_ptr<const InboxRequest> req, std::shared_ptr<Parsed> parsed,
               const Authenticated& sender, std::function<void(InboxAnswer)> done);
  Result<std::optional<storage::Group>> GroupOf(const as::Activity& activity) const;
  bool InScope(const std::optional<storage::Group>& group, std::string_view sender_domain) const;
  Result<std::string> AddressingRefusal(const as::Activity& activity,
                                        const std::optional<storage::Group>& group) const;

  InboxDeps deps_;
  const InboxOptions options_;
};

}  // namespace guildhall::federation
