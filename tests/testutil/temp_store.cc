#include "tests/testutil/temp_store.h"

#include <stdexcept>

#include "storage/lmdb/lmdb_store.h"

namespace guildhall::testutil {

TempStore::TempStore(std::span<const storage::TableDef* const> tables) : dir_("guildhall-store") {
  storage::lmdb::LmdbOptions options;
  options.dir = dir_.path() / "db";
  options.initial_map_bytes = 16ull << 20;
  options.no_sync = true;
  auto opened = storage::lmdb::LmdbStore::Open(options, tables);
  if (!opened) throw std::runtime_error("open test store: " + opened.error().message);
  store_ = std::move(*opened);
}

TempStore::~TempStore() = default;

}  // namespace guildhall::testutil
