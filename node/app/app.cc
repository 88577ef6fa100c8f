#include "node/app/app.h"

#include "node/app/options.h"
#include "web/api/api.h"
#include "web/server/operational.h"

namespace guildhall::app {

App::App(std::unique_ptr<Core> core) : core_(std::move(core)) {}

App::~App() {
  // Order matters: no request may reach a service being torn down.
  if (server_) server_->Stop(std::chrono::seconds(0));
  server_.reset();
  // TODO(federation): stop delivery workers here, before the store closes.
}

Result<std::unique_ptr<App>> App::Open(const Config& config) {
  auto core = GH_TRY(Core::Open(config, OpenMode::kMigrate));
  std::unique_ptr<App> app(new App(std::move(core)));
  // TODO(federation): construct the workers from app->core() here, after
  // migrations and before any route uses them.
  app->blobs_ = GH_TRY(storage::lmdb::FileBlobStore::Open(config.node.data_dir));
  Core& c = app->core();
  app->community_ = std::make_unique<community::Community>(
      c.store(), *app->blobs_, c.clock(), c.ids(), app->publisher_, CommunityOptionsOf(config));
  app->RegisterRoutes();
  app->server_ = std::make_unique<web::Server>(ServerOptions(config), app->router_, app->metrics_);
  return app;
}

void App::RegisterRoutes() {
  web::AddOperationalRoutes(router_, metrics_);
  RegisterStoreMetrics();
  // TODO(web): the ActivityPub and HTML routes, with body limits from
  // config().http (inbox/upload_body_limit_bytes).
  web::RegisterApiRoutes(router_, {.community = *community_, .options = ApiOptionsOf(core_->config())});
  web::RegisterUiRoutes(router_, {.community = *community_, .blobs = *blobs_, .options = UiOptionsOf(core_->config())});
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
}

Result<> App::Start() { return server_->Start(); }

std::string App::BoundAddress() const {
  const std::string& listen = core_->config().http.listen;
  return listen.substr(0, listen.rfind(':') + 1) + std::to_string(server_->port());
}

void App::Run() { server_->Run(); }

void App::Stop(std::chrono::seconds grace) { server_->Stop(grace); }

}  // namespace guildhall::app
