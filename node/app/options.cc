#include "node/app/options.h"

namespace guildhall::app {

std::filesystem::path StoreDir(const std::filesystem::path& data_dir) { return data_dir / "store"; }

std::filesystem::path SearchDir(const std::filesystem::path& data_dir) {
  return data_dir / "search";
}

std::filesystem::path SpoolDir(const std::filesystem::path& data_dir) {
  return data_dir / "tmp" / "http";
}

storage::lmdb::LmdbOptions StoreOptions(const Config& config) {
  storage::lmdb::LmdbOptions options;
  options.dir = StoreDir(config.node.data_dir);
  options.initial_map_bytes = config.storage.map_size_bytes;
  options.max_map_bytes = config.storage.max_map_size_bytes;
  return options;
}

web::ServerOptions ServerOptions(const Config& config) {
  const HttpConfig& http = config.http;
  web::ServerOptions options;
  options.listen = http.listen;
  options.tls_cert = http.tls_cert;
  options.tls_key = http.tls_key;
  options.header_limit = http.header_limit_bytes;
  options.header_timeout = http.header_timeout;
  options.request_timeout = http.request_timeout;
  options.idle_timeout = http.idle_timeout;
  options.threads = static_cast<size_t>(http.threads);
  options.max_connections = static_cast<size_t>(http.max_connections);
  options.unauthenticated_body_bytes = http.unauthenticated_body_bytes;
  options.body_budget_bytes = http.body_budget_bytes;
  options.spool_dir = SpoolDir(config.node.data_dir).string();
  return options;
}

community::GroupCreation GroupCreationOf(const Config& config) {
  // The config's enum lists the names in community::GroupCreation's order.
  return static_cast<community::GroupCreation>(config.community.group_creation);
}

community::CommunityOptions CommunityOptionsOf(const Config& config) {
  community::CommunityOptions options;
  options.max_upload_bytes = config.community.max_upload_bytes;
  options.session_ttl = config.community.session_ttl;
  options.group_creation = GroupCreationOf(config);
  // iCalendar UIDs name the host only, without a port.
  options.node_host = config.node.domain.substr(0, config.node.domain.rfind(':'));
  return options;
}

web::ApiOptions ApiOptionsOf(const Config& config) {
  web::ApiOptions options;
  options.body_limit_bytes = config.http.api_body_limit_bytes;
  options.upload_body_limit_bytes = config.http.upload_body_limit_bytes;
  options.public_origin = PublicOrigin(config);
  return options;
}

web::UiOptions UiOptionsOf(const Config& config) {
  web::UiOptions options;
  options.node_name = config.node.name.empty() ? "Guildhall" : config.node.name;
  options.public_origin = PublicOrigin(config);
  options.public_https = config.http.public_scheme == PublicScheme::kHttps;
  options.form_body_limit_bytes = config.http.api_body_limit_bytes;
  options.upload_body_limit_bytes = config.http.upload_body_limit_bytes;
  return options;
}

federation::MediaOptions MediaOptionsOf(const Config& config) {
  return {.dir = config.node.data_dir / "media"};
}

federation::FederationOptions FederationOptionsOf(const Config& config) {
  const FederationConfig& f = config.federation;
  federation::FederationOptions options;
  options.public_scheme = config.http.public_scheme == PublicScheme::kHttps ? "https" : "http";
  options.domain = config.node.domain;
  options.node_name = config.node.name;
  options.group_creation = GroupCreationOf(config);
  switch (f.mode) {
    case FederationMode::kClosed:
      options.mode = federation::FederationMode::kClosed;
      break;
    case FederationMode::kAllowlist:
      options.mode = federation::FederationMode::kAllowlist;
      break;
    case FederationMode::kOpen:
      options.mode = federation::FederationMode::kOpen;
      break;
  }
  options.signature_max_skew = f.signature_max_skew;
  options.inbox_body_limit = config.http.inbox_body_limit_bytes;
  options.client.ca_file = f.ca_file;
  options.client.allow_private_addresses = f.allow_private_addresses;
  options.client.resolve = f.resolve;
  options.delivery.concurrency_per_host = static_cast<int>(f.delivery_concurrency_per_host);
  options.backfill.threads = static_cast<size_t>(f.backfill_threads);
  options.backfill.replies = static_cast<size_t>(f.backfill_replies);
  options.backfill.depth = static_cast<size_t>(f.backfill_depth);
  options.backfill.bytes = static_cast<size_t>(f.backfill_bytes);
  options.backfill.time = f.backfill_time;
  return options;
}

web::ActivityPubRouteOptions ActivityPubOptionsOf(const Config& config) {
  web::ActivityPubRouteOptions options;
  options.inbox_body_limit = config.http.inbox_body_limit_bytes;
  return options;
}

std::string PublicOrigin(const Config& config) {
  const bool https = config.http.public_scheme == PublicScheme::kHttps;
  return std::string(https ? "https://" : "http://") + config.node.domain;
}

}  // namespace guildhall::app
