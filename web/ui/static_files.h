// The stylesheet, script and icon, served from the binary at /static/<file>
// with a strong ETag and, when the URL carries the content hash (?v=...), a
// year-long immutable cache. Pages link them through StaticHref.
// Thread-safe (immutable after first use).
#pragma once

#include <string>
#include <string_view>

#include "web/http/router.h"

namespace guildhall::web {

// "/static/guildhall.css?v=<first 12 hex digits of its SHA-256>".
// REQUIRES: `file` is embedded under web/static/.
const std::string& StaticHref(std::string_view file);

void RegisterStaticRoutes(Router& router);

}  // namespace guildhall::web
