// App: the composition root of `guildhall serve` (STYLE 8). Opens the Core
// (store migrated before anything else runs), builds the router with every
// module's routes and the metrics registry, and owns the web server. Each
// module gets only the narrow interfaces it uses; there is no global state.
// Thread-safety: Open/Start/Run/destruction from the owner thread; Stop and
// BoundAddress from any thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "federation/federation.h"
#include "federation/media/media_cache.h"
#include "node/app/config.h"
#include "node/app/core.h"
#include "node/community/community.h"
#include "node/community/event_feed.h"
#include "node/search/search.h"
#include "storage/lmdb/blob_store.h"
#include "web/api/api.h"
#include "web/http/router.h"
#include "web/server/metrics.h"
#include "web/server/server.h"

namespace guildhall::app {

class App {
 public:
  static Result<std::unique_ptr<App>> Open(const Config& config);
  // Stops the server (no grace) and the workers, then closes the store.
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Binds the listening socket (kUnavailable if the address is taken).
  Result<> Start();
  // "host:port" actually bound (the real port when http.listen asked for 0).
  // REQUIRES: Start succeeded.
  std::string BoundAddress() const;
  // Serves on the I/O threads (the caller's among them) until Stop drains.
  void Run();
  // Graceful: stops accepting, lets requests in flight finish for `grace`.
  void Stop(std::chrono::seconds grace);

  Core& core() { return *core_; }

 private:
  explicit App(std::unique_ptr<Core> core);
  void RegisterRoutes();
  void RegisterStoreMetrics();

  // Declaration order is construction order; destruction runs backwards, so
  // the server stops before the routes, metrics and store it uses go away.
  std::unique_ptr<Core> core_;
  std::unique_ptr<storage::lmdb::FileBlobStore> blobs_;
  // Federation before Community: the community services publish through its
  // hooks, and its inbox applies remote activities through theirs.
  std::unique_ptr<federation::Federation> federation_;
  std::unique_ptr<community::Community> community_;
  // Runs the event log's consumers (derived stores, channels) after commit.
  // The full-text index, fed by event_feed_ (declared before it: the feed
  // stops first), and the permission-filtered queries over it.
  std::unique_ptr<search::SearchIndex> search_index_;
  std::unique_ptr<search::Search> search_;
  std::unique_ptr<community::EventFeed> event_feed_;
  std::unique_ptr<web::ExternalFollows> follows_;
  // The media proxy: its own client, so image fetches never queue behind
  // (or hold up) deliveries and signed fetches.
  std::unique_ptr<federation::HttpClient> media_client_;
  std::unique_ptr<federation::MediaCache> media_;
  web::Metrics metrics_;
  web::Router router_;
  std::unique_ptr<web::Server> server_;
};

}  // namespace guildhall::app
