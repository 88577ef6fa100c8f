#include "node/app/app.h"

#include <algorithm>
#include <filesystem>

#include "node/app/options.h"
#include "web/api/api.h"
#include "web/routes/activitypub.h"
#include "web/routes/follows.h"
#include "web/routes/nodeinfo.h"
#include "web/routes/webfinger.h"
#include "web/server/operational.h"

namespace guildhall::app {

App::App(std::unique_ptr<Core> core) : core_(std::move(core)) {}

App::~App() {
  // Order matters: no request may reach a service being torn down.
  if (server_) server_->Stop(std::chrono::seconds(0));
  server_.reset();
  // The inbox processor, delivery workers and event consumers call into the
  // community services and the store; they stop before either goes away.
  if (event_feed_) event_feed_->Stop();
  if (federation_) federation_->Stop();
  media_.reset();
  media_client_.reset();
}

Result<std::unique_ptr<App>> App::Open(const Config& config) {
  auto core = GH_TRY(Core::Open(config, OpenMode::kMigrate, IdGenerator::kServerStream));
  std::unique_ptr<App> app(new App(std::move(core)));
  app->blobs_ = GH_TRY(storage::lmdb::FileBlobStore::Open(config.node.data_dir));
  Core& c = app->core();
  app->federation_ = GH_TRY(
      federation::Federation::Create(FederationOptionsOf(config), c.store(), c.clock(), c.ids()));
  app->community_ = std::make_unique<community::Community>(c.store(), *app->blobs_, c.clock(),
                                                           c.ids(), app->federation_->publisher(),
                                                           CommunityOptionsOf(config));
  community::Community& k = *app->community_;
  app->federation_->AttachCommunity(
      {k.accounts, k.memberships, k.threads, k.replies, k.likes, k.events, k.rsvps, k.moderation});
  GH_CHECK(app->federation_->Start());
  app->search_index_ =
      GH_TRY(search::SearchIndex::Open(SearchDir(config.node.data_dir), c.store()));
  app->search_ = std::make_unique<search::Search>(c.store(), *app->search_index_);
  app->event_feed_ = std::make_unique<community::EventFeed>(c.store(), k.event_signal, c.clock());
  app->event_feed_->Add(*app->search_index_);
  app->event_feed_->Start();
  app->follows_ = std::make_unique<web::FederationFollows>(app->federation_->follows());
  const federation::MediaOptions media = MediaOptionsOf(config);
  federation::ClientOptions media_client = FederationOptionsOf(config).client;
  media_client.max_response_bytes = media.max_file_bytes + 1;
  media_client.total_timeout = media.fetch_timeout;
  app->media_client_ = std::make_unique<federation::HttpClient>(std::move(media_client));
  app->media_ = GH_TRY(federation::MediaCache::Open(*app->media_client_, media));
  app->RegisterRoutes();
  app->server_ = std::make_unique<web::Server>(ServerOptions(config), app->router_, app->metrics_);
  return app;
}

void App::RegisterRoutes() {
  storage::lmdb::LmdbStore* store = &core_->store();
  web::AddOperationalRoutes(router_, metrics_,
                            {.metrics_token = core_->config().http.metrics_token,
                             .storage_full = [store] { return store->storage_full(); }});
  RegisterStoreMetrics();
  const Config& config = core_->config();
  web::AddActivityPubRoutes(router_, *federation_, ActivityPubOptionsOf(config));
  web::AddWebFingerRoutes(router_, *federation_);
  web::AddNodeInfoRoutes(router_, *federation_);
  web::RegisterApiRoutes(router_, {.community = *community_,
                                   .follows = follows_.get(),
                                   .options = ApiOptionsOf(config),
                                   .policy = &federation_->policy_admin(),
                                   .search = search_.get()});
  web::RegisterUiRoutes(router_, {.community = *community_,
                                  .blobs = *blobs_,
                                  .options = UiOptionsOf(config),
                                  .activity = web::MakeActivityFaces(*federation_),
                                  .policy_admin = &federation_->policy_admin(),
                                  .follows = follows_.get(),
                                  .media = media_.get()});
}

void App::RegisterStoreMetrics() {
  storage::lmdb::LmdbStore* store = &core_->store();
  metrics_.AddGauge("guildhall_store_used_bytes", "Bytes of the LMDB map in use.",
                    [store] { return static_cast<double>(store->Stats().used_bytes); });
  metrics_.AddGauge("guildhall_store_map_size_bytes", "Current size of the LMDB map.",
                    [store] { return static_cast<double>(store->Stats().map_size_bytes); });
  metrics_.AddGauge("guildhall_store_batches_committed", "Group commits since start.",
                    [store] { return static_cast<double>(store->Stats().batches_committed); });
  metrics_.AddGauge("guildhall_store_writes_committed", "Writes committed since start.",
                    [store] { return static_cast<double>(store->Stats().writes_committed); });
  community::EventFeed* feed = event_feed_.get();
  metrics_.AddGauge("guildhall_event_feed_backlog",
                    "Events logged but not yet applied by the slowest event consumer.", [feed] {
                      uint64_t most = 0;
                      for (const auto& s : feed->Stats()) most = std::max(most, s.backlog);
                      return static_cast<double>(most);
                    });
  metrics_.AddGauge("guildhall_event_feed_failures",
                    "Failed event consumer batches since start (retried).", [feed] {
                      uint64_t n = 0;
                      for (const auto& s : feed->Stats()) n += s.failures;
                      return static_cast<double>(n);
                    });
  metrics_.AddGauge("guildhall_storage_full",
                    "1 while writes are refused for lack of disk space (or map room), else 0.",
                    [store] { return store->storage_full() ? 1.0 : 0.0; });
}

Result<> App::Start() { return server_->Start(); }

std::string App::BoundAddress() const {
  const std::string& listen = core_->config().http.listen;
  return listen.substr(0, listen.rfind(':') + 1) + std::to_string(server_->port());
}

void App::Run() { server_->Run(); }

void App::Stop(std::chrono::seconds grace) { server_->Stop(grace); }

}  // namespace guildhall::app
