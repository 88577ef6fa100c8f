// Federation: the facade node/app builds (STYLE 8). It owns every federation
// part and wires them from narrow interfaces, in this order:
//
//   1. Federation::Create(options, store, clock, ids)   -- uris, policy, keys,
//      HTTP client, fetcher, actor cache, delivery queue + workers, outbox,
//      the community::Publisher, inbox door, AS2 server, discovery.
//   2. construct the community services with `publisher()`  (the hooks).
//   3. AttachCommunity(services)                         -- inbox processor,
//      follows (they apply inbound activities through the services).
//   4. Start()                                          -- replays pending
//      inbound activities, starts the processor and delivery workers.
//   5. web routes: web::AddActivityPubRoutes / AddWebFingerRoutes /
//      AddNodeInfoRoutes (web/routes/*.h) with inbox(), server(),
//      discovery().
//   6. Stop() before the store closes (also done by the destructor).
//
// Thread-safety: Create/AttachCommunity/Start/Stop from the owner thread;
// everything reachable from the accessors is thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "federation/activities/context.h"
#include "federation/actors/discovery_service.h"
#include "federation/actors/local_actors.h"
#include "federation/actors/local_keys.h"
#include "federation/actors/serve.h"
#include "federation/authorize/peer_policy.h"
#include "federation/delivery/retry_policy.h"
#include "federation/dereference/key_fetch_queue.h"
#include "federation/follows/follows.h"
#include "federation/http/client.h"
#include "federation/inbox/inbox.h"
#include "federation/inbox/processor.h"
#include "federation/policy/policy_admin.h"
#include "federation/uris.h"
#include "node/community/publisher.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"
#include "storage/model/kv.h"

namespace guildhall::federation {

struct FederationOptions {
  std::string public_scheme = "https";  // http.public_scheme
  std::string domain;                   // node.domain: "guild.example" or "127.0.0.1:8443"
  std::string node_name;                // node.name
  std::string software_version = "0.1.0";
  FederationMode mode = FederationMode::kAllowlist;  // federation.mode
  // community.group_creation: whether group owners may widen a scope.
  community::GroupCreation group_creation = community::GroupCreation::kMembersInternal;
  // Tests: a fixed policy instead of the stored one (federation/policy):
  // when either list is non-empty, ModePeerPolicy(mode, allowed, blocked).
  // Otherwise the peers table, share lists and group peer bans decide, with
  // `mode` the default until an admin sets one.
  std::vector<std::string> allowed_domains;
  std::vector<std::string> blocked_domains;
  std::chrono::seconds signature_max_skew{3600};  // federation.signature_max_skew
  size_t inbox_body_limit = 1024 * 1024;          // http.inbox_body_limit_bytes
  ClientOptions client;                           // ca_file, allow_private_addresses, resolve
  DeliveryOptions delivery;                       // concurrency_per_host, ...
  ProcessorOptions processor;
  BackfillLimits backfill;  // federation.backfill_*
  // Threads that resume a signature check once its key was fetched (the
  // fetch itself holds none), and their queue.
  size_t key_fetch_threads = 2;
  size_t key_fetch_queue = 256;
  KeyFetchOptions key_fetch;  // per-host limit, timeouts, failure cache
  // Tests: fixed keys instead of generating RSA-2048 ones.
  LocalKeys::Generator key_generator;
  // Tests: replaces the network for remote documents (actors, objects) and
  // WebFinger. Null: the real signed fetch and HTTP client.
  Remote* remote_override = nullptr;
  WebFingerLookup webfinger_override;
  // Tests: replaces the ActorCache's key lookup.
  KeyLookup key_lookup_override;
  // Tests: no delivery worker threads (deliveries stay queued in the store).
  bool start_delivery_workers = true;
};

class Federation {
 public:
  static Result<std::unique_ptr<Federation>> Create(FederationOptions options,
                                                    storage::Store& store, const Clock& clock,
                                                    IdGenerator& ids);
  ~Federation();
  Federation(const Federation&) = delete;
  Federation& operator=(const Federation&) = delete;

  // The hooks for the community services (step 2).
  community::Publisher& publisher();
  // Step 3. REQUIRES: the services outlive this object.
  void AttachCommunity(CommunityServices services);
  // Step 4. REQUIRES: AttachCommunity was called.
  Result<> Start();
  void Stop();

  const Uris& uris() const;
  const LocalActors& actors() const;
  const PeerPolicy& policy() const;
  Inbox& inbox();
  ActivityPubServer& server();
  Discovery& discovery();
  // Members following external groups (web API /api/v1/follows). After step 3.
  Follows& follows();
  InboxProcessor& processor();  // tests: WaitIdle
  // The thread a local reply belongs to (for /r/{id} in a browser).
  std::optional<Id> ThreadOfReply(Id reply);
  LocalKeys& keys();
  // The admin facade over the stored policy (admin pages, API).
  PolicyAdmin& policy_admin();

 private:
  struct Parts;
  explicit Federation(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

// The policy the doors ask: the stored one, or ModePeerPolicy for tests that
// pass fixed lists.
std::unique_ptr<PeerPolicy> MakePeerPolicy(const FederationOptions& options, storage::Store& store);

}  // namespace guildhall::federation
