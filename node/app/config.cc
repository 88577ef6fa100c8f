// TOML -> Config, driven by the key table: collects the keys a file sets
// (rejecting unknown ones), converts each key's value or default by its
// KeyType, checks ranges and validators, then checks relations between keys.
// toml++ throws on syntax errors; that stays inside this file.
#include "node/app/config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "node/app/config_schema.h"

namespace guildhall::app {
namespace {

using Given = std::map<std::string, const toml::node*, std::less<>>;

// How a value appears in an error: as written in TOML.
std::string Literal(const toml::node& node) {
  if (node.is_table()) return "a table";
  if (node.is_array()) return "an array";
  if (node.is_string()) return fmt::format("\"{}\"", *node.value<std::string>());
  std::ostringstream out;
  node.visit([&out](const auto& value) { out << value; });
  return out.str();
}

bool IsSectionOfKeys(std::string_view prefix) {
  for (const KeyDef& def : ConfigKeys()) {
    if (def.key.size() > prefix.size() && def.key.starts_with(prefix) &&
        def.key[prefix.size()] == '.') {
      return true;
    }
  }
  return false;
}

// Maps every key the document sets to its node; unknown keys are errors.
Result<> Collect(const toml::table& table, const std::string& prefix, Given& given) {
  for (const auto& [name, node] : table) {
    std::string key =
        prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (FindKey(key) != nullptr) {
      given.emplace(key, &node);
    } else if (node.is_table() && IsSectionOfKeys(key)) {
      GH_CHECK(Collect(*node.as_table(), key, given));
    } else {
      return Error::Invalid(fmt::format("{}: unknown key", key));
    }
  }
  return Ok();
}

// Parses "<n>" followed by one of `units` (case-insensitive); scale of the unit.
std::optional<int64_t> ParseScaled(
    std::string_view text, std::initializer_list<std::pair<std::string_view, int64_t>> units) {
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end == text.data() || n < 0) return std::nullopt;
  std::string_view unit(end, text.data() + text.size() - end);
  while (unit.starts_with(' ')) unit.remove_prefix(1);
  for (const auto& [name, scale] : units) {
    bool same = name.size() == unit.size() &&
                std::equal(name.begin(), name.end(), unit.begin(),
                           [](char a, char b) { return std::tolower(a) == std::tolower(b); });
    if (same) {
      if (n > std::numeric_limits<int64_t>::max() / scale) return std::nullopt;
      return n * scale;
    }
  }
  return std::nullopt;
}

Result<int64_t> ToNumber(const KeyDef& def, const toml::node& node) {
  if (auto i = node.value<int64_t>(); i && node.is_integer()) return *i;
  auto text = node.value<std::string>();
  std::optional<int64_t> n;
  if (text && def.type == KeyType::kSize) {
    n = ParseScaled(
        *text,
        {{"B", 1}, {"KiB", 1LL << 10}, {"MiB", 1LL << 20}, {"GiB", 1LL << 30}, {"TiB", 1LL << 40}});
  } else if (text && def.type == KeyType::kDuration) {
    n = ParseScaled(*text, {{"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}});
  }
  if (n) return *n;
  switch (def.type) {
    case KeyType::kSize:
      return Error::Invalid(
          fmt::format("{} is not a size (bytes, or a string like \"64MiB\" "
                      "with unit B, KiB, MiB, GiB or TiB)",
                      Literal(node)));
    case KeyType::kDuration:
      return Error::Invalid(
          fmt::format("{} is not a duration (seconds, or a string like \"30s\" "
                      "with unit s, m, h or d)",
                      Literal(node)));
    default:
      return Error::Invalid(fmt::format("expected an integer, got {}", Literal(node)));
  }
}

Result<std::string> ToString(const toml::node& node) {
  if (!node.is_string())
    return Error::Invalid(fmt::format("expected a string, got {}", Literal(node)));
  std::string text = *node.value<std::string>();
  return text;
}

Result<KeyValue> ToEnum(const KeyDef& def, const toml::node& node) {
  std::string text = GH_TRY(ToString(node));
  for (size_t i = 0; i < def.allowed.size(); ++i) {
    if (def.allowed[i] == text) return KeyValue(static_cast<int64_t>(i));
  }
  return Error::Invalid(fmt::format("\"{}\" is not one of {}", text, fmt::join(def.allowed, ", ")));
}

Result<KeyValue> ToStringTable(const KeyDef& def, const toml::node& node) {
  const toml::table* table = node.as_table();
  if (table == nullptr)
    return Error::Invalid(fmt::format("expected a table, got {}", Literal(node)));
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : *table) {
    auto text = ToString(value);
    std::string reason = text ? (def.check ? def.check(*text) : "") : text.error().message;
    if (!reason.empty()) return Error::Invalid(fmt::format("{}: {}", name.str(), reason));
    out.emplace(std::string(name.str()), std::move(*text));
  }
  return KeyValue(std::move(out));
}

// Converts and validates one value; the error message is the reason only.
Result<KeyValue> Convert(const KeyDef& def, const toml::node& node) {
  switch (def.type) {
    case KeyType::kBool:
      if (!node.is_boolean()) {
        return Error::Invalid(fmt::format("expected true or false, got {}", Literal(node)));
      }
      return KeyValue(*node.value<bool>());
    case KeyType::kEnum:
      return ToEnum(def, node);
    case KeyType::kStringTable:
      return ToStringTable(def, node);
    case KeyType::kString: {
      std::string text = GH_TRY(ToString(node));
      if (std::string reason = def.check ? def.check(text) : ""; !reason.empty()) {
        return Error::Invalid(std::move(reason));
      }
      return KeyValue(std::move(text));
    }
    default: {
      int64_t n = GH_TRY(ToNumber(def, node));
      if (n < def.min || n > def.max) {
        return Error::Invalid(
            fmt::format("{} is out of range (from {} to {})", Literal(node), def.min, def.max));
      }
      return KeyValue(n);
    }
  }
}

// The default of `def`, parsed from its TOML literal.
Result<KeyValue> DefaultValue(const KeyDef& def) {
  toml::table doc = toml::parse(fmt::format("v = {}", def.default_toml));
  return Convert(def, *doc.get("v"));
}

Result<> CheckRelations(const Config& c) {
  if (c.http.tls_cert.empty() != c.http.tls_key.empty()) {
    return Error::Invalid("http.tls_key: http.tls_cert and http.tls_key must be set together");
  }
  if (c.http.upload_body_limit_bytes < c.community.max_upload_bytes) {
    return Error::Invalid(
        fmt::format("http.upload_body_limit_bytes: {} is less than community.max_upload_bytes ({})",
                    c.http.upload_body_limit_bytes, c.community.max_upload_bytes));
  }
  if (c.http.body_budget_bytes < c.http.upload_body_limit_bytes) {
    return Error::Invalid(fmt::format(
        "http.body_budget_bytes: {} is less than http.upload_body_limit_bytes ({}): no upload "
        "would fit",
        c.http.body_budget_bytes, c.http.upload_body_limit_bytes));
  }
  if (c.storage.max_map_size_bytes < c.storage.map_size_bytes) {
    return Error::Invalid(
        fmt::format("storage.max_map_size_bytes: {} is less than storage.map_size_bytes ({})",
                    c.storage.max_map_size_bytes, c.storage.map_size_bytes));
  }
  return Ok();
}

Result<Config> Build(const toml::table& doc) {
  Given given;
  GH_CHECK(Collect(doc, "", given));
  Config config;
  for (const KeyDef& def : ConfigKeys()) {
    auto it = given.find(def.key);
    auto value = it != given.end() ? Convert(def, *it->second) : DefaultValue(def);
    if (!value) return Error::Invalid(fmt::format("{}: {}", def.key, value.error().message));
    def.store(config, *value);
  }
  GH_CHECK(CheckRelations(config));
  return config;
}

}  // namespace

Result<Config> ParseConfig(std::string_view toml_text, std::string_view source) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source);
  } catch (const toml::parse_error& e) {
    return Error::Invalid(fmt::format("{}:{}:{}: {}", source, e.source().begin.line,
                                      e.source().begin.column, e.description()));
  }
  auto config = Build(doc);
  if (!config) return Error::Invalid(fmt::format("{}: {}", source, config.error().message));
  config->source = std::string(source);
  return config;
}

Result<Config> LoadConfigFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error::Invalid(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path.string());
}

Result<Config> DefaultConfig() { return ParseConfig("", kDefaultConfigSource); }

}  // namespace guildhall::app
