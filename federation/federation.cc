#include "federation/federation.h"

#include "federation/activities/remote_fetch.h"
#include "federation/delivery/queue.h"
#include "federation/delivery/workers.h"
#include "federation/dereference/actor_cache.h"
#include "federation/dereference/fetcher.h"
#include "federation/inbox/apply.h"
#include "federation/inbox/work_pool.h"
#include "federation/log.h"
#include "federation/outbox/outbox.h"
#include "federation/outbox/publisher.h"
#include "federation/policy/held_posts.h"
#include "federation/policy/stored_policy.h"
#include "federation/protocol/url.h"
#include "storage/model/records/remote_actor.h"
#include "storage/model/records/reply.h"
#include "storage/model/table.h"

namespace guildhall::federation {

struct Federation::Parts {
  FederationOptions options;
  storage::Store& store;
  const Clock& clock;
  IdGenerator& ids;
  Uris uris;
  std::unique_ptr<PeerPolicy> policy;
  LocalActors actors{uris};
  LocalKeys keys;
  std::unique_ptr<HttpClient> client;
  std::unique_ptr<Fetcher> fetcher;
  std::unique_ptr<ActorCache> actor_cache;
  std::unique_ptr<FetcherRemote> fetcher_remote;
  DeliveryQueue queue;
  std::unique_ptr<DeliveryWorkers> workers;
  Outbox outbox;
  FederationPublisher publisher;
  Authenticator authenticator;
  std::unique_ptr<Inbox> inbox;
  std::unique_ptr<ActivityPubServer> server;
  std::unique_ptr<Discovery> discovery;
  // After the doors it runs work for: destroyed (joined) before them.
  std::unique_ptr<WorkPool> key_pool;
  std::unique_ptr<KeyFetchQueue> key_fetches;
  std::unique_ptr<ApplyContext> apply;
  std::unique_ptr<InboxProcessor> processor;
  std::unique_ptr<Follows> follows;
  std::unique_ptr<PolicyAdmin> policy_admin;
  bool started = false;

  Parts(FederationOptions o, storage::Store& s, const Clock& c, IdGenerator& i)
      : options(std::move(o)),
        store(s),
        clock(c),
        ids(i),
        uris(options.public_scheme, options.domain),
        policy(MakePeerPolicy(options, s)),
        keys(store, clock, options.key_generator),
        queue(clock, ids),
        outbox(actors, clock, ids, queue),
        publisher(outbox, *policy),
        authenticator(uris, *policy, clock, AuthenticateOptions{options.signature_max_skew}),
        key_pool(std::make_unique<WorkPool>(options.key_fetch_threads, options.key_fetch_queue)) {}

  // In this order, before any door goes: pending fetches end (their
  // answers resume checks on the pool), the pool runs what is queued, the
  // client stops (its loop runs the fetches' callbacks), and the writes
  // these queued are done (their callbacks reach the inbox and the cache:
  // the writer is FIFO, so once this write is durable they have run).
  ~Parts() {
    key_fetches.reset();
    key_pool.reset();
    client.reset();
    (void)store.Write([](storage::WriteTxn&) { return Ok(); });
  }

