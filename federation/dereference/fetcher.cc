#include "federation/dereference/fetcher.h"

#include <algorithm>

#include "federation/log.h"
#include "federation/protocol/url.h"
#include "federation/signatures/signed_request.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of parameter `name` in "type; a=b; name=\"v\"", unquoted.
std::string MediaTypeParameter(std::string_view params, std::string_view name) {
  while (!params.empty()) {
    const size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos || ToLowerAscii(Trim(param.substr(0, eq))) != name) continue;
    std::string_view value = Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return {};
}

Result<> CheckNotLocal(std::string_view url, const FetcherOptions& options) {
  if (!options.local_origin.empty() && SameOrigin(url, options.local_origin)) {
    return Error::Invalid("refusing to fetch our own URL " + std::string(url));
  }
  return Ok();
}

// Applies the checks of the header comment to a 2xx response.
Result<FetchedDocument> Validate(std::string url, HttpResponse response,
                                 const FetcherOptions& options) {
  GH_CHECK(CheckNotLocal(response.final_url, options));
  const std::string content_type(response.Header("Content-Type"));
  if (!IsActivityStreamsContentType(content_type)) {
    return Error::Invalid("not an ActivityStreams document (Content-Type \"" + content_type +
                          "\") at " + response.final_url);
  }
  FetchedDocument doc;
  doc.json = GH_TRY(json::Parse(response.body, options.json_limits));
  const json::Value* id = doc.json.Find("id");
  if (id == nullptr || !id->is_string()) return Error::Invalid("fetched document has no id");
  doc.id = id->text();
  const std::string final_canonical = CanonicalUrl(response.final_url);
  doc.id_is_final_url = !final_canonical.empty() && CanonicalUrl(doc.id) == final_canonical;
  if (!doc.id_is_final_url && !SameOrigin(doc.id, response.final_url)) {
    return Error::Invalid("fetched document's id " + doc.id + " does not belong to " +
                          response.final_url);
  }
  doc.url = std::move(url);
  doc.final_url = std::move(response.final_url);
  doc.body = std::move(response.body);
  return doc;
}

}  // namespace

bool IsActivityStreamsContentType(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  const std::string type = ToLowerAscii(Trim(content_type.substr(0, semi)));
  if (type == "application/activity+json") return true;
  if (type != "application/ld+json" || semi == std::string_view::npos) return false;
  // The profile parameter is a space-separated list of URIs (RFC 6906).
  const std::string profiles = MediaTypeParameter(content_type.substr(semi + 1), "profile");
  size_t start = 0;
  while (start <= profiles.size()) {
    const size_t end = std::min(profiles.find(' ', start), profiles.size());
    if (profiles.compare(start, end - start, "https://www.w3.org/ns/activitystreams") == 0) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

std::string CanonicalUrl(std::string_view url) {
  auto parsed = ParseHttpUrl(url);
  return parsed ? parsed->origin.ToString() + parsed->RequestTarget() : std::string();
}

std::string WithoutFragment(std::string_view url) {
  return std::string(url.substr(0, url.find('#')));
}

Fetcher::Fetcher(HttpClient& client, const Clock& clock, Signer node_signer, FetcherOptions options)
    : client_(client),
      clock_(clock),
      signer_(std::move(node_signer)),
      options_(std::move(options)) {}

Result<FetchedDocument> Fetcher::FetchObject(const std::string& raw_url) {
  const std::string url = WithoutFragment(raw_url);
  std::promise<Result<FetchedDocument>> promise;
  std::shared_future<Result<FetchedDocument>> shared;
  bool leader = false;
  {
    std::lock_guard lock(mu_);
    auto it = in_flight_.find(url);
    if (it == in_flight_.end()) {
      leader = true;
      shared = promise.get_future().share();
      in_flight_.emplace(url, shared);
      ++network_fetches_;
    } else {
      shared = it->second;
    }
  }
  if (!leader) {
    if (options_.on_shared_fetch) options_.on_shared_fetch(url);
    return shared.get();
  }
  Result<FetchedDocument> result = FetchUncached(url);
  {
    std::lock_guard lock(mu_);
    in_flight_.erase(url);
  }
  promise.set_value(result);
  return result;
}

Result<FetchedDocument> Fetcher::FetchUncached(const std::string& url) {
  GH_CHECK(CheckNotLocal(url, options_));
  return Accept(url, client_.Send(SignedGet(url)));
}

CancelRequest Fetcher::FetchObjectAsync(const std::string& raw_url,
                                        std::chrono::milliseconds timeout,
                                        std::function<void(Result<FetchedDocument>)> done) {
  const std::string url = WithoutFragment(raw_url);
  if (auto local = CheckNotLocal(url, options_); !local) {
    done(local.error());
    return [] {};
  }
  {
    std::lock_guard lock(mu_);
    ++network_fetches_;
  }
  HttpRequest request = SignedGet(url);
  request.timeout = timeout;
  return client_.SendAsync(request, [this, url, done = std::move(done)](auto response) {
    done(Accept(url, std::move(response)));
  });
}

HttpRequest Fetcher::SignedGet(const std::string& url) {
  HttpRequest request;
  request.url = url;
  request.headers = {{"Accept", kActivityStreamsAccept}};
  // Checked on every hop, so a redirect to our own origin is never followed.
  request.prepare = [this](HttpRequest& hop) -> Result<> {
    GH_CHECK(CheckNotLocal(hop.url, options_));
    return SignHop(hop, signer_, clock_.Now());
  };
  return request;
}

// The checks of the header comment, on what the client returned.
Result<FetchedDocument> Fetcher::Accept(const std::string& url,
                                        Result<HttpResponse> response) const {
  if (!response) {
    Log().info("event=fetch_failed url={} error={}", LogField(url),
               LogField(response.error().message));
    return response.error();
  }
  if (!response->ok()) {
    Log().info("event=fetch_failed url={} status={}", LogField(url), response->status);
    return StatusError(*response);
  }
  auto doc = Validate(url, std::move(*response), options_);
  if (!doc) {
    Log().warn("event=fetch_refused url={} error={}", LogField(url), LogField(doc.error().message));
  }
  return doc;
}

uint64_t Fetcher::network_fetches() const {
  std::lock_guard lock(mu_);
  return network_fetches_;
}

}  // namespace guildhall::federation
