// The schema version and numbered migrations (STYLE 30, Monero's migrate_N_M).
// The version lives in the `meta` table under "schema_version"; an absent key
// is version 0 (a new store). Migrations run in order at startup, before any
// worker starts, each in its own write that also records its version, so a
// crash between two leaves the store at a consistent version. Written against
// kv.h only. Stateless; the store serialises the writes.
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "storage/model/kv.h"

namespace guildhall::storage::lmdb {

struct Migration {
  uint32_t to_version;  // > 0, strictly increasing along the list
  // Like every write function, may run more than once (map growth retries).
  std::function<Result<>(WriteTxn&)> run;
};

inline constexpr std::string_view kSchemaVersionKey = "schema_version";

Result<uint32_t> ReadSchemaVersion(ReadTxn& tx);
Result<> WriteSchemaVersion(WriteTxn& tx, uint32_t version);

// Brings the store up to the last migration's version. kConflict (and nothing
// runs) if the store is newer than the list knows: that data was written by a
// newer build. kInvalid if the versions are not strictly increasing.
Result<> RunMigrations(Store& store, std::span<const Migration> migrations);

}  // namespace guildhall::storage::lmdb
