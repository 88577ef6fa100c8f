// Tombstone: a remote object deleted before we ever stored it (a Delete that
// overtook its Create on the wire). A later Create of the same id is dropped
// (Mastodon's "delete upon arrival" marker). Objects we do hold are removed
// in their own record instead. Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct Tombstone {
  std::string ap_id;       // the deleted object's id
  std::string actor;       // who deleted it (same origin as ap_id)
  int64_t deleted_at = 0;  // unix ms
};

// Key: Str ap_id. No indexes.
struct TombstoneCodec {
  using Record = Tombstone;
  static constexpr const TableDef& kTable = tables::kTombstones;
  static std::string Key(const Tombstone& t) { return KeyOf(t.ap_id); }
  static std::string KeyOf(std::string_view ap_id);
  static std::string Encode(const Tombstone& t);
  static Result<Tombstone> Decode(std::string_view value);
  static void Indexes(const Tombstone&, IndexEntries&) {}
};

}  // namespace guildhall::storage
