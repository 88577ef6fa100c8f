#include "web/http/router.h"

#include <algorithm>
#include <cstdlib>
#include <exception>

#include "storage/model/result.h"
#include "web/http/status.h"
#include "web/log.h"

namespace guildhall::web {

struct Router::Node {
  std::vector<std::pair<std::string, std::unique_ptr<Node>>> literals;
  std::unique_ptr<Node> param;
  std::vector<const Route*> routes;     // patterns that end at this node
  std::vector<const Route*> catch_all;  // patterns that end here with "/*"
};

namespace {

[[noreturn]] void BadRegistration(std::string_view what, std::string_view method,
                                  std::string_view pattern) {
  Log().critical("router: {} method={} pattern={}", what, method, pattern);
  std::abort();
}

// Splits "/a/b" into {"a", "b"}, remembering where each segment starts so a
// catch-all can take the rest of the path verbatim. "/" has no segments.
struct Segments {
  std::vector<std::string_view> parts;
  std::vector<size_t> offsets;
};

Segments Split(std::string_view path) {
  Segments out;
  if (path.size() <= 1) return out;
  size_t start = 1;
  while (true) {
    size_t slash = path.find('/', start);
    out.offsets.push_back(start);
    out.parts.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool IsParam(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// State of one Lookup's depth-first walk over the trie.
struct Walk {
  std::string_view method;
  std::string_view path;
  Segments segs;
  std::vector<std::string_view> captured;
  const Route* found = nullptr;
  std::vector<std::string_view> found_params;
  std::vector<std::string_view> allowed;  // methods of every path-matching route
};

const Route* PickMethod(const std::vector<const Route*>& routes, std::string_view method) {
  const Route* get = nullptr;
  for (const Route* r : routes) {
    if (r->method() == method) return r;
    if (r->method() == "GET") get = r;
  }
  return method == "HEAD" ? get : nullptr;
}

bool Terminal(const std::vector<const Route*>& routes, Walk& w) {
  if (const Route* hit = PickMethod(routes, w.method)) {
    w.found = hit;
    w.found_params = w.captured;
    return true;
  }
  for (const Route* r : routes) {
    w.allowed.push_back(r->method());
    if (r->method() == "GET") w.allowed.push_back("HEAD");
  }
  return false;
}

std::string JoinAllowed(std::vector<std::string_view> methods) {
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::string out;
  for (std::string_view m : methods) {
    if (!out.empty()) out += ", ";
    out += m;
  }
  return out;
}

}  // namespace

Response Route::Call(const Request& req) const {
  try {
    return sync_(req);
  } catch (const std::exception& e) {
    return ErrorResponse(req, Error::Internal(std::string("handler threw: ") + e.what()));
  } catch (...) {
    return ErrorResponse(req, Error::Internal("handler threw a non-exception"));
  }
}

void Route::Invoke(std::shared_ptr<Request> req, Responder done) const {
  if (!async_) {
    done(Call(*req));
    return;
  }
  try {
    async_(req, done);
  } catch (const std::exception& e) {
    done(ErrorResponse(*req, Error::Internal(std::string("handler threw: ") + e.what())));
  } catch (...) {
    done(ErrorResponse(*req, Error::Internal("handler threw a non-exception")));
  }
}

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

Route& Router::Register(std::string_view method, std::string_view pattern, RouteOptions options) {
  if (method.empty() || pattern.empty() || pattern.front() != '/') {
    BadRegistration("malformed route", method, pattern);
  }
  auto route = std::make_unique<Route>();
  Node* node = root_.get();
  Segments segs = Split(pattern);
  bool catch_all = false;
  for (size_t i = 0; i < segs.parts.size(); ++i) {
    std::string_view seg = segs.parts[i];
    if (seg == "*" && i + 1 == segs.parts.size()) {
      catch_all = true;
      route->param_names_.emplace_back("*");
    } else if (IsParam(seg)) {
      if (!node->param) node->param = std::make_unique<Node>();
      node = node->param.get();
      route->param_names_.emplace_back(seg.substr(1, seg.size() - 2));
    } else if (seg.find_first_of("{}*") != std::string_view::npos) {
      BadRegistration("malformed segment", method, pattern);
    } else {
      auto it = std::find_if(node->literals.begin(), node->literals.end(),
                             [&](const auto& child) { return child.first == seg; });
      if (it == node->literals.end()) {
        node->literals.emplace_back(std::string(seg), std::make_unique<Node>());
        it = std::prev(node->literals.end());
      }
      node = it->second.get();
    }
  }
  auto& list = catch_all ? node->catch_all : node->routes;
  for (const Route* r : list) {
    if (r->method() == method) BadRegistration("duplicate route", method, pattern);
  }
  route->method_ = std::string(method);
  route->pattern_ = std::string(pattern);
  route->options_ = std::move(options);
  if (route->options_.name.empty()) route->options_.name = route->pattern_;
  list.push_back(route.get());
  routes_.push_back(std::move(route));
  return *routes_.back();
}

void Router::Add(std::string_view method, std::string_view pattern, RouteOptions options,
                 SyncHandler handler) {
  Register(method, pattern, std::move(options)).sync_ = std::move(handler);
}

void Router::AddAsync(std::string_view method, std::string_view pattern, RouteOptions options,
                      AsyncHandler handler) {
  Register(method, pattern, std::move(options)).async_ = std::move(handler);
}

namespace {

// Depth-first in precedence order (literal, {param}, catch-all); the first
// route whose method fits wins, so "/g/new" beats "/g/{slug}" for GET while a
// DELETE still reaches "/g/{slug}".
template <class Node>
bool Visit(const Node& node, size_t i, Walk& w) {
  if (i == w.segs.parts.size()) return Terminal(node.routes, w);
  std::string_view seg = w.segs.parts[i];
  for (const auto& [literal, child] : node.literals) {
    if (literal == seg) {
      if (Visit(*child, i + 1, w)) return true;
      break;
    }
  }
  if (node.param && !seg.empty()) {
    w.captured.push_back(seg);
    if (Visit(*node.param, i + 1, w)) return true;
    w.captured.pop_back();
  }
  if (!node.catch_all.empty()) {
    w.captured.push_back(w.path.substr(w.segs.offsets[i]));
    if (Terminal(node.catch_all, w)) return true;
    w.captured.pop_back();
  }
  return false;
}

}  // namespace

RouteMatch Router::Lookup(std::string_view method, std::string_view path) const {
  RouteMatch match;
  if (path.empty() || path.front() != '/') return match;
  Walk w;
  w.method = method;
  w.path = path;
  w.segs = Split(path);
  if (!Visit(*root_, 0, w)) {
    if (!w.allowed.empty()) {
      match.status = 405;
      match.allow = JoinAllowed(std::move(w.allowed));
    }
    return match;
  }
  const auto& names = w.found->param_names_;
  match.params.reserve(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    auto value = PercentDecode(w.found_params[i], /*plus_as_space=*/false);
    if (!value) {
      match.status = 400;
      match.params.clear();
      return match;
    }
    match.params.emplace_back(names[i], std::move(*value));
  }
  match.route = w.found;
  match.status = 200;
  return match;
}

Response MatchFailureResponse(const Request& req, const RouteMatch& match) {
  switch (match.status) {
    case 400:
      return StatusResponse(req, 400, "invalid", "The path has a malformed escape.");
    case 405: {
      Response res =
          StatusResponse(req, 405, "method_not_allowed", "This method is not allowed here.");
      res.headers.Set("Allow", match.allow);
      return res;
    }
    default:
      return StatusResponse(req, 404, "not_found", "There is nothing at this address.");
  }
}

void Router::Dispatch(std::shared_ptr<Request> req, Responder done) const {
  RouteMatch match = Lookup(req->method, req->path);
  if (!match.route) {
    done(MatchFailureResponse(*req, match));
    return;
  }
  req->params = std::move(match.params);
  match.route->Invoke(std::move(req), std::move(done));
}

}  // namespace guildhall::web
