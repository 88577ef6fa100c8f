// How the API's route files declare endpoints: ApiRoutes registers a handler
// under /api/v1 with the right body limit, authenticates the bearer token,
// runs the handler (reads on the I/O thread, writes on the worker pool) and
// turns an Error into the JSON error body. ApiCall is what a handler sees:
// the request, the services, the caller's profile, and helpers for path
// parameters, the JSON body and pagination. Used only while registering
// (ApiRoutes) or within one request (ApiCall).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "node/community/community.h"
#include "web/api/api.h"
#include "web/api/json.h"
#include "web/api/worker_pool.h"
#include "web/http/router.h"

namespace guildhall::web::api {

// What every handler shares; lives as long as the routes.
struct ApiState {
  community::Community& community;
  ExternalFollows* follows;
  ApiOptions options;
  std::unique_ptr<WorkerPool> pool;  // null: writes run inline
  federation::PolicyAdmin* policy = nullptr;
  const search::Search* search = nullptr;
};

class ApiCall {
 public:
  ApiCall(const Request& req, const ApiState& state, community::Profile me)
      : req_(req), state_(state), me_(std::move(me)) {}

  const Request& req() const { return req_; }
  community::Community& c() const { return state_.community; }
  const ApiState& state() const { return state_; }
  const community::Profile& me() const { return me_; }
  Id me_id() const { return me_.id; }

  // The request body as a JSON object (parsed once; empty body = {}).
  Result<const JsonBody*> Body();
  // A decimal id path parameter; kNotFound "<what> not found" if malformed.
  Result<Id> PathId(std::string_view param, std::string_view what) const;
  // The {slug} group as the caller sees it (local "team" or external
  // "news@partner.example" slugs); kNotFound when hidden or absent.
  Result<community::GroupView> Group() const;
  // A member by handle ("alice", "alice@example.org").
  Result<community::Profile> Member(std::string_view handle) const;
  // ?cursor= and ?limit= (1-200). kInvalid "limit: ..." when malformed.
  Result<community::PageRequest> Page() const;
  // A query parameter, empty when absent.
  std::string QueryOr(std::string_view name) const;

 private:
  const Request& req_;
  const ApiState& state_;
  community::Profile me_;
  std::optional<JsonBody> body_;
};

using ApiHandler = std::function<Result<Response>(ApiCall&)>;

class ApiRoutes {
 public:
  ApiRoutes(Router& router, std::shared_ptr<const ApiState> state)
      : router_(router), state_(std::move(state)) {}

  const ApiState& state() const { return *state_; }

  // `path` is below /api/v1 ("/groups/{slug}"). Reads run on the I/O thread;
  // the others on the worker pool. `body_limit` 0 is options.body_limit_bytes.
  void Get(std::string_view path, ApiHandler handler);
  // A body larger than the server's unauthenticated_body_bytes is read only
  // after the bearer token checks out (401 otherwise, before the body).
  void Post(std::string_view path, ApiHandler handler, size_t body_limit = 0);
  // A POST whose body is a file: up to options.upload_body_limit_bytes, a
  // large one spooled to disk by the server (read it with Request::Body()).
  void Upload(std::string_view path, ApiHandler handler);
  void Patch(std::string_view path, ApiHandler handler);
  void Delete(std::string_view path, ApiHandler handler);

 private:
  void AddWrite(std::string_view method, std::string_view path, ApiHandler handler,
                RouteOptions options);

  Router& router_;
  std::shared_ptr<const ApiState> state_;
};

// The token of "Authorization: Bearer <token>" (RFC 6750 §2.1), or empty.
std::string_view BearerToken(const Request& req);

// Responses.
Response JsonResponse(unsigned status, JsonWriter& w);
// 429 {"error":"too_many_requests","message":...} with Retry-After: a
// password check refused by the sign-in throttle (web/auth/throttled.h).
Response ThrottledResponse(std::chrono::seconds wait);
Response OkResponse();  // {"ok":true}
// The JSON error body for `error` (status from web/http/status.h); kInvalid
// and kConflict errors of the form "<field>: <problem>" also name the first
// field ("field") and every field ("fields").
Response ApiError(const Request& req, const Error& error);

// POST .../like and .../unlike of a thread or reply ({id} names a `what`).
ApiHandler LikeHandler(std::string_view what, bool like);

// The route families (one file each).
void RegisterMeRoutes(ApiRoutes& api);
void RegisterAdminPolicyRoutes(ApiRoutes& api);  // admin_policy.cc
void RegisterGroupRoutes(ApiRoutes& api);
void RegisterMembershipRoutes(ApiRoutes& api);
void RegisterThreadRoutes(ApiRoutes& api);
void RegisterReplyRoutes(ApiRoutes& api);
void RegisterEventRoutes(ApiRoutes& api);
void RegisterResourceRoutes(ApiRoutes& api);
void RegisterMemberRoutes(ApiRoutes& api);
void RegisterNotificationRoutes(ApiRoutes& api);
void RegisterModerationRoutes(ApiRoutes& api);
void RegisterAdminRoutes(ApiRoutes& api);
void RegisterFollowRoutes(ApiRoutes& api);
void RegisterSearchRoutes(ApiRoutes& api);

}  // namespace guildhall::web::api
