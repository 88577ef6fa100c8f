#include "storage/lmdb/schema.h"

#include <string>

#include "storage/lmdb/log.h"
#include "storage/model/encoding.h"
#include "storage/model/tables.h"

namespace guildhall::storage::lmdb {
namespace {

constexpr uint8_t kSchemaValueVersion = 1;

Result<> CheckOrder(std::span<const Migration> migrations) {
  uint32_t previous = 0;
  for (const auto& m : migrations) {
    if (m.to_version <= previous) {
      return Error::Invalid("migration to version " + std::to_string(m.to_version) +
                            " is out of order");
    }
    previous = m.to_version;
  }
  return Ok();
}

}  // namespace

Result<uint32_t> ReadSchemaVersion(ReadTxn& tx) {
  auto bytes = tx.Get(tables::kMeta, kSchemaVersionKey);
  if (!bytes) return 0u;
  ValueReader reader(*bytes);
  const uint64_t version = reader.U64();
  GH_CHECK(reader.Finish("meta schema_version"));
  if (version > UINT32_MAX) return Error::Internal("meta schema_version out of range");
  return static_cast<uint32_t>(version);
}

Result<> WriteSchemaVersion(WriteTxn& tx, uint32_t version) {
  return tx.Put(tables::kMeta, kSchemaVersionKey,
                ValueWriter(kSchemaValueVersion).U64(version).Take());
}

Result<> RunMigrations(Store& store, std::span<const Migration> migrations) {
  GH_CHECK(CheckOrder(migrations));
  const uint32_t known = migrations.empty() ? 0 : migrations.back().to_version;
  uint32_t stored = 0;
  GH_CHECK(store.Read([&](ReadTxn& tx) -> Result<> {
    stored = GH_TRY(ReadSchemaVersion(tx));
    return Ok();
  }));
  if (stored > known) {
    return Error::Conflict("store schema version " + std::to_string(stored) +
                           " is newer than this build knows (" + std::to_string(known) + ")");
  }
  for (const auto& m : migrations) {
    if (m.to_version <= stored) continue;
    GH_CHECK(store.Write([&m](WriteTxn& tx) -> Result<> {
      // Re-check inside the write, so two overlapping Migrate calls cannot run a step twice.
      if (GH_TRY(ReadSchemaVersion(tx)) >= m.to_version) return Ok();
      GH_CHECK(m.run(tx));
      return WriteSchemaVersion(tx, m.to_version);
    }));
    Log().info("schema migrated to={}", m.to_version);
  }
  return Ok();
}

}  // namespace guildhall::storage::lmdb
