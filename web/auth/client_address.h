// The client's address for per-address limits (the sign-in throttle): the
// TCP peer, or — when the peer is a loopback address, i.e. a reverse proxy
// on this machine such as deploy/nginx/guildhall.conf — the last entry of
// X-Forwarded-For, the one that proxy appended itself
// ($proxy_add_x_forwarded_for). Entries before it are the client's own
// claims and are never used. Pure; thread-safe.
#pragma once

#include <string>

#include "web/http/message.h"

namespace guildhall::web {

// At most 64 bytes; empty when the request carries no peer address.
std::string ClientAddress(const Request& req);

}  // namespace guildhall::web
