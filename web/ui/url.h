// Building URLs for links and redirects: percent-encoding of path segments
// and query values. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace guildhall::web {

// Every byte outside RFC 3986 "unreserved" as %XX (for query values and
// path segments alike).
std::string UrlEncode(std::string_view text);

}  // namespace guildhall::web
