// The declarative table of every config key: name, type, default, allowed
// values, description, reloadability, and where the value lands in Config.
// The TOML parser (config.cc), `guildhall config sample` and the key
// reference in `guildhall config --help` (config_doc.cc) are all generated
// from it, so they cannot drift apart. Immutable static data; thread-safe.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "node/app/config.h"

namespace guildhall::app {

enum class KeyType { kString, kInt, kBool, kEnum, kSize, kDuration, kStringTable };

// A value after type conversion. int64_t carries kInt, kSize (bytes),
// kDuration (seconds) and kEnum (the index into `allowed`).
using KeyValue = std::variant<bool, int64_t, std::string, std::map<std::string, std::string>>;

struct KeyDef {
  std::string_view key;  // "section.name"
  KeyType type;
  std::string_view default_toml;  // the default as a TOML value literal
  std::string_view description;
  bool reloadable = false;                            // applied on SIGHUP without a restart
  std::span<const std::string_view> allowed = {};     // kEnum, in enum order
  int64_t min = std::numeric_limits<int64_t>::min();  // kInt, kSize, kDuration
  int64_t max = std::numeric_limits<int64_t>::max();
  // Further checks of a string (or of each value of a string table); returns
  // the reason it is wrong, or empty.
  std::string (*check)(std::string_view value) = nullptr;
  void (*store)(Config& config, const KeyValue& value) = nullptr;
};

struct SectionDef {
  std::string_view name;
  std::string_view description;
};

// Every key, grouped by section in SectionDefs() order.
std::span<const KeyDef> ConfigKeys();
std::span<const SectionDef> ConfigSections();
const KeyDef* FindKey(std::string_view key);
std::string_view TypeName(KeyType type);

// The commented sample config: every key at its default. deploy/guildhall.sample.toml
// is this text, committed.
std::string SampleConfig();
// The key reference shown by `guildhall config --help`.
std::string KeyReference();

// Validators used by the table (exposed for tests).
std::string CheckHostPort(std::string_view value);
std::string CheckIpPort(std::string_view value);
std::string CheckAuthority(std::string_view value);
std::string CheckReadableFile(std::string_view value);
std::string CheckNotEmpty(std::string_view value);
std::string CheckMetricsToken(std::string_view value);

}  // namespace guildhall::app
