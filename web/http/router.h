// Router: maps (method, path) to a handler. Routes are registered at startup
// with patterns of literal and {param} segments ("/g/{slug}/threads/{id}") or
// a trailing catch-all ("/static/*"). Lookup works on the path alone, before
// the body is read, so the server can apply each route's body limit.
// Register everything before serving; afterwards the Router is read-only and
// safe to share between threads (Lookup and Dispatch are const).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "web/http/message.h"

namespace guildhall::web {

// Decides from the request header alone (no body yet, no params) whether
// its sender may send a large body: an answer refuses the request (the body
// is never read and the connection closes), nullopt lets the body in. Runs
// on an I/O thread; keep it to a store read.
using BodyGate = std::function<std::optional<Response>(const Request&)>;

struct RouteOptions {
  size_t body_limit = 64 * 1024;  // bytes; larger bodies get 413
  std::string name = {};          // metrics label; empty = the pattern
  // Asked before a body larger than ServerOptions::unauthenticated_body_bytes
  // is read (authenticate there, so nobody unknown pins memory or disk).
  // Unset: such bodies are read without asking.
  BodyGate body_gate = {};
  // Bodies larger than ServerOptions::unauthenticated_body_bytes go to a
  // temporary file (Request::spooled) instead of memory. For upload routes;
  // their handlers read Request::Body().
  bool spool_to_file = false;
};

// Answers on the I/O thread; keep it short (reads from the store are fine).
using SyncHandler = std::function<Response(const Request&)>;
// For handlers that wait (a durable write, a remote fetch): call the Responder
// exactly once, from any thread. The server bounds the wait by its
// request_timeout (503); a Responder dropped without a call answers 500.
using AsyncHandler = std::function<void(std::shared_ptr<Request>, Responder)>;

class Route {
 public:
  const std::string& method() const { return method_; }
  const std::string& pattern() const { return pattern_; }
  const RouteOptions& options() const { return options_; }  // name is never empty
  bool is_async() const { return static_cast<bool>(async_); }

  // Runs a sync handler; an escaping exception becomes a logged 500.
  // REQUIRES: !is_async().
  Response Call(const Request& req) const;
  // Runs either kind of handler and completes `done` once. A handler that
  // throws must not have called its Responder.
  void Invoke(std::shared_ptr<Request> req, Responder done) const;

 private:
  friend class Router;
  std::string method_;
  std::string pattern_;
  RouteOptions options_;
  std::vector<std::string> param_names_;  // in path order; "*" for a catch-all
  SyncHandler sync_;
  AsyncHandler async_;
};

struct RouteMatch {
  const Route* route = nullptr;  // set iff status == 200
  // 200 matched; 404 no pattern matches; 405 the path matches but not the
  // method (see allow); 400 a path parameter has a bad percent-escape.
  unsigned status = 404;
  std::string allow;  // for 405: "GET, HEAD, POST"
  // Percent-decoded, in path order; a catch-all's remainder is named "*" and
  // is NOT sanitized: a file-serving handler must reject "..".
  std::vector<std::pair<std::string, std::string>> params;
};

// The error page for a failed Lookup: 400, 404, or 405 with an Allow header.
Response MatchFailureResponse(const Request& req, const RouteMatch& match);

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Registers a route. Methods are case-sensitive ("GET"); a GET route also
  // answers HEAD unless a HEAD route is registered for the same pattern.
  // Aborts on a malformed pattern or a duplicate (method, pattern): both are
  // programming errors caught at startup.
  void Add(std::string_view method, std::string_view pattern, RouteOptions options,
           SyncHandler handler);
  void AddAsync(std::string_view method, std::string_view pattern, RouteOptions options,
                AsyncHandler handler);

  // Matching precedence at each segment: literal, then {param}, then "*".
  RouteMatch Lookup(std::string_view method, std::string_view path) const;

  // Lookup plus Invoke, with the error page for 400/404/405: the whole
  // request pipeline without a socket (tests, in-process callers). Sets
  // req->params. Body limits are the server's business and not checked here.
  void Dispatch(std::shared_ptr<Request> req, Responder done) const;

 private:
  struct Node;
  Route& Register(std::string_view method, std::string_view pattern, RouteOptions options);

  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace guildhall::web
