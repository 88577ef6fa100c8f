// Request and Response as the rest of the node sees them: plain values with no
// Beast type in sight, so that handlers, federation and tests compile without
// Asio. web/server converts to and from Beast messages at the socket.
// Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace guildhall::web {

class SpooledBody;  // web/http/spooled_body.h

// Header fields in arrival order; names compare case-insensitively.
class Headers {
 public:
  // The first value of `name`, or empty.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
  // Replaces every field named `name` with one.
  void Set(std::string name, std::string value);
  void Add(std::string name, std::string value);
  const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
  uint64_t id = 0;     // request id, logged as req=#id
  std::string method;  // "GET", "POST", ...
  std::string target;  // the raw request-target: "/g/news?page=2"
  std::string path;    // target without the query: "/g/news"
  std::string query;   // raw query without '?': "page=2"
  Headers headers;
  std::string body;  // empty when the body was spooled
  // A large body on an upload route, written to a temporary file and mapped
  // (RouteOptions::spool_to_file); null otherwise.
  std::shared_ptr<const SpooledBody> spooled;
  std::string remote_address;
  bool secure = false;                                      // arrived over TLS
  std::vector<std::pair<std::string, std::string>> params;  // from the route pattern

  // The body wherever the server put it: `spooled` if set, else `body`.
  std::string_view Body() const;
  // A path parameter ({slug} in the route), percent-decoded.
  std::string_view Param(std::string_view name) const;
  // A query parameter, percent-decoded ('+' as space); nullopt if absent.
  std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  Headers headers;
  std::string body;
  // When set, the server streams this file as the body (library downloads).
  std::string file_path;

  static Response Text(unsigned status, std::string body);
  static Response Html(unsigned status, std::string body);
  static Response Json(unsigned status, std::string body);
  // application/activity+json; the ActivityStreams face of a URL.
  static Response ActivityJson(unsigned status, std::string body);
  static Response Redirect(std::string location, unsigned status = 303);
};

// Completes a request. Call exactly once, from any thread.
using Responder = std::function<void(Response)>;

// Percent-decoding of a path segment or query component; nullopt on bad escapes.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_as_space);

}  // namespace guildhall::web
