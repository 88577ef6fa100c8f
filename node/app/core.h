// Core: what every command shares — the config, the clock (shifted by
// testing.clock_offset_seconds), the id generator and the opened store.
// `serve` builds the web side on top of it (app.h); init, check and backup use
// it alone. Owns the store; closing happens in the destructor. Thread-safe
// as its parts are; the Core object itself has one owner.
#pragma once

#include <filesystem>
#include <memory>
#include <span>

#include "node/app/config.h"
#include "storage/lmdb/lmdb_store.h"
#include "storage/model/clock.h"
#include "storage/model/ids.h"

namespace guildhall::app {

enum class OpenMode {
  kMigrate,   // create the store if needed and run every migration (serve, init)
  kExisting,  // the store must exist; open it as it is (check, backup)
};

class Core {
 public:
  // `id_stream`: IdGenerator::kServerStream for `serve`, CommandStream() for
  // the one-shot commands that may run beside it.
  static Result<std::unique_ptr<Core>> Open(const Config& config, OpenMode mode,
                                            uint64_t id_stream);
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  const Config& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  IdGenerator& ids() { return ids_; }
  storage::lmdb::LmdbStore& store() { return *store_; }

 private:
  Core(const Config& config, uint64_t id_stream);

  const Config config_;
  SystemClock clock_;
  IdGenerator ids_;  // after clock_, which it reads
  std::unique_ptr<storage::lmdb::LmdbStore> store_;
};

// The numbered schema migrations, in order (spec/STORAGE.md). The last one's
// version is the schema this build writes.
std::span<const storage::lmdb::Migration> Migrations();

}  // namespace guildhall::app
