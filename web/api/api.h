// The JSON API under /api/v1 (spec/API.md): bearer-token access to the same
// operations as the HTML pages, for scripts and integrations. Every request
// authenticates with `Authorization: Bearer <token>` (community ApiTokens),
// read afresh from the store each time, so a revoked token or a suspended
// member stops working at the next request. Errors are always
// {"error": code, "message": text} with the status of web/http/status.h.
// RegisterApiRoutes is called once by the composition root before serving;
// afterwards every handler is thread-safe (they share only thread-safe
// services and a worker pool for the writes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "federation/policy/policy_admin.h"
#include "node/community/community.h"
#include "storage/model/result.h"
#include "web/http/router.h"

namespace guildhall::search {
class Search;  // node/search/search.h
}  // namespace guildhall::search

namespace guildhall::web {

// One follow of a community on another node, as the follows API shows it.
struct ExternalFollow {
  std::string handle;      // "news@partner.example"
  std::string group_slug;  // the local mirror group's slug (lookups take it)
  std::string state;       // "pending" until the remote group accepts, then "accepted"
  std::string actor_uri;   // the remote Group actor, once resolved
  int64_t since = 0;       // unix ms
};

// Following communities on other nodes (POST/GET/DELETE /api/v1/follows).
// Federation implements it (WebFinger lookup, Follow/Undo activities, the
// mirror group). Calls run on the API's worker pool, never on an I/O thread,
// so an implementation may wait on the network (bounded by its own timeouts).
// Implementations must be thread-safe.
class ExternalFollows {
 public:
  virtual ~ExternalFollows() = default;
  // kInvalid "handle: ..." for a malformed handle, kNotFound when the remote
  // node does not know it, kForbidden when federation policy refuses it.
  virtual Result<ExternalFollow> Follow(Id member, std::string_view handle) = 0;
  virtual Result<std::vector<ExternalFollow>> List(Id member) = 0;
  // kNotFound when the member does not follow `handle`.
  virtual Result<> Unfollow(Id member, std::string_view handle) = 0;
};

struct ApiOptions {
  size_t body_limit_bytes = 64 * 1024;        // http.api_body_limit_bytes: JSON bodies
  size_t upload_body_limit_bytes = 26 << 20;  // http.upload_body_limit_bytes: file uploads
  // "https://example.org": the node's public origin, for invite links.
  std::string public_origin = "http://localhost";
  // Threads that run the API's writes (each blocks until its group commit is
  // durable, so many in flight share one fsync). 0: writes run on the I/O
  // thread that read the request.
  size_t write_threads = 16;
};

struct ApiDeps {
  community::Community& community;
  ExternalFollows* follows = nullptr;  // null: the follows endpoints answer 501
  ApiOptions options;
  // Federation policy (/admin/mode, /admin/peers, ..., /groups/{slug}/peer-bans);
  // null: those endpoints answer 501.
  federation::PolicyAdmin* policy = nullptr;
  // Full-text search (GET /api/v1/search); null: it answers 501.
  const search::Search* search = nullptr;
};

// Registers every /api/v1 route. `deps` is copied; the services it references
// must outlive the router (the worker pool lives with the routes and is
// joined when the router is destroyed).
void RegisterApiRoutes(Router& router, const ApiDeps& deps);

}  // namespace guildhall::web
