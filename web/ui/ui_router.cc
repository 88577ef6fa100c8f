#include "web/ui/ui_router.h"

#include <string>

#include "web/http/negotiation.h"
#include "web/ui/static_files.h"

namespace guildhall::web {

void UiRouter::Get(std::string_view pattern, std::string_view name, PageHandler handler,
                   SyncHandler activity_face) {
  auto deps = deps_;
  router_.Add("GET", pattern, {.body_limit = 0, .name = std::string(name)},
              [deps, handler = std::move(handler),
               face = std::move(activity_face)](const Request& req) -> Response {
                // Same URL, two faces (DESIGN 6): peers get the AS2 document.
                if (face && WantsActivityJson(req)) {
                  Response res = face(req);
                  res.headers.Set("Vary", "Accept");
                  return res;
                }
                Page page(*deps, req);
                Response res = handler(page);
                if (!face) return res;
                // Caches must key the page on Accept, or a peer could be
                // served the cached HTML (and a browser the JSON).
                res.headers.Set("Vary", "Accept");
                return res;
              });
}

void UiRouter::Post(std::string_view pattern, std::string_view name, PageHandler handler,
                    size_t body_limit) {
  auto deps = deps_;
  const size_t limit = body_limit ? body_limit : deps->options.form_body_limit_bytes;
  router_.Add("POST", pattern, {.body_limit = limit, .name = std::string(name)},
              [deps, handler = std::move(handler)](const Request& req) {
                Page page(*deps, req);
                return handler(page);
              });
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
}

}  // namespace guildhall::web
