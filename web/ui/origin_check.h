// The second CSRF layer of every HTML form post (the first is the token,
// Page::PostedForm): browsers say where a request comes from, in
// Sec-Fetch-Site (same-origin, same-site, cross-site, none) and Origin. A
// post whose Sec-Fetch-Site is neither same-origin nor none, or whose Origin
// is not this node's public origin (UiOptions::public_origin), is refused,
// whatever token it carries: a token leaked into another site's page is not
// enough. A post with neither header (older browsers, scripts) passes on its
// token alone. Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "web/http/message.h"

namespace guildhall::web {

// Why `req` is refused as a cross-origin form post (a sentence for the
// member), or nullopt when it may go on.
std::optional<std::string> CrossOriginRefusal(const Request& req, std::string_view public_origin);

}  // namespace guildhall::web
