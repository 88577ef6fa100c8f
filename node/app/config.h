// Config: the node's whole configuration as one immutable value, with one
// sub-struct per module. node/app parses it (config.cc, driven by the key
// table in config_schema.cc) and converts each sub-struct into the options
// struct of the module it configures; modules never read files or the
// environment. Plain values; thread-compatible.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::app {

// Enum fields list their values in the order of the key's `allowed` list in
// config_schema.cc (the parser stores the index).
enum class PublicScheme { kHttp, kHttps };
enum class FederationMode { kClosed, kAllowlist, kOpen };
// community.group_creation; same order as community::GroupCreation.
enum class GroupCreation { kAdminsOnly, kMembersInternal, kMembersAny };
// Same order as spdlog::level::level_enum.
enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kCritical, kOff };

struct NodeConfig {
  std::string domain;  // public host[:port], the authority of every local URI
  std::string name;
  std::filesystem::path data_dir;

  bool operator==(const NodeConfig&) const = default;
};

struct HttpConfig {
  std::string listen;  // host:port; port 0 picks a free port
  std::string tls_cert;
  std::string tls_key;
  PublicScheme public_scheme = PublicScheme::kHttp;
  uint64_t header_limit_bytes = 0;
  uint64_t api_body_limit_bytes = 0;
  uint64_t inbox_body_limit_bytes = 0;
  uint64_t upload_body_limit_bytes = 0;
  std::chrono::seconds header_timeout{0};
  std::chrono::seconds request_timeout{0};
  std::chrono::seconds idle_timeout{0};
  std::chrono::seconds shutdown_grace{0};
  int64_t threads = 0;  // 0: one per core
  int64_t max_connections = 0;
  std::string metrics_token;                // empty: /metrics for loopback peers only
  uint64_t unauthenticated_body_bytes = 0;  // larger bodies only after authentication
  uint64_t body_budget_bytes = 0;           // body bytes received at once, all connections

  bool operator==(const HttpConfig&) const = default;
};

struct StorageConfig {
  uint64_t map_size_bytes = 0;  // initial LMDB map size; it grows on demand
  uint64_t max_map_size_bytes = 0;

  bool operator==(const StorageConfig&) const = default;
};

struct CommunityConfig {
  uint64_t max_upload_bytes = 0;
  std::chrono::seconds session_ttl{0};
  GroupCreation group_creation = GroupCreation::kMembersInternal;

  bool operator==(const CommunityConfig&) const = default;
};

struct FederationConfig {
  FederationMode mode = FederationMode::kAllowlist;
  std::string ca_file;  // empty: the system trust store
  bool allow_private_addresses = false;
  std::chrono::seconds signature_max_skew{0};
  int64_t delivery_concurrency_per_host = 0;
  // Backfill of a newly followed group (spec/FEDERATION.md "Backfill").
  int64_t backfill_threads = 0;
  int64_t backfill_replies = 0;
  int64_t backfill_depth = 0;
  uint64_t backfill_bytes = 0;
  std::chrono::seconds backfill_time{0};
  // [federation.resolve]: host[:port] -> "ip:port", consulted before DNS
  // (integration tests run several nodes on loopback under real names).
  std::map<std::string, std::string> resolve;

  bool operator==(const FederationConfig&) const = default;
};

struct LogConfig {
  LogLevel level = LogLevel::kInfo;
  bool dump_bodies = false;

  bool operator==(const LogConfig&) const = default;
};

struct TestingConfig {
  int64_t clock_offset_seconds = 0;

  bool operator==(const TestingConfig&) const = default;
};

struct Config {
  std::string source;  // file the config came from, or "<default config>"
  NodeConfig node;
  HttpConfig http;
  StorageConfig storage;
  CommunityConfig community;
  FederationConfig federation;
  LogConfig log;
  TestingConfig testing;

  bool operator==(const Config&) const = default;
};

inline constexpr std::string_view kDefaultConfigSource = "<default config>";

// Parses and validates TOML text. Every error reads "SOURCE: KEY: REASON"
// (or "SOURCE:LINE:COLUMN: REASON" for TOML syntax), with Code::kInvalid.
// Keys the text leaves out take their defaults.
Result<Config> ParseConfig(std::string_view toml_text, std::string_view source);

// Reads and parses a config file; errors name the path as given.
Result<Config> LoadConfigFile(const std::filesystem::path& path);

// The embedded default: every key at its default (used without --config).
Result<Config> DefaultConfig();

}  // namespace guildhall::app
