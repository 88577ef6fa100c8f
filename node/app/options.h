// Config -> each module's options struct. Modules never see Config (nor
// files or the environment); node/app hands each one only what it uses.
// Pure functions; thread-safe.
#pragma once

#include <filesystem>
#include <string>

#include "federation/federation.h"
#include "federation/media/media_cache.h"
#include "node/app/config.h"
#include "node/community/options.h"
#include "storage/lmdb/lmdb_store.h"
#include "web/api/api.h"
#include "web/routes/activitypub.h"
#include "web/server/server.h"
#include "web/ui/ui.h"

namespace guildhall::app {

// Where things live inside node.data_dir (a backup has the same layout).
std::filesystem::path StoreDir(const std::filesystem::path& data_dir);
// <data_dir>/search: the full-text index, derived from the store (not in backups).
std::filesystem::path SearchDir(const std::filesystem::path& data_dir);
// <data_dir>/tmp/http: large upload bodies while they arrive (emptied at start).
std::filesystem::path SpoolDir(const std::filesystem::path& data_dir);

storage::lmdb::LmdbOptions StoreOptions(const Config& config);
web::ServerOptions ServerOptions(const Config& config);
community::CommunityOptions CommunityOptionsOf(const Config& config);
// community.group_creation, for community and the policy (PolicyAdmin).
community::GroupCreation GroupCreationOf(const Config& config);
web::ApiOptions ApiOptionsOf(const Config& config);
web::UiOptions UiOptionsOf(const Config& config);
federation::FederationOptions FederationOptionsOf(const Config& config);
// The media proxy's cache under <data_dir>/media (fixed limits, spec/FEDERATION.md).
federation::MediaOptions MediaOptionsOf(const Config& config);
web::ActivityPubRouteOptions ActivityPubOptionsOf(const Config& config);

// "https://example.org": http.public_scheme and node.domain, the origin of
// every link the node hands out (invites).
std::string PublicOrigin(const Config& config);

}  // namespace guildhall::app
