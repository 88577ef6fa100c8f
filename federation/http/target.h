// Target: an absolute http(s) URL taken apart the way the client needs it
// (where to connect, what to send as Host and request-target). Parsing is
// done by federation/protocol/url.h (Boost.URL), never by hand (CVE-2023-42451
// came from string surgery on host names). Plain values; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::federation {

struct Target {
  std::string url;             // normalised, without fragment
  bool tls = false;            // https
  std::string host;            // lower-case; IPv6 without brackets
  unsigned short port = 0;     // explicit or the scheme's default
  std::string host_header;     // "host" or "host:port" when not the default port
  std::string request_target;  // "/path?query", never empty
  // "scheme://host:port", the connection-pool key.
  std::string PoolKey() const;
};

// kInvalid unless `url` is an absolute http or https URL with a host and no
// user info.
Result<Target> ParseTarget(std::string_view url);

// The absolute URL a redirect's Location points at, resolved against `base`.
// kInvalid if it does not parse, is not http(s), or downgrades https to http.
Result<std::string> ResolveRedirect(std::string_view base, std::string_view location);

}  // namespace guildhall::federation
