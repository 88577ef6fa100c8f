// The security headers every HTML response of the node carries, pages and
// plain error pages (404, 405, 413, ...) alike: a Content-Security-Policy
// that allows only this origin's own scripts and styles, nosniff, a
// same-origin Referrer-Policy and no framing. Constants and a pure function;
// thread-safe.
#pragma once

#include <string_view>

#include "web/http/message.h"

namespace guildhall::web {

// The Content-Security-Policy of every HTML response.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

void AddSecurityHeaders(Response& res);

}  // namespace guildhall::web
