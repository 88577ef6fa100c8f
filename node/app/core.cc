#include "node/app/core.h"

#include <fmt/format.h>

#include <system_error>

#include "node/app/options.h"
#include "storage/model/catalog.h"

namespace guildhall::app {
namespace {

using storage::lmdb::Migration;

// Version 1 is the initial catalogue, whose tables Open creates; recording it
// marks the store as initialized. Add migration N+1 here when a stored format
// changes, and never edit one that has shipped.
const Migration kMigrations[] = {
    {.to_version = 1, .run = [](storage::WriteTxn&) { return Ok(); }},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

Core::Core(const Config& config, uint64_t id_stream)
    : config_(config),
      clock_(std::chrono::seconds(config.testing.clock_offset_seconds)),
      ids_(clock_, id_stream) {}

Result<std::unique_ptr<Core>> Core::Open(const Config& config, OpenMode mode, uint64_t id_stream) {
  auto options = StoreOptions(config);
  std::error_code ec;
  if (mode == OpenMode::kExisting && !std::filesystem::is_directory(options.dir, ec)) {
    return Error::NotFound(
        fmt::format("no store in {} (run `guildhall init` first)", options.dir.string()));
  }
  if (mode == OpenMode::kMigrate) {
    std::filesystem::create_directories(options.dir, ec);
    if (ec) {
      return Error::Internal(
          fmt::format("cannot create {}: {}", options.dir.string(), ec.message()));
    }
  }
  std::unique_ptr<Core> core(new Core(config, id_stream));
  core->store_ = GH_TRY(storage::lmdb::LmdbStore::Open(options, storage::AllTables()));
  // Before any worker starts (STYLE 30): nothing else writes yet.
  if (mode == OpenMode::kMigrate) GH_CHECK(core->store_->Migrate(Migrations()));
  return core;
}

}  // namespace guildhall::app
