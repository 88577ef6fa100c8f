#include "web/routes/activitypub.h"

#include <memory>

#include "web/http/negotiation.h"
#include "web/http/status.h"

namespace guildhall::web {
namespace {

using federation::ApResponse;
using federation::InboxRequest;

std::shared_ptr<InboxRequest> ToInboxRequest(const Request& req) {
  auto out = std::make_shared<InboxRequest>();
  out->req_id = req.id;
  out->method = req.method;
  out->target = req.target;
  out->path = req.path;
  out->headers = req.headers.fields();
  return out;
}

Response ToResponse(const Request& req, const ApResponse& r) {
  if (r.status == 200) {
    Response res = Response::ActivityJson(200, r.body);
    res.headers.Set("Vary", "Accept");
    return res;
  }
  if (r.status == 404) return StatusResponse(req, 404, "not_found", "not found");
  if (r.status == 503) return StatusResponse(req, 503, "unavailable", "try again later");
  return StatusResponse(req, 500, "internal", "internal error");
}

void PostInbox(federation::Federation& fed, std::shared_ptr<Request> req, Responder done) {
  auto in = ToInboxRequest(*req);
  in->body = std::move(req->body);
  fed.inbox().Receive(in, [req, done = std::move(done)](federation::InboxAnswer answer) {
    if (answer.status == 202) return done(Response::Json(202, "{}"));
    const char* code = answer.status == 401   ? "unauthorized"
                       : answer.status == 403 ? "forbidden"
                       : answer.status == 404 ? "not_found"
                       : answer.status == 413 ? "too_large"
                       : answer.status == 415 ? "unsupported_media_type"
                       : answer.status == 503 ? "unavailable"
                                              : "invalid";
    done(StatusResponse(*req, answer.status, code, answer.message));
  });
}

void GetDocument(federation::Federation& fed, std::shared_ptr<Request> req, Responder done) {
  fed.server().Get(ToInboxRequest(*req),
                   [req, done = std::move(done)](ApResponse r) { done(ToResponse(*req, r)); });
}

SyncHandler Face(federation::Federation& fed) {
  return [&fed](const Request& req) {
    return ToResponse(req, fed.server().GetSync(*ToInboxRequest(req)));
  };
}

// A browser following a reply's id lands on its thread.
Response ReplyPage(federation::Federation& fed, const Request& req) {
  auto ref = federation::Uris::ParsePath(req.path);
  auto thread = ref ? fed.ThreadOfReply(ref->id) : std::nullopt;
  if (!thread) return StatusResponse(req, 404, "not_found", "not found");
  return Response::Redirect("/t/" + thread->ToString() + "#r" + ref->id.ToString());
}

}  // namespace

void AddActivityPubRoutes(Router& router, federation::Federation& fed,
                          const ActivityPubRouteOptions& options) {
  RouteOptions inbox{options.inbox_body_limit, "inbox"};
  auto post = [&fed](std::shared_ptr<Request> req, Responder done) {
    PostInbox(fed, req, std::move(done));
  };
  for (const char* path : {"/inbox", "/actor/inbox", "/u/{name}/inbox", "/g/{slug}/inbox"}) {
    router.AddAsync("POST", path, inbox, post);
  }
  auto get = [&fed](std::shared_ptr<Request> req, Responder done) {
    GetDocument(fed, req, std::move(done));
  };
  RouteOptions doc{0, "activitypub"};
  for (const char* path :
       {"/actor", "/actor/outbox", "/actor/followers", "/actor/following", "/u/{name}/outbox",
        "/u/{name}/followers", "/u/{name}/following", "/g/{slug}/outbox", "/g/{slug}/followers",
        "/g/{slug}/following", "/g/{slug}/moderators", "/activities/{id}", "/t/{id}/context"}) {
    router.AddAsync("GET", path, doc, get);
  }
  router.AddAsync("GET", "/r/{id}", doc, [&fed](std::shared_ptr<Request> req, Responder done) {
    if (WantsActivityJson(*req)) return GetDocument(fed, req, std::move(done));
    done(ReplyPage(fed, *req));
  });
}

ActivityFaces MakeActivityFaces(federation::Federation& fed) {
  return ActivityFaces{Face(fed), Face(fed), Face(fed), Face(fed), Face(fed)};
}

bool TryServeActivityJson(federation::Federation& fed, const Request& req, Response& res) {
  if (!WantsActivityJson(req) || !federation::ActivityPubServer::Serves(req.path)) return false;
  res = ToResponse(req, fed.server().GetSync(*ToInboxRequest(req)));
  return true;
}

}  // namespace guildhall::web
