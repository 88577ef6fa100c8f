// ActivityPubServer: the ActivityStreams face of our URLs (GET): actor
// documents, objects (/t/, /r/, /e/), stored activities (/activities/{id})
// and collections. The one place that decides who may fetch what
// (DESIGN §4 "fetch"):
//   - nothing at all when federation is off (mode closed);
//   - the node actor and members' Person documents: anyone (peers must be
//     able to fetch keys before they can sign);
//   - public groups and their content: anyone;
//   - partners groups and their content (a thread's `context` collection
//     included): only a signed GET from a domain
//     the group is shared with ("authorized fetch");
//   - a group's member list: only to a signed GET by an active member of
//     it; everyone else sees the count;
//   - internal groups, members with federation off, unlisted activities:
//     404, exactly like a path that does not exist (no existence oracle).
// A signature that does not verify is treated as no signature (Fedify: GETs
// must not fail on signature formats we do not know). Verification runs
// inline when the key is known locally, else after an asynchronous fetch of
// the key (KeyFetchQueue). Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "federation/activities/lookup.h"
#include "federation/actors/local_actors.h"
#include "federation/actors/local_keys.h"
#include "federation/authorize/peer_policy.h"
#include "federation/inbox/authenticate.h"
#include "federation/inbox/inbox.h"
#include "storage/model/kv.h"
#include "storage/model/records/outbox_activity.h"

namespace guildhall::federation {

struct ApResponse {
  unsigned status = 200;  // 200, or 404 for everything hidden or absent
  std::string body;       // application/activity+json when 200
};

struct ServeDeps {
  storage::Store& store;
  const LocalActors& actors;
  LocalKeys& keys;
  const PeerPolicy& policy;
  const Authenticator& authenticator;
  KeySources key_sources;  // as the inbox's (InboxDeps::key_sources)
  std::string node_name;
  bool federation_enabled = true;  // false in mode closed
};

class ActivityPubServer {
 public:
  explicit ActivityPubServer(ServeDeps deps) : deps_(std::move(deps)) {}
  ActivityPubServer(const ActivityPubServer&) = delete;
  ActivityPubServer& operator=(const ActivityPubServer&) = delete;

  // True iff `path` names something with an AS2 face (for negotiation).
  static bool Serves(std::string_view path);

  // GET of req->path (query in req->target). Completes `done` once.
  void Get(std::shared_ptr<const InboxRequest> req, std::function<void(ApResponse)> done);
  // The same on the calling thread, for handlers that must answer
  // synchronously: a signature by a key not yet known locally is verified
  // inline (one blocking fetch of the signer's key, then cached).
  ApResponse GetSync(const InboxRequest& req);

 private:
  // What a path names and who may see it.
  struct Plan {
    LocalRef ref;
    std::optional<LocalActor> actor;
    std::optional<storage::Group> group;  // whose scope governs access
    std::optional<ContentRef> content;
    std::optional<storage::OutboxActivity> activity;
    bool want_signer = false;     // a verified signer changes the answer
    bool require_shared = false;  // 404 unless the signer's domain shares the group
  };
  Result<std::optional<Plan>> PlanFor(const InboxRequest& req) const;
  void Finish(const InboxRequest& req, const Plan& plan, std::optional<Authenticated> signer,
              const std::function<void(ApResponse)>& done);
  Result<std::string> Render(const InboxRequest& req, const Plan& plan,
                             const std::optional<Authenticated>& signer);
  Result<std::string> RenderActor(const Plan& plan);
  // Signed by a domain `group` is not shared with (refused by the node, or
  // shut out of this group by a group peer ban).
  bool SignedByRefusedDomain(const InboxRequest& req, const storage::Group& group) const;
  Result<std::string> RenderCollection(const InboxRequest& req, const Plan& plan,
                                       const std::optional<Authenticated>& signer);
  Result<std::string> RenderContent(const Plan& plan);
  // FEP-7888: a thread's conversation (federation/actors/context_collection.h).
  Result<std::string> RenderContext(const InboxRequest& req, const Plan& plan);

  ServeDeps deps_;
};

}  // namespace guildhall::federation
