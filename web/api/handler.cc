#include "web/api/handler.h"

#include <charconv>

#include "node/community/validation.h"
#include "storage/model/log_field.h"
#include "storage/model/storage_full.h"
#include "web/auth/throttled.h"
#include "web/http/status.h"
#include "web/log.h"

namespace guildhall::web::api {
namespace {

constexpr std::string_view kPrefix = "/api/v1";

bool IsFieldName(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) return false;
  }
  return true;
}

// "slug: bad; name: bad" -> the fields and their problems, in order.
std::vector<std::pair<std::string_view, std::string_view>> SplitProblems(std::string_view m) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  while (!m.empty()) {
    size_t end = m.find("; ");
    std::string_view part = m.substr(0, end);
    size_t colon = part.find(": ");
    if (colon == std::string_view::npos || !IsFieldName(part.substr(0, colon))) return {};
    out.emplace_back(part.substr(0, colon), part.substr(colon + 2));
    m = end == std::string_view::npos ? std::string_view() : m.substr(end + 2);
  }
  return out;
}

// A slug that may name a group: a local one, or an external group's
// "name@host[:port]" (federation mirrors remote groups under that slug).
bool IsLookupSlug(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos) return community::IsValidSlug(s);
  std::string_view name = s.substr(0, at), host = s.substr(at + 1);
  if (name.empty() || name.size() > 64 || host.empty() || host.size() > 253) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return false;
  }
  for (char c : host) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':'))
      return false;
  }
  return true;
}

constexpr std::string_view kBearerScheme = "bearer ";

bool HasBearerScheme(std::string_view header) {
  return header.size() > kBearerScheme.size() &&
         community::AsciiLower(header.substr(0, kBearerScheme.size())) == kBearerScheme;
}

// The caller behind "Authorization: Bearer <token>" (RFC 6750 §2.1).
Result<community::Profile> Authenticate(const ApiState& state, const Request& req) {
  if (!HasBearerScheme(req.headers.Get("Authorization"))) {
    return Error::Unauthorized("send an API token as \"Authorization: Bearer <token>\"");
  }
  std::string_view token = BearerToken(req);
  if (token.empty()) return Error::Unauthorized("the bearer token is empty");
  return state.community.api_tokens.Authenticate(token);
}

Response Run(const ApiState& state, const ApiHandler& handler, const Request& req) {
  auto me = Authenticate(state, req);
  if (!me) return ApiError(req, me.error());
  ApiCall call(req, state, std::move(*me));
  auto res = handler(call);
  if (!res) return ApiError(req, res.error());
  return std::move(*res);
}

// Asked by the server before it reads a large body: only a known token's
// holder may make it hold that much.
BodyGate TokenGate(std::shared_ptr<const ApiState> state) {
  return [state = std::move(state)](const Request& req) -> std::optional<Response> {
    auto me = Authenticate(*state, req);
    if (!me) return ApiError(req, me.error());
    return std::nullopt;
  };
}

std::string FullPath(std::string_view path) { return std::string(kPrefix) + std::string(path); }

}  // namespace

Result<const JsonBody*> ApiCall::Body() {
  if (!body_) body_ = GH_TRY(JsonBody::Parse(req_.Body()));
  return &*body_;
}

Result<Id> ApiCall::PathId(std::string_view param, std::string_view what) const {
  auto id = Id::Parse(req_.Param(param));
  if (!id || !*id) return Error::NotFound(std::string(what) + " not found");
  return *id;
}

Result<community::GroupView> ApiCall::Group() const {
  std::string slug = community::AsciiLower(req_.Param("slug"));
  if (!IsLookupSlug(slug)) return Error::NotFound("group not found");
  return c().groups.GetBySlug(me_.id, slug);
}

Result<community::Profile> ApiCall::Member(std::string_view handle) const {
  if (handle.empty()) return Error::NotFound("member not found");
  return c().profiles.GetByHandle(me_.id, community::AsciiLower(handle));
}

Result<community::PageRequest> ApiCall::Page() const {
  community::PageRequest page;
  page.cursor = QueryOr("cursor");
  if (auto limit = req_.Query("limit")) {
    size_t n = 0;
    auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || end != limit->data() + limit->size() || n < 1 ||
        n > community::kMaxPageSize) {
      return Error::Invalid("limit: must be an integer from 1 to 200");
    }
    page.limit = n;
  }
  return page;
}

std::string ApiCall::QueryOr(std::string_view name) const {
  return req_.Query(name).value_or(std::string());
}

void ApiRoutes::Get(std::string_view path, ApiHandler handler) {
  auto state = state_;
  router_.Add("GET", FullPath(path), {.body_limit = 0},
              [state, handler = std::move(handler)](const Request& req) {
                return Run(*state, handler, req);
              });
}

