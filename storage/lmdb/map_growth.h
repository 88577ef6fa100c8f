// Growing the LMDB map when a batch hits MDB_MAP_FULL: the size doubles, capped
// by the configured maximum and by what the disk can still hold (statvfs), and
// the change waits for active readers through the ResizeGate. Called only on
// the writer thread, with no transaction active.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "storage/lmdb/env.h"
#include "storage/lmdb/resize_gate.h"
#include "storage/model/result.h"
#include "storage/model/storage_full.h"

namespace guildhall::storage::lmdb {

struct MapGrowthInputs {
  uint64_t current = 0;     // bytes mapped now
  uint64_t max = 0;         // configured ceiling
  uint64_t file_bytes = 0;  // data.mdb on disk
  uint64_t free_disk = 0;   // bytes the filesystem still gives us
  uint64_t page = 4096;
};

// The next map size, or nullopt when it cannot grow (at the maximum, or the
// disk is full). Pure; the policy lives here so it can be tested alone.
std::optional<uint64_t> NextMapSize(const MapGrowthInputs& in);

// Bytes the filesystem holding `dir` still gives an unprivileged writer; 0
// when statvfs fails.
uint64_t FreeDiskBytes(const std::filesystem::path& dir);

// Grows env's map; returns the new size. A storage-full error
// (storage/model/storage_full.h) when it cannot grow; the caller logs it.
Result<uint64_t> GrowMap(Env& env, ResizeGate& gate, uint64_t max_bytes);

}  // namespace guildhall::storage::lmdb
