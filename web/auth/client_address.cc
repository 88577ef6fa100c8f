#include "web/auth/client_address.h"

#include <strings.h>

#include <string_view>

namespace guildhall::web {
namespace {

constexpr size_t kMaxAddressBytes = 64;

bool IsLoopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The last entry of the last X-Forwarded-For field (a proxy appends to the
// last one; RFC 9110 §5.3 lets a list be split over several fields).
std::string_view LastForwardedFor(const Request& req) {
  std::string_view last;
  for (const auto& [name, value] : req.headers.fields()) {
    if (strcasecmp(name.c_str(), "X-Forwarded-For") == 0) last = value;
  }
  const size_t comma = last.rfind(',');
  return TrimSpaces(comma == std::string_view::npos ? last : last.substr(comma + 1));
}

}  // namespace

std::string ClientAddress(const Request& req) {
  std::string_view address = req.remote_address;
  if (IsLoopback(address)) {
    if (std::string_view forwarded = LastForwardedFor(req); !forwarded.empty()) {
      address = forwarded;
    }
  }
  return std::string(address.substr(0, kMaxAddressBytes));
}

}  // namespace guildhall::web
