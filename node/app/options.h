// Config -> each module's options struct. Modules never see Config (nor
// files or the environment); node/app hands each one only what it uses.
// Pure functions; thread-safe.
#pragma once

#include <filesystem>

#include "node/app/config.h"
#include "storage/lmdb/lmdb_store.h"
#include "web/server/server.h"

namespace guildhall::app {

// Where things live inside node.data_dir (a backup has the same layout).
std::filesystem::path StoreDir(const std::filesystem::path& data_dir);

storage::lmdb::LmdbOptions StoreOptions(const Config& config);
web::ServerOptions ServerOptions(const Config& config);

}  // namespace guildhall::app
