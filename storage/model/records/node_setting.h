// NodeSetting: one node-wide setting an admin changed at run time (the
// federation mode, say), with who and when. A setting with no record falls
// back to the config file. "policy.generation" counts policy writes so a
// reader can tell cheaply that nothing changed.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

struct NodeSetting {
  std::string name;  // dotted, e.g. "federation.mode"; the key
  std::string value;
  Id set_by;
  int64_t set_at = 0;  // unix ms
};

// Key: Str name. No indexes.
struct NodeSettingCodec {
  using Record = NodeSetting;
  static constexpr const TableDef& kTable = tables::kNodeSettings;
  static std::string Key(const NodeSetting& s) { return KeyOf(s.name); }
  static std::string KeyOf(std::string_view name);
  static std::string Encode(const NodeSetting& s);
  static Result<NodeSetting> Decode(std::string_view value);
  static void Indexes(const NodeSetting&, IndexEntries&) {}
};

}  // namespace guildhall::storage