void ApiRoutes::Post(std::string_view path, ApiHandler handler, size_t body_limit) {
  AddWrite("POST", path, std::move(handler),
           {.body_limit = body_limit ? body_limit : state_->options.body_limit_bytes});
}

void ApiRoutes::Upload(std::string_view path, ApiHandler handler) {
  AddWrite("POST", path, std::move(handler),
           {.body_limit = state_->options.upload_body_limit_bytes, .spool_to_file = true});
}

void ApiRoutes::Patch(std::string_view path, ApiHandler handler) {
  AddWrite("PATCH", path, std::move(handler), {.body_limit = state_->options.body_limit_bytes});
}

void ApiRoutes::Delete(std::string_view path, ApiHandler handler) {
  AddWrite("DELETE", path, std::move(handler), {.body_limit = state_->options.body_limit_bytes});
}

void ApiRoutes::AddWrite(std::string_view method, std::string_view path, ApiHandler handler,
                         RouteOptions options) {
  auto state = state_;
  options.body_gate = TokenGate(state);
  if (!state->pool) {
    router_.Add(method, FullPath(path), options,
                [state, handler = std::move(handler)](const Request& req) {
                  return Run(*state, handler, req);
                });
    return;
  }
  // The task holds the state by pointer: the pool is the state's last
  // member, so its destructor drains every task while the rest still lives.
  const ApiState* raw = state.get();
  auto shared = std::make_shared<const ApiHandler>(std::move(handler));
  router_.AddAsync(method, FullPath(path), options,
                   [state, raw, shared](std::shared_ptr<Request> req, Responder done) {
                     raw->pool->Submit([raw, shared, req = std::move(req), done = std::move(done)] {
                       done(Run(*raw, *shared, *req));
                     });
                   });
}

std::string_view BearerToken(const Request& req) {
  std::string_view header = req.headers.Get("Authorization");
  if (!HasBearerScheme(header)) return {};
  return community::Trim(header.substr(kBearerScheme.size()));
}

Response JsonResponse(unsigned status, JsonWriter& w) { return Response::Json(status, w.Take()); }

Response ThrottledResponse(std::chrono::seconds wait) {
  JsonWriter w;
  w.BeginObject()
      .Field("error", "too_many_requests")
      .Field("message", ThrottledSentence(wait))
      .EndObject();
  Response res = JsonResponse(429, w);
  SetRetryAfter(res, wait);
  return res;
}

Response OkResponse() { return Response::Json(200, "{\"ok\":true}"); }

Response ApiError(const Request& req, const Error& error) {
  if (IsStorageFull(error)) return ErrorResponse(req, error);  // 503 storage_full, Retry-After
  const unsigned status = HttpStatus(error.code);
  JsonWriter w;
  w.BeginObject().Field("error", CodeName(error.code));
  if (error.code == Code::kInternal) {
    // The details may name files or keys: log them, show only the request id.
    Log().error("req=#{} status=500 error=internal message={}", req.id, LogField(error.message));
    w.Field("message",
            "Something went wrong on our side (request #" + std::to_string(req.id) + ").");
    return JsonResponse(status, w.EndObject());
  }
  Log().debug("req=#{} status={} error={} message={}", req.id, status, CodeName(error.code),
              LogField(error.message));
  w.Field("message", error.message);
  if (error.code == Code::kInvalid || error.code == Code::kConflict) {
    auto problems = SplitProblems(error.message);
    if (!problems.empty()) {
      w.Field("field", problems.front().first).Key("fields").BeginObject();
      for (auto [field, problem] : problems) w.Field(field, problem);
      w.EndObject();
    }
  }
  Response res = JsonResponse(status, w.EndObject());
  if (status == 401) res.headers.Set("WWW-Authenticate", "Bearer realm=\"guildhall\"");
  return res;
}

}  // namespace guildhall::web::api

namespace guildhall::web {

void RegisterApiRoutes(Router& router, const ApiDeps& deps) {
  using namespace api;  // NOLINT: the route families
  auto state = std::make_shared<ApiState>(
      ApiState{deps.community, deps.follows, deps.options, {}, deps.policy, deps.search});
  if (deps.options.write_threads > 0) {
    state->pool = std::make_unique<WorkerPool>(deps.options.write_threads);
  }
  ApiRoutes api(router, state);
  RegisterMeRoutes(api);
  RegisterGroupRoutes(api);
  RegisterMembershipRoutes(api);
  RegisterThreadRoutes(api);
  RegisterReplyRoutes(api);
  RegisterEventRoutes(api);
  RegisterResourceRoutes(api);
  RegisterMemberRoutes(api);
  RegisterNotificationRoutes(api);
  RegisterModerationRoutes(api);
  RegisterAdminRoutes(api);
  RegisterFollowRoutes(api);
  RegisterAdminPolicyRoutes(api);
  RegisterSearchRoutes(api);
}

}  // namespace guildhall::web
