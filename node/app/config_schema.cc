// The key table. To add a key: add a field to the sub-struct in config.h and
// one entry here; the parser, the sample config and the help follow. Then
// regenerate deploy/guildhall.sample.toml (`guildhall config sample`).
#include "node/app/config_schema.h"

#include <array>
#include <type_traits>

namespace guildhall::app {
namespace {

// Stores a converted value into (config.*Section).*Field, converting by the
// field's type. A KeyType that does not fit the field fails on the first
// load of the defaults (ConfigTest.DefaultsLoad), never later.
template <auto Section, auto Field>
void Store(Config& config, const KeyValue& value) {
  auto& field = (config.*Section).*Field;
  using F = std::remove_cvref_t<decltype(field)>;
  if constexpr (std::is_same_v<F, bool>) {
    field = std::get<bool>(value);
  } else if constexpr (std::is_enum_v<F> || std::is_integral_v<F>) {
    field = static_cast<F>(std::get<int64_t>(value));
  } else if constexpr (std::is_same_v<F, std::chrono::seconds>) {
    field = std::chrono::seconds(std::get<int64_t>(value));
  } else if constexpr (std::is_same_v<F, std::map<std::string, std::string>>) {
    field = std::get<std::map<std::string, std::string>>(value);
  } else {
    field = F(std::get<std::string>(value));
  }
}

constexpr int64_t kKiB = 1024;
constexpr int64_t kGiB = kKiB * kKiB * kKiB;
constexpr int64_t kDay = 24 * 3600;

constexpr std::array<std::string_view, 2> kSchemes = {"http", "https"};
constexpr std::array<std::string_view, 3> kModes = {"closed", "allowlist", "open"};
constexpr std::array<std::string_view, 3> kGroupCreation = {"admins-only", "members-internal",
                                                            "members-any"};
constexpr std::array<std::string_view, 7> kLevels = {"trace", "debug",    "info", "warn",
                                                     "error", "critical", "off"};

constexpr SectionDef kSections[] = {
    {"node", "This node's identity and where it keeps its data."},
    {"http", "The HTTP(S) server: address, TLS, limits and timeouts."},
    {"storage", "The LMDB store in <node.data_dir>/store."},
    {"community", "Members, sessions and uploads."},
    {"federation", "ActivityPub federation with other nodes."},
    {"log", "Logging to standard output (the systemd journal)."},
    {"testing", "For test harnesses only; leave alone in production."},
};

const KeyDef kKeys[] = {
    // [node]
    {.key = "node.domain",
     .type = KeyType::kString,
     .default_toml = R"("localhost:8080")",
     .description = "Public host name of this node, with :port if not the default one. It is the "
                    "authority of every ActivityPub id the node mints, so it must never change "
                    "once the node has federated.",
     .check = CheckAuthority,
     .store = Store<&Config::node, &NodeConfig::domain>},
    {.key = "node.name",
     .type = KeyType::kString,
     .default_toml = R"("Guildhall")",
     .description = "Display name of the node, shown on its pages and in NodeInfo.",
     .check = CheckNotEmpty,
     .store = Store<&Config::node, &NodeConfig::name>},
    {.key = "node.data_dir",
     .type = KeyType::kString,
     .default_toml = R"("./data")",
     .description = "Directory holding the store, uploaded files and node keys. Relative paths "
                    "are taken from the working directory.",
     .check = CheckNotEmpty,
     .store = Store<&Config::node, &NodeConfig::data_dir>},
    // [http]
    {.key = "http.listen",
     .type = KeyType::kString,
     .default_toml = R"("127.0.0.1:8080")",
     .description = "Address and port to listen on, as host:port ([::1]:8080 for IPv6). "
                    "Port 0 picks a free port (see `serve --ready-file`).",
     .check = CheckHostPort,
     .store = Store<&Config::http, &HttpConfig::listen>},
    {.key = "http.tls_cert",
     .type = KeyType::kString,
     .default_toml = R"("")",
     .description = "PEM certificate chain for serving HTTPS directly. Leave empty behind a "
                    "TLS-terminating reverse proxy (deploy/nginx/guildhall.conf).",
     .check = CheckReadableFile,
     .store = Store<&Config::http, &HttpConfig::tls_cert>},
    {.key = "http.tls_key",
     .type = KeyType::kString,
     .default_toml = R"("")",
     .description = "PEM private key of http.tls_cert.",
     .check = CheckReadableFile,
     .store = Store<&Config::http, &HttpConfig::tls_key>},
    {.key = "http.public_scheme",
     .type = KeyType::kEnum,
     .default_toml = R"("http")",
     .description = "Scheme of the node's public URLs: https in production (also behind a "
                    "proxy), http only for local tests.",
     .allowed = kSchemes,
     .store = Store<&Config::http, &HttpConfig::public_scheme>},
    {.key = "http.header_limit_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("16KiB")",
     .description = "Largest request header block accepted.",
     .min = 1 * kKiB,
     .max = kGiB,
     .store = Store<&Config::http, &HttpConfig::header_limit_bytes>},
    {.key = "http.api_body_limit_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("256KiB")",
     .description = "Largest body of a form post or JSON API request.",
     .min = 1 * kKiB,
     .max = kGiB,
     .store = Store<&Config::http, &HttpConfig::api_body_limit_bytes>},
    {.key = "http.inbox_body_limit_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("1MiB")",
     .description = "Largest ActivityPub activity POSTed to an inbox.",
     .min = 1 * kKiB,
     .max = kGiB,
     .store = Store<&Config::http, &HttpConfig::inbox_body_limit_bytes>},
    {.key = "http.upload_body_limit_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("26MiB")",
     .description = "Largest file upload request (must leave room for community.max_upload_bytes "
                    "plus the form around it).",
     .min = 1 * kKiB,
     .max = 64 * kGiB,
     .store = Store<&Config::http, &HttpConfig::upload_body_limit_bytes>},
    {.key = "http.header_timeout",
     .type = KeyType::kDuration,
     .default_toml = R"("10s")",
     .description = "Time a client has to send the request header.",
     .min = 1,
     .max = kDay,
     .store = Store<&Config::http, &HttpConfig::header_timeout>},
    {.key = "http.request_timeout",
     .type = KeyType::kDuration,
     .default_toml = R"("60s")",
     .description = "Time a client has to send the body and read the response.",
     .min = 1,
     .max = kDay,
     .store = Store<&Config::http, &HttpConfig::request_timeout>},
    {.key = "http.idle_timeout",
     .type = KeyType::kDuration,
     .default_toml = R"("60s")",
     .description = "How long an idle keep-alive connection is kept open.",
     .min = 1,
     .max = kDay,
     .store = Store<&Config::http, &HttpConfig::idle_timeout>},
    {.key = "http.shutdown_grace",
     .type = KeyType::kDuration,
     .default_toml = R"("10s")",
     .description = "On SIGTERM, how long requests in flight may take to finish (keep it below "
                    "systemd's TimeoutStopSec).",
     .min = 0,
     .max = 3600,
     .store = Store<&Config::http, &HttpConfig::shutdown_grace>},
    {.key = "http.threads",
     .type = KeyType::kInt,
     .default_toml = "0",
     .description = "I/O threads serving connections; 0 means one per CPU core.",
     .min = 0,
     .max = 1024,
     .store = Store<&Config::http, &HttpConfig::threads>},
    {.key = "http.max_connections",
     .type = KeyType::kInt,
     .default_toml = "10000",
     .description = "Connections served at once; further ones wait in the listen backlog.",
     .min = 1,
     .max = 1000000,
     .store = Store<&Config::http, &HttpConfig::max_connections>},
    {.key = "http.metrics_token",
     .type = KeyType::kString,
     .default_toml = R"("")",
     .description = "Bearer token that opens GET /metrics to any peer (Authorization: Bearer "
                    "<token>). Empty: /metrics answers only loopback peers that did not come "
                    "through a proxy; everyone else gets 403. At least 16 characters.",
     .check = CheckMetricsToken,
     .store = Store<&Config::http, &HttpConfig::metrics_token>},
    {.key = "http.unauthenticated_body_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("64KiB")",
     .description = "Largest request body read before its sender is known: a larger form or "
                    "API body is read only after the session cookie or API token in its header "
                    "checks out (401 otherwise, body unread). Larger uploads are written to "
                    "<data_dir>/tmp/http instead of memory.",
     .min = 1 * kKiB,
     .max = kGiB,
     .store = Store<&Config::http, &HttpConfig::unauthenticated_body_bytes>},
    {.key = "http.body_budget_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("256MiB")",
     .description = "Request-body bytes received at once over all connections, in memory and "
                    "spooled uploads together (at least http.upload_body_limit_bytes). A request "
                    "whose body would pass it gets 503 with Retry-After.",
     .min = 64 * kKiB,
     .max = 1024 * kGiB,
     .store = Store<&Config::http, &HttpConfig::body_budget_bytes>},
    // [storage]
    {.key = "storage.map_size_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("1GiB")",
     .description = "Initial size of the LMDB memory map. It grows on demand up to "
                    "storage.max_map_size_bytes; disk is used only as data is written.",
     .min = 1024 * kKiB,
     .max = std::numeric_limits<int64_t>::max(),
     .store = Store<&Config::storage, &StorageConfig::map_size_bytes>},
    {.key = "storage.max_map_size_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("1TiB")",
     .description = "Upper bound of the LMDB map when it grows.",
     .min = 1024 * kKiB,
     .max = std::numeric_limits<int64_t>::max(),
     .store = Store<&Config::storage, &StorageConfig::max_map_size_bytes>},
    // [community]
    {.key = "community.max_upload_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("25MiB")",
     .description = "Largest file a member may add to a group's library.",
     .min = 0,
     .max = 64 * kGiB,
     .store = Store<&Config::community, &CommunityConfig::max_upload_bytes>},
    {.key = "community.session_ttl",
     .type = KeyType::kDuration,
     .default_toml = R"("30d")",
     .description = "How long a login session lasts without use.",
     .min = 60,
     .max = 365 * kDay,
     .store = Store<&Config::community, &CommunityConfig::session_ttl>},
    {.key = "community.group_creation",
     .type = KeyType::kEnum,
     .default_toml = R"("members-internal")",
     .description = "Who may create groups, and with which scope, until an admin sets it at run "
                    "time (admin page, `guildhall admin group creation`): admins-only; "
                    "members-internal (members create internal groups; partners and public "
                    "need an admin); members-any.",
     .allowed = kGroupCreation,
     .store = Store<&Config::community, &CommunityConfig::group_creation>},
    // [federation]
    {.key = "federation.mode",
     .type = KeyType::kEnum,
     .default_toml = R"("allowlist")",
     .description = "closed: no federation at all. allowlist: only with peers an admin has "
                    "allowed. open: with every node that is not blocked.",
     .allowed = kModes,
     .store = Store<&Config::federation, &FederationConfig::mode>},
    {.key = "federation.ca_file",
     .type = KeyType::kString,
     .default_toml = R"("")",
     .description = "PEM bundle of CAs trusted for outgoing HTTPS; empty means the system "
                    "trust store.",
     .check = CheckReadableFile,
     .store = Store<&Config::federation, &FederationConfig::ca_file>},
    {.key = "federation.allow_private_addresses",
     .type = KeyType::kBool,
     .default_toml = "false",
     .description = "Let outgoing requests reach loopback and private addresses. Only for tests "
                    "and closed networks: it opens the node to server-side request forgery.",
     .store = Store<&Config::federation, &FederationConfig::allow_private_addresses>},
    {.key = "federation.signature_max_skew",
     .type = KeyType::kDuration,
     .default_toml = R"("1h")",
     .description = "Largest difference between a signed request's Date and our clock.",
     .min = 1,
     .max = kDay,
     .store = Store<&Config::federation, &FederationConfig::signature_max_skew>},
    {.key = "federation.delivery_concurrency_per_host",
     .type = KeyType::kInt,
     .default_toml = "2",
     .description = "Deliveries in flight to one remote host at a time.",
     .min = 1,
     .max = 64,
     .store = Store<&Config::federation, &FederationConfig::delivery_concurrency_per_host>},
    {.key = "federation.backfill_threads",
     .type = KeyType::kInt,
     .default_toml = "20",
     .description = "Threads and events read from a group's outbox when a member's follow of "
                    "it is accepted (the newest ones); 0 turns backfill off.",
     .min = 0,
     .max = 1000,
     .store = Store<&Config::federation, &FederationConfig::backfill_threads>},
    {.key = "federation.backfill_replies",
     .type = KeyType::kInt,
     .default_toml = "200",
     .description = "Replies read, over all the threads of one backfill.",
     .min = 0,
     .max = 10000,
     .store = Store<&Config::federation, &FederationConfig::backfill_replies>},
    {.key = "federation.backfill_depth",
     .type = KeyType::kInt,
     .default_toml = "3",
     .description = "Levels of replies to replies followed through `replies` collections "
                    "(a FEP-7888 `context` collection is read whole, at the first level).",
     .min = 0,
     .max = 20,
     .store = Store<&Config::federation, &FederationConfig::backfill_depth>},
    {.key = "federation.backfill_bytes",
     .type = KeyType::kSize,
     .default_toml = R"("4MiB")",
     .description = "Documents read by one backfill, in total (each one is also capped by the "
                    "HTTP client).",
     .min = 1 * kKiB,
     .max = kGiB,
     .store = Store<&Config::federation, &FederationConfig::backfill_bytes>},
    {.key = "federation.backfill_time",
     .type = KeyType::kDuration,
     .default_toml = R"("60s")",
     .description = "Longest time one backfill runs; it keeps what it read by then.",
     .min = 1,
     .max = 3600,
     .store = Store<&Config::federation, &FederationConfig::backfill_time>},
    {.key = "federation.resolve",
     .type = KeyType::kStringTable,
     .default_toml = "{}",
     .description = "Fixed addresses for remote hosts, looked up before DNS: "
                    "\"host[:port]\" = \"ip:port\". For tests and private networks.",
     .check = CheckIpPort,
     .store = Store<&Config::federation, &FederationConfig::resolve>},
    // [log]
    {.key = "log.level",
     .type = KeyType::kEnum,
     .default_toml = R"("info")",
     .description = "Least severe level written to the log.",
     .reloadable = true,
     .allowed = kLevels,
     .store = Store<&Config::log, &LogConfig::level>},
    {.key = "log.dump_bodies",
     .type = KeyType::kBool,
     .default_toml = "false",
     .description = "Log the bodies of federation requests and responses at debug level. They "
                    "hold members' posts: never in production.",
     .store = Store<&Config::log, &LogConfig::dump_bodies>},
    // [testing]
    {.key = "testing.clock_offset_seconds",
     .type = KeyType::kInt,
     .default_toml = "0",
     .description = "Shift the node's clock by this many seconds (negative: into the past), so "
                    "a test can run a node \"an hour later\".",
     .min = -10 * 365 * kDay,
     .max = 10 * 365 * kDay,
     .store = Store<&Config::testing, &TestingConfig::clock_offset_seconds>},
};

}  // namespace

std::span<const KeyDef> ConfigKeys() { return kKeys; }
std::span<const SectionDef> ConfigSections() { return kSections; }

const KeyDef* FindKey(std::string_view key) {
  for (const KeyDef& def : kKeys) {
    if (def.key == key) return &def;
  }
  return nullptr;
}

std::string_view TypeName(KeyType type) {
  switch (type) {
    case KeyType::kString:
      return "string";
    case KeyType::kInt:
      return "integer";
    case KeyType::kBool:
      return "boolean";
    case KeyType::kEnum:
      return "enum";
    case KeyType::kSize:
      return "size";
    case KeyType::kDuration:
      return "duration";
    case KeyType::kStringTable:
      return "table of strings";
  }
  return "?";
}

}  // namespace guildhall::app
