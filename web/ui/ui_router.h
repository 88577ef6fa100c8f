// UiRouter: how the page families (one .cc each under web/ui/) register
// their routes. Each handler gets a Page (session, CSRF, flash, layout) for
// its request; GET routes shared with ActivityPub hand activity+json
// requests to the ActivityPub face instead. Used only while registering.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "web/api/worker_pool.h"
#include "web/http/router.h"
#include "web/ui/page.h"
#include "web/ui/ui.h"

namespace guildhall::web {

using PageHandler = std::function<Response(Page&)>;

class UiRouter {
 public:
  UiRouter(Router& router, const UiDeps& deps);

  const UiDeps& deps() const { return *deps_; }

  // Pages run on the I/O thread (reads only) unless `writes`: a page that
  // also records something (a read marker) runs on the write pool.
  void Get(std::string_view pattern, std::string_view name, PageHandler handler,
           SyncHandler activity_face = nullptr, bool writes = false);
  // Forms run on the write pool: each write blocks until its group commit is
  // durable, which must not stall an I/O thread. `body_limit` 0 takes
  // options.form_body_limit_bytes.
  // A form larger than the server's unauthenticated_body_bytes is read
  // only from a signed-in session (401 otherwise, before the body).
  void Post(std::string_view pattern, std::string_view name, PageHandler handler,
            size_t body_limit = 0);
  // A form carrying a file: up to options.upload_body_limit_bytes, a large
  // one spooled to disk by the server (the page reads Request::Body()).
  void Upload(std::string_view pattern, std::string_view name, PageHandler handler);

 private:
  AsyncHandler OnPool(PageHandler handler);

  Router& router_;
  std::shared_ptr<const UiDeps> deps_;
  std::shared_ptr<api::WorkerPool> pool_;
};

// The page families (each in its own file).
void RegisterAuthPages(UiRouter& ui);
void RegisterProfilePages(UiRouter& ui);
void RegisterGroupPages(UiRouter& ui);
void RegisterGroupAdminPages(UiRouter& ui);
void RegisterThreadPages(UiRouter& ui);
void RegisterEventPages(UiRouter& ui);
void RegisterLibraryPages(UiRouter& ui);
void RegisterNotificationPages(UiRouter& ui);
void RegisterModerationPages(UiRouter& ui);
void RegisterAdminPages(UiRouter& ui);
void RegisterAdminPolicyPages(UiRouter& ui);         // admin_policy_pages.cc
void RegisterAdminGroupCreationPages(UiRouter& ui);  // admin_group_creation.cc
void RegisterFollowPages(UiRouter& ui);              // follow_pages.cc
void RegisterMediaPages(UiRouter& ui);               // media_pages.cc

}  // namespace guildhall::web
