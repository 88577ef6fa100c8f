// Validators of single config values named in the key table. Each returns
// the reason a value is wrong, phrased to follow "FILE: KEY: ", or empty.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <system_error>

#include "node/app/config_schema.h"

namespace guildhall::app {
namespace {

bool ValidPort(std::string_view port) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  return !port.empty() && ec == std::errc() && end == port.data() + port.size() && value <= 65535;
}

bool IsIp(std::string_view host) {
  std::string text(host);
  unsigned char buf[16];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 || inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

// A DNS name or IPv4 literal: letters, digits, '-', '.'.
bool ValidHostName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

struct HostPort {
  std::string_view host;  // without brackets
  std::string_view port;  // empty when absent
  bool ok = false;
};

// Splits "host:port", "[v6]:port", "host" or "[v6]".
HostPort SplitHostPort(std::string_view text) {
  HostPort out;
  if (text.starts_with('[')) {
    size_t close = text.find(']');
    if (close == std::string_view::npos) return out;
    out.host = text.substr(1, close - 1);
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return out;
    out.port = rest.empty() ? rest : rest.substr(1);
    out.ok = IsIp(out.host) && out.host.find(':') != std::string_view::npos &&
             (rest.empty() || ValidPort(out.port));
    return out;
  }
  size_t colon = text.rfind(':');
  out.host = text.substr(0, colon);
  if (colon != std::string_view::npos) out.port = text.substr(colon + 1);
  out.ok = ValidHostName(out.host) && (colon == std::string_view::npos || ValidPort(out.port));
  return out;
}

}  // namespace

std::string CheckHostPort(std::string_view value) {
  HostPort hp = SplitHostPort(value);
  if (!hp.ok || hp.port.empty()) return fmt::format("\"{}\" is not host:port", value);
  return {};
}

std::string CheckIpPort(std::string_view value) {
  HostPort hp = SplitHostPort(value);
  if (!hp.ok || hp.port.empty() || !IsIp(hp.host)) {
    return fmt::format("\"{}\" is not ip:port", value);
  }
  return {};
}

std::string CheckAuthority(std::string_view value) {
  if (!SplitHostPort(value).ok) {
    return fmt::format("\"{}\" is not a host name with an optional :port", value);
  }
  return {};
}

std::string CheckReadableFile(std::string_view value) {
  if (value.empty()) return {};  // the key is optional
  std::error_code ec;
  std::filesystem::path path(value);
  if (!std::filesystem::exists(path, ec)) return fmt::format("\"{}\" does not exist", value);
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fmt::format("\"{}\" is not a regular file", value);
  }
  if (access(path.c_str(), R_OK) != 0) return fmt::format("\"{}\" is not readable", value);
  return {};
}

std::string CheckNotEmpty(std::string_view value) {
  return value.empty() ? "must not be empty" : std::string();
}

// Sent in an Authorization header: visible ASCII only, and long enough that
// guessing it over the network is hopeless.
std::string CheckMetricsToken(std::string_view value) {
  if (value.empty()) return {};
  if (value.size() < 16) return "must be empty or at least 16 characters";
  for (char c : value) {
    if (c <= ' ' || c > '~') return "may hold only visible ASCII characters (no spaces)";
  }
  return {};
}

}  // namespace guildhall::app