  Remote& remote() { return options.remote_override ? *options.remote_override : *fetcher_remote; }
  KeyLookup Lookup();
  void FetchKey(std::string_view key_id, KeyFetch mode, std::function<void(Result<KeyInfo>)> done);
  KeySources Keys();
  bool KeyKnown(std::string_view key_id);
  Result<Jrd> WebFinger(std::string_view host, std::string_view resource, Deadline deadline);
  bool StillAllowed(const storage::Delivery& d);
  Result<Signer> SignerFor(const std::string& actor_id);
  Result<> BuildNetwork();
  void BuildDoors();
};

// The mode in force now, for NodeInfo: the stored one (the admin may change
// it at run time) when the stored policy is the one asked at the doors.
FederationMode CurrentMode(storage::Store& store, const FederationOptions& options) {
  FederationMode mode = options.mode;
  if (!options.allowed_domains.empty() || !options.blocked_domains.empty()) return mode;
  auto read = store.Read([&](storage::ReadTxn& tx) -> Result<> {
    mode = GH_TRY(PolicyState(tx, options.mode).Mode());
    return Ok();
  });
  return read ? mode : FederationMode::kClosed;
}

std::unique_ptr<PeerPolicy> MakePeerPolicy(const FederationOptions& options,
                                           storage::Store& store) {
  if (options.allowed_domains.empty() && options.blocked_domains.empty()) {
    return MakeStoredPeerPolicy(store, options.mode);
  }
  return std::make_unique<ModePeerPolicy>(options.mode, options.allowed_domains,
                                          options.blocked_domains);
}

KeyLookup Federation::Parts::Lookup() {
  if (options.key_lookup_override) return options.key_lookup_override;
  return actor_cache->AsKeyLookup();
}

void Federation::Parts::FetchKey(std::string_view key_id, KeyFetch mode,
                                 std::function<void(Result<KeyInfo>)> done) {
  if (options.key_lookup_override) return done(options.key_lookup_override(key_id, mode));
  auto as_info = [](Result<ActorKey> key) -> Result<KeyInfo> {
    if (!key) return key.error();
    return KeyInfo{std::move(key->key), std::move(key->owner)};
  };
  if (auto local = actor_cache->KeyFromCache(key_id, mode == KeyFetch::kRefresh)) {
    return done(as_info(std::move(*local)));
  }
  key_fetches->Fetch(key_id, [as_info, done = std::move(done)](Result<ActorKey> key) {
    done(as_info(std::move(key)));
  });
}

KeySources Federation::Parts::Keys() {
  return KeySources{
      Lookup(), [this](std::string_view key_id) { return KeyKnown(key_id); },
      [this](std::string_view key_id, KeyFetch mode, std::function<void(Result<KeyInfo>)> done) {
        FetchKey(key_id, mode, std::move(done));
      },
      [this](std::function<void()> task) { return key_pool && key_pool->Post(std::move(task)); }};
}

bool Federation::Parts::KeyKnown(std::string_view key_id) {
  bool known = false;
  const std::string prefix = storage::RemoteActorCodec::KeyIdPrefix(key_id);
  auto read = store.Read([&](storage::ReadTxn& tx) -> Result<> {
    return tx.Scan(storage::tables::kRemoteActorsByKeyId, prefix, storage::PrefixEnd(prefix),
                   storage::ScanOrder::kForward, [&](std::string_view, std::string_view) {
                     known = true;
                     return false;
                   });
  });
  return read && known;
}

// WebFinger is https; plain http only for a node that itself runs on http
// with private addresses allowed (a local test cluster).
Result<Jrd> Federation::Parts::WebFinger(std::string_view host, std::string_view resource,
                                         Deadline deadline) {
  if (std::chrono::steady_clock::now() >= deadline) return Error::Unavailable("time budget spent");
  const bool plain = options.public_scheme == "http" && options.client.allow_private_addresses;
  HttpRequest req;
  req.url = std::string(plain ? "http://" : "https://") + std::string(host) +
            "/.well-known/webfinger?resource=" + std::string(resource);
  req.headers = {{"Accept", "application/jrd+json"}};
  auto response = GH_TRY(client->Send(req));
  if (!response.ok()) return StatusError(response);
  return ReadJrd(response.body);
}

bool Federation::Parts::StillAllowed(const storage::Delivery& d) {
  // A policy notice ends a relation the policy just refused; holding it back
  // would leave the peer believing it still follows (spec/POLICY.md §1).
  if (d.notice) return true;
  if (!d.group_id) return policy->DomainAllowed(d.host);
  std::optional<storage::Group> group;
  auto read = store.Read([&](storage::ReadTxn& tx) -> Result<> {
    group = GH_TRY(
        storage::Table<storage::GroupCodec>::Get(tx, storage::GroupCodec::KeyOf(d.group_id)));
    return Ok();
  });
  if (!read || !group || group->scope == storage::GroupScope::kInternal) return false;
  if (!group->ap_id.empty()) return policy->DomainAllowed(d.host);
  return policy->GroupSharedWith(*group, d.host);  // the stored policy, read now
}

Result<Signer> Federation::Parts::SignerFor(const std::string& actor_id) {
  std::optional<LocalActor> actor;
  GH_CHECK(store.Read([&](storage::ReadTxn& tx) -> Result<> {
    actor = GH_TRY(actors.Resolve(tx, actor_id));
    return Ok();
  }));
  if (!actor) return Error::NotFound("no such local actor: " + actor_id);
  auto pair = GH_TRY(keys.Get(actor->kind, actor->owner()));
  return Signer{Uris::KeyId(actor->uri), pair.private_key};
}

Result<> Federation::Parts::BuildNetwork() {
  client = std::make_unique<HttpClient>(options.client);
  auto node_key = GH_TRY(keys.Get(storage::LocalActorKind::kNode, Id{}));
  FetcherOptions fetch_options;
  fetch_options.local_origin = uris.base();
  fetcher = std::make_unique<Fetcher>(
      *client, clock, Signer{Uris::KeyId(uris.NodeActor()), node_key.private_key}, fetch_options);
  actor_cache = std::make_unique<ActorCache>(store, *fetcher, clock);
  const auto key_timeout = options.key_fetch.timeout;
  key_fetches = std::make_unique<KeyFetchQueue>(
      options.key_fetch,
      [cache = actor_cache.get(), key_timeout](const std::string& key_id, auto done) {
        return cache->FetchKeyAsync(key_id, key_timeout, std::move(done));
      });
  fetcher_remote = std::make_unique<FetcherRemote>(*actor_cache, *fetcher);
  DeliveryCallbacks callbacks;
  callbacks.still_allowed = [this](const storage::Delivery& d) { return StillAllowed(d); };
  callbacks.signer = [this](const std::string& actor_id) { return SignerFor(actor_id); };
  workers =
      std::make_unique<DeliveryWorkers>(store, *client, clock, queue, options.delivery, callbacks);
  queue.SetWakeHook([w = workers.get()] { w->Wake(); });
  policy_admin =
      GH_TRY(PolicyAdmin::Create(PolicyAdminOptions{options.public_scheme, options.domain,
                                                    options.mode, options.group_creation},
                                 store, clock, ids, &queue));
  publisher.SetScopeChangeHook([admin = policy_admin.get()](storage::WriteTxn& tx, Id actor,
                                                            const storage::Group& group,
                                                            storage::GroupScope to) -> Result<> {
    GH_CHECK(admin->ApplyScopeIn(tx, actor, group.slug, to));
    return Ok();
  });
  return Ok();
}

void Federation::Parts::BuildDoors() {
  // Mode closed as configured at start; the stored mode is asked per request
  // (PeerPolicy::Enabled) by the server and discovery.
  const bool enabled = true;
  InboxOptions inbox_options;
  inbox_options.max_body_bytes = options.inbox_body_limit;
  inbox =
      std::make_unique<Inbox>(InboxDeps{store, clock, ids, actors, *policy, authenticator, Keys(),
                                        [this](Id row) {
                                          if (processor) processor->Enqueue(row);
                                        }},
                              inbox_options);
  server = std::make_unique<ActivityPubServer>(
      ServeDeps{store, actors, keys, *policy, authenticator, Keys(), options.node_name, enabled});
  DiscoveryOptions discovery_options;
  discovery_options.node_name = options.node_name;
  discovery_options.mode = [this] { return CurrentMode(store, options); };
  discovery_options.software_version = options.software_version;
  discovery_options.federation_enabled = enabled;
  discovery_options.policy = policy.get();
  discovery = std::make_unique<Discovery>(store, actors, clock, discovery_options);
}

Result<std::unique_ptr<Federation>> Federation::Create(FederationOptions options,
                                                       storage::Store& store, const Clock& clock,
                                                       IdGenerator& ids) {
  if (options.domain.empty()) return Error::Invalid("federation: node domain is empty");
  auto parts = std::make_unique<Parts>(std::move(options), store, clock, ids);
  if (!parts->uris.origin().port) return Error::Invalid("federation: bad public scheme or domain");
  GH_CHECK(parts->BuildNetwork());
  parts->BuildDoors();
  return std::unique_ptr<Federation>(new Federation(std::move(parts)));
}

Federation::Federation(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Federation::~Federation() { Stop(); }

void Federation::AttachCommunity(CommunityServices services) {
  Parts& p = *parts_;
  p.apply = std::make_unique<ApplyContext>(ApplyContext{p.store, p.clock, p.ids, p.actors,
                                                        *p.policy, services, p.remote(), p.outbox,
                                                        p.options.backfill});
  p.processor = std::make_unique<InboxProcessor>(
      p.store, p.clock,
      [ctx = p.apply.get()](const storage::InboxActivity& row, Deadline deadline) {
        return ApplyInbound(*ctx, row, deadline);
      },
      p.options.processor);
  WebFingerLookup webfinger = p.options.webfinger_override;
  if (!webfinger) {
    webfinger = [&p](std::string_view host, std::string_view resource, Deadline deadline) {
      return p.WebFinger(host, resource, deadline);
    };
  }
  p.follows = std::make_unique<Follows>(
      FollowsDeps{p.store, p.clock, p.ids, p.actors, *p.policy, p.outbox, p.remote(), webfinger});
  p.policy_admin->SetHeldPostPublisher(
      [ctx = p.apply.get()](const storage::HeldPost& post) { return PublishHeldPost(*ctx, post); });
}

Result<> Federation::Start() {
  Parts& p = *parts_;
  if (!p.processor) return Error::Internal("federation: AttachCommunity before Start");
  if (p.started) return Ok();
  GH_CHECK(p.processor->Start());
  if (p.options.start_delivery_workers) p.workers->Start();
  p.started = true;
  Log().info("federation started domain={} mode={}", p.uris.domain(),
             static_cast<int>(p.options.mode));
  return Ok();
}

void Federation::Stop() {
  Parts& p = *parts_;
  if (!p.started) return;
  p.processor->Stop();
  if (p.options.start_delivery_workers) p.workers->Stop();
  p.started = false;
}

community::Publisher& Federation::publisher() { return parts_->publisher; }
const Uris& Federation::uris() const { return parts_->uris; }
const LocalActors& Federation::actors() const { return parts_->actors; }
const PeerPolicy& Federation::policy() const { return *parts_->policy; }
Inbox& Federation::inbox() { return *parts_->inbox; }
ActivityPubServer& Federation::server() { return *parts_->server; }
Discovery& Federation::discovery() { return *parts_->discovery; }
Follows& Federation::follows() { return *parts_->follows; }
InboxProcessor& Federation::processor() { return *parts_->processor; }
LocalKeys& Federation::keys() { return parts_->keys; }
PolicyAdmin& Federation::policy_admin() { return *parts_->policy_admin; }

std::optional<Id> Federation::ThreadOfReply(Id reply) {
  std::optional<Id> out;
  auto read = parts_->store.Read([&](storage::ReadTxn& tx) -> Result<> {
    auto r =
        GH_TRY(storage::Table<storage::ReplyCodec>::Get(tx, storage::ReplyCodec::KeyOf(reply)));
    if (r && r->ap_id.empty() && !r->removed) out = r->thread;
    return Ok();
  });
  return read ? out : std::nullopt;
}

}  // namespace guildhall::federation
