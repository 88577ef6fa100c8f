#include "web/ui/ui_router.h"

#include <string>

#include "storage/model/log_field.h"
#include "web/auth/session_auth.h"
#include "web/http/negotiation.h"
#include "web/http/status.h"
#include "web/log.h"
#include "web/ui/origin_check.h"
#include "web/ui/static_files.h"

namespace guildhall::web {
namespace {

// Every form post passes the origin check (origin_check.h) before its
// handler, and so before its CSRF token is even looked at.
PageHandler SameOriginOnly(PageHandler handler) {
  return [handler = std::move(handler)](Page& page) {
    const Request& req = page.req();
    auto refused = CrossOriginRefusal(req, page.deps().options.public_origin);
    if (!refused) return handler(page);
    Log().info("req=#{} cross-origin form refused path={} origin={} sec_fetch_site={}", req.id,
               LogField(req.path), LogField(req.headers.Get("Origin")),
               LogField(req.headers.Get("Sec-Fetch-Site")));
    return page.Forbidden(*refused);
  };
}

// Caches must key a shared URL on Accept, or a peer could be served the
// cached HTML (and a browser the JSON).
Response VaryOnAccept(Response res) {
  res.headers.Set("Vary", "Accept");
  return res;
}

// Asked by the server before it reads a large form: only a signed-in
// member may make it hold that much. The CSRF token usually sits in the
// body and is checked by the page once it is read; one sent as
// X-CSRF-Token is checked here already.
BodyGate SignedInGate(std::shared_ptr<const UiDeps> deps) {
  return [deps = std::move(deps)](const Request& req) -> std::optional<Response> {
    auto auth = AuthenticateSession(req, deps->community.sessions);
    if (!auth) {
      return StatusResponse(req, 401, "unauthorized",
                            "Sign in before sending a form or file this large.");
    }
    const std::string_view token = req.headers.Get("X-CSRF-Token");
    if (!token.empty() && !CheckCsrf(auth->session, token)) {
      return StatusResponse(req, 403, "forbidden",
                            "The form's security token is not valid; reload the page.");
    }
    return std::nullopt;
  };
}

}  // namespace

UiRouter::UiRouter(Router& router, const UiDeps& deps)
    : router_(router),
      deps_(std::make_shared<const UiDeps>(deps)),
      pool_(std::make_shared<api::WorkerPool>(deps.options.write_threads)) {}

AsyncHandler UiRouter::OnPool(PageHandler handler) {
  // The pool is owned by the routes: it lives as long as the router does.
  return [deps = deps_, pool = pool_, handler = std::move(handler)](std::shared_ptr<Request> req,
                                                                    Responder done) {
    pool->Submit([deps, handler, req = std::move(req), done = std::move(done)] {
      Page page(*deps, *req);
      done(handler(page));
    });
  };
}

void UiRouter::Get(std::string_view pattern, std::string_view name, PageHandler handler,
                   SyncHandler activity_face, bool writes) {
  const RouteOptions options{.body_limit = 0, .name = std::string(name)};
  if (writes) {
    AsyncHandler page = OnPool(std::move(handler));
    router_.AddAsync("GET", pattern, options,
                     [page = std::move(page), face = std::move(activity_face)](
                         std::shared_ptr<Request> req, Responder done) {
                       if (face && WantsActivityJson(*req)) return done(VaryOnAccept(face(*req)));
                       if (!face) return page(std::move(req), std::move(done));
                       page(std::move(req), [done = std::move(done)](Response res) {
                         done(VaryOnAccept(std::move(res)));
                       });
                     });
    return;
  }
  router_.Add("GET", pattern, options,
              [deps = deps_, handler = std::move(handler),
               face = std::move(activity_face)](const Request& req) -> Response {
                // Same URL, two faces (DESIGN 6): peers get the AS2 document.
                if (face && WantsActivityJson(req)) return VaryOnAccept(face(req));
                Page page(*deps, req);
                return face ? VaryOnAccept(handler(page)) : handler(page);
              });
}

void UiRouter::Post(std::string_view pattern, std::string_view name, PageHandler handler,
                    size_t body_limit) {
  const size_t limit = body_limit ? body_limit : deps_->options.form_body_limit_bytes;
  router_.AddAsync(
      "POST", pattern,
      {.body_limit = limit, .name = std::string(name), .body_gate = SignedInGate(deps_)},
      OnPool(SameOriginOnly(std::move(handler))));
}

void UiRouter::Upload(std::string_view pattern, std::string_view name, PageHandler handler) {
  router_.AddAsync("POST", pattern,
                   {.body_limit = deps_->options.upload_body_limit_bytes,
                    .name = std::string(name),
                    .body_gate = SignedInGate(deps_),
                    .spool_to_file = true},
                   OnPool(SameOriginOnly(std::move(handler))));
}

void RegisterUiRoutes(Router& router, const UiDeps& deps) {
  RegisterStaticRoutes(router);
  UiRouter ui(router, deps);
  RegisterAuthPages(ui);
  RegisterProfilePages(ui);
  RegisterGroupPages(ui);
  RegisterGroupAdminPages(ui);
  RegisterThreadPages(ui);
  RegisterEventPages(ui);
  RegisterLibraryPages(ui);
  RegisterNotificationPages(ui);
  RegisterModerationPages(ui);
  RegisterAdminPages(ui);
  RegisterAdminPolicyPages(ui);
  RegisterAdminGroupCreationPages(ui);
  RegisterFollowPages(ui);
  RegisterMediaPages(ui);
}

}  // namespace guildhall::web
