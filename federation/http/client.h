// HttpClient: the node's one outbound HTTP(S) client, used for signed fetches
// and deliveries (DESIGN §3, STYLE 23). It refuses private and special
// addresses at connect time (every redirect hop included), verifies TLS peers
// against the system store plus an optional CA file, bounds every request by
// one total deadline and a response size, and keeps idle connections per
// (scheme, host, port) for reuse. Beast and Asio stay in federation/http/*.cc.
// Thread-safe: Send may be called from many threads at once; the I/O runs on
// one event-loop thread owned by the client (signing happens in the callers).
// REQUIRES: Send is never called from a completion handler of this client.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/model/result.h"

namespace guildhall::federation {

struct ClientOptions {
  // Extra CA certificates (PEM file) trusted beside the system store.
  std::string ca_file;
  // Connect to loopback/private/special addresses (tests, local setups only).
  bool allow_private_addresses = false;
  // Networks exempt from the address policy ("10.20.0.0/16", "fd00::/8"), for
  // peers on a private network (Mastodon's ALLOWED_PRIVATE_ADDRESSES).
  std::vector<std::string> allowed_private_networks;
  // Host -> "ip:port" ("alpha.test" -> "127.0.0.1:8443", "[::1]:80"): replaces
  // DNS and the port for that host ([federation.resolve] in config). A key may
  // also be "host:port" to map only that port. TLS still verifies the host name.
  std::map<std::string, std::string> resolve;
  // Milliseconds so tests can be quick; `= std::chrono::seconds(10)` works too.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds total_timeout{std::chrono::seconds(30)};  // whole request
  size_t max_response_bytes = 2 << 20;
  int max_redirects = 3;  // GET only; other methods never follow redirects
  std::string user_agent = "Guildhall/0.1";
  size_t max_idle_per_host = 4;
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(30)};
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The first value of header `name` (case-insensitive), or empty.
std::string_view FindHeader(const HeaderList& headers, std::string_view name);
// Replaces every field named `name` with one field.
void SetHeader(HeaderList& headers, std::string name, std::string value);

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute http(s) URL; a fragment is dropped
  HeaderList headers;
  std::string body;
  // Called before every hop (the first, and each redirect with `url` already
  // updated) so that a signature covers the URL actually requested. An error
  // ends the request with that error.
  std::function<Result<>(HttpRequest& hop)> prepare;
  // Bounds the whole request (every hop, name resolution, connect and TLS
  // included) instead of ClientOptions::total_timeout: key fetches are held
  // to a shorter budget than deliveries.
  std::optional<std::chrono::milliseconds> timeout;
};

// Ends a request SendAsync started: its `done` then runs with kUnavailable
// (or with its outcome, if it had already finished) and its connection is
// closed. Callable from any thread, any number of times, also after the
// request ended. REQUIRES: the HttpClient is still alive.
using CancelRequest = std::function<void()>;

struct HttpResponse {
  unsigned status = 0;
  HeaderList headers;
  std::string body;
  std::string final_url;  // the URL that answered, after redirects
  int redirects = 0;

  std::string_view Header(std::string_view name) const { return FindHeader(headers, name); }
  bool ok() const { return status >= 200 && status < 300; }
};

// The Host header value for `url` as the client sends it (port only when not
// the scheme's default), for signers that must sign the same value. Empty if
// the URL is not an absolute http(s) URL.
std::string HostHeaderFor(std::string_view url);

// How a non-2xx response reads as an Error: 5xx, 408 and 429 kUnavailable
// (retryable), 401 kUnauthorized, 403 kForbidden, 404/410 kNotFound, 413
// kTooLarge, other statuses kInvalid.
Error StatusError(const HttpResponse& response);

class HttpClient {
 public:
  explicit HttpClient(ClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request` and returns any HTTP response (whatever its status), or:
  // kInvalid for a malformed URL, an unsupported scheme, a bad redirect or too
  // many; kForbidden when every address of the host is refused; kTooLarge when
  // the response exceeds max_response_bytes; kUnavailable for DNS, connect, TLS
  // and I/O failures and timeouts (retryable).
  Result<HttpResponse> Send(const HttpRequest& request);

  // The same without blocking: `done` runs on the client's event-loop thread
  // when the request ends. It must be quick and must not call Send (which
  // would wait on the thread it runs on); hand the result to your own
  // executor. For callers on an event loop (the web server's threads).
  CancelRequest SendAsync(const HttpRequest& request,
                          std::function<void(Result<HttpResponse>)> done);

  const ClientOptions& options() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace guildhall::federation
