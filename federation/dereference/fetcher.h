// Fetcher: the ONE way the node fetches a remote ActivityStreams document
// (reference/security.md §5.1; Misskey CVE-2024-25636 came from a second
// path that skipped the checks). Every fetch is a GET signed as the node
// actor ("authorized fetch"), goes through HttpClient (address policy on
// every hop, total deadline, size cap), and is refused unless:
//   - the Content-Type is activity+json, or ld+json with the AS profile
//     (GHSA-jhrq-qvrm-qr36: uploaded JSON served as something else);
//   - the body parses with the bounded JSON parser and has a string `id`;
//   - that id equals the final URL after redirects, or at least has its
//     origin (CVE-2024-23832: never trust a self-declared id from elsewhere);
//   - neither URL is on our own origin (Pleroma's contain_local_fetch).
// Concurrent fetches of one URL share a single request (per-URI lock, like
// GoToSocial's FedLocks). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "federation/http/client.h"
#include "federation/http/signer.h"
#include "federation/protocol/json.h"
#include "storage/model/clock.h"

namespace guildhall::federation {

inline constexpr char kActivityStreamsAccept[] =
    "application/activity+json, application/ld+json; "
    "profile=\"https://www.w3.org/ns/activitystreams\"";

struct FetcherOptions {
  // Our public origin ("https://guild.example"); URLs on it are never
  // fetched: a local object that is not in the store cannot be authentic.
  std::string local_origin;
  json::Limits json_limits;
  // Called when a fetch joins one already in flight for the same URL
  // (metrics; tests use it to know the fetches overlap). Optional.
  std::function<void(std::string_view url)> on_shared_fetch;
};

struct FetchedDocument {
  std::string url;               // as requested, without fragment
  std::string final_url;         // after redirects
  std::string id;                // the document's `id`
  bool id_is_final_url = false;  // false: same origin only; refetch by id to be sure
  std::string body;              // verbatim
  json::Value json;
};

// True iff `content_type` names an ActivityStreams document:
// application/activity+json (any parameters), or application/ld+json whose
// profile parameter lists https://www.w3.org/ns/activitystreams.
bool IsActivityStreamsContentType(std::string_view content_type);

// `url` without its fragment ("…/alice#main-key" -> "…/alice").
std::string WithoutFragment(std::string_view url);

// The form two URLs are compared in when "the same URL" is meant: origin
// normalised (case, default port) plus the request target, no fragment.
// Empty if `url` is not an absolute http(s) URL.
std::string CanonicalUrl(std::string_view url);

class Fetcher {
 public:
  // `node_signer` is the node actor's key ("<node actor>#main-key").
  Fetcher(HttpClient& client, const Clock& clock, Signer node_signer, FetcherOptions options = {});
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Errors: kInvalid for a malformed or local URL, a wrong Content-Type, bad
  // JSON or an id that does not belong to the URL; StatusError() of a non-2xx
  // answer (404/410 kNotFound, 5xx kUnavailable, ...); HttpClient's errors.
  Result<FetchedDocument> FetchObject(const std::string& url);

  // The same checks without blocking, the whole fetch (redirects included)
  // within `timeout`. `done` runs once on the HTTP client's event-loop thread
  // and must be quick. Not shared with other fetches of the URL (callers
  // that need that, like KeyFetchQueue, do it themselves).
  CancelRequest FetchObjectAsync(const std::string& url, std::chrono::milliseconds timeout,
                                 std::function<void(Result<FetchedDocument>)> done);

  uint64_t network_fetches() const;  // requests actually sent

 private:
  Result<FetchedDocument> FetchUncached(const std::string& url);
  HttpRequest SignedGet(const std::string& url);
  Result<FetchedDocument> Accept(const std::string& url, Result<HttpResponse> response) const;

  HttpClient& client_;
  const Clock& clock_;
  const Signer signer_;
  const FetcherOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_future<Result<FetchedDocument>>> in_flight_;  // GUARDED_BY(mu_)
  uint64_t network_fetches_ = 0;                                                  // GUARDED_BY(mu_)
};

}  // namespace guildhall::federation
