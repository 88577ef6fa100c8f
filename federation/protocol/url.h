// The one URL parser and origin comparison of the project (Boost.URL inside).
// Every "same host?" decision goes through Origin/SameOrigin, never through
// string surgery: Mastodon's CVE-2023-42451 came from normalising a host with
// a string delete. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::federation {

inline constexpr size_t kMaxUrlBytes = 2048;

// (scheme, host, port) with defaults filled in, compared exactly.
struct Origin {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-case, no trailing dot; IPv6 canonical, in brackets
  uint16_t port = 0;   // 80/443 when the URL names none

  bool operator==(const Origin&) const = default;
  // "host" or "host:port" when the port is not the scheme's default.
  std::string Authority() const;
  // "https://host[:port]".
  std::string ToString() const;
};

struct HttpUrl {
  Origin origin;
  std::string path;   // percent-encoded as received; "/" when empty
  std::string query;  // percent-encoded, without '?'
  bool has_query = false;
  std::string fragment;  // without '#'
  bool has_fragment = false;

  // What goes on the request line: path[?query].
  std::string RequestTarget() const;
};

// An absolute http(s) URL with a host and no userinfo, at most 2 KiB.
// kInvalid otherwise (relative, fragment-only, javascript:, "https://a@b/",
// percent-encoded or empty host, port outside 1..65535); kTooLarge if too long.
Result<HttpUrl> ParseHttpUrl(std::string_view text);

// The origin of an absolute http(s) URL (same rules as ParseHttpUrl).
Result<Origin> OriginOf(std::string_view url);

// The origin a request reached, from our scheme and its Host header value.
Result<Origin> OriginOfHost(std::string_view scheme, std::string_view host_header);

// True iff both parse and their origins are equal. False if either is invalid.
bool SameOrigin(std::string_view a, std::string_view b);
bool SameOrigin(const Origin& a, std::string_view b);

}  // namespace guildhall::federation
