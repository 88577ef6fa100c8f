#include "federation/http/target.h"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "federation/protocol/url.h"

namespace guildhall::federation {

std::string Target::PoolKey() const {
  return std::string(tls ? "https://" : "http://") + host + ":" + std::to_string(port);
}

Result<Target> ParseTarget(std::string_view text) {
  auto parsed = GH_TRY(ParseHttpUrl(text));
  Target t;
  t.tls = parsed.origin.scheme == "https";
  t.host = parsed.origin.host;
  if (t.host.size() >= 2 && t.host.front() == '[') t.host = t.host.substr(1, t.host.size() - 2);
  t.port = parsed.origin.port;
  t.host_header = parsed.origin.Authority();
  t.request_target = parsed.RequestTarget();
  t.url = parsed.origin.ToString() + t.request_target;  // the fragment never leaves the node
  return t;
}

Result<std::string> ResolveRedirect(std::string_view base, std::string_view location) {
  namespace urls = boost::urls;
  if (location.empty()) return Error::Invalid("redirect without a Location");
  auto base_view = urls::parse_uri(base);
  auto ref = urls::parse_uri_reference(location);
  if (!base_view || !ref) return Error::Invalid("malformed redirect location");
  urls::url dest;
  if (!urls::resolve(*base_view, *ref, dest)) return Error::Invalid("unresolvable redirect");
  if (dest.scheme_id() != urls::scheme::https && dest.scheme_id() != urls::scheme::http) {
    return Error::Invalid("redirect to a non-http(s) URL");
  }
  if (base_view->scheme_id() == urls::scheme::https && dest.scheme_id() != urls::scheme::https) {
    return Error::Invalid("redirect downgrades https to http");
  }
  return std::string(dest.buffer());
}

}  // namespace guildhall::federation
