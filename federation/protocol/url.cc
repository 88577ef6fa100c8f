#include "federation/protocol/url.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace guildhall::federation {
namespace {

uint16_t DefaultPort(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<std::string> NormalizeHost(const boost::urls::url_view& u) {
  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
      return u.host_ipv4_address().to_string();
    case boost::urls::host_type::ipv6:
      return "[" + u.host_ipv6_address().to_string() + "]";
    case boost::urls::host_type::name:
      break;
    default:
      return Error::Invalid("URL has no usable host");
  }
  std::string_view host = u.encoded_host();
  // Percent-encoded hosts have several spellings of one name; ids never use them.
  if (host.find('%') != std::string_view::npos) return Error::Invalid("percent-encoded host");
  std::string out = Lower(host);
  if (!out.empty() && out.back() == '.') out.pop_back();  // "example.com." is "example.com"
  if (out.empty() || out.find("..") != std::string::npos || out.front() == '.') {
    return Error::Invalid("empty or malformed host");
  }
  return out;
}

Result<uint16_t> ParsePort(const boost::urls::url_view& u, std::string_view scheme) {
  std::string_view port = u.port();
  if (!u.has_port() || port.empty()) return DefaultPort(scheme);
  if (port.size() > 5) return Error::Invalid("bad port");
  uint32_t v = 0;
  for (char c : port)
    v = v * 10 + static_cast<uint32_t>(c - '0');  // the grammar allows only digits
  if (v == 0 || v > 65535) return Error::Invalid("bad port");
  return static_cast<uint16_t>(v);
}

}  // namespace

std::string Origin::Authority() const {
  if (port == DefaultPort(scheme)) return host;
  return host + ":" + std::to_string(port);
}

std::string Origin::ToString() const { return scheme + "://" + Authority(); }

std::string HttpUrl::RequestTarget() const {
  std::string out = path.empty() ? "/" : path;
  if (has_query) out += "?" + query;
  return out;
}

Result<HttpUrl> ParseHttpUrl(std::string_view text) {
  if (text.size() > kMaxUrlBytes) return Error::TooLarge("URL longer than 2 KiB");
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) return Error::Invalid("not an absolute URL");
  const boost::urls::url_view& u = *parsed;
  HttpUrl out;
  out.origin.scheme = Lower(u.scheme());
  if (out.origin.scheme != "http" && out.origin.scheme != "https")
    return Error::Invalid("scheme is not http(s)");
  if (u.has_userinfo()) return Error::Invalid("URL has userinfo");
  out.origin.host = GH_TRY(NormalizeHost(u));
  out.origin.port = GH_TRY(ParsePort(u, out.origin.scheme));
  out.path = u.encoded_path();
  if (out.path.empty()) out.path = "/";
  out.has_query = u.has_query();
  out.query = u.encoded_query();
  out.has_fragment = u.has_fragment();
  out.fragment = u.encoded_fragment();
  return out;
}

Result<Origin> OriginOf(std::string_view url) {
  HttpUrl parsed = GH_TRY(ParseHttpUrl(url));
  return std::move(parsed.origin);
}

Result<Origin> OriginOfHost(std::string_view scheme, std::string_view host_header) {
  // Anything but a bare authority would change the meaning of the URL we build.
  if (host_header.empty() || host_header.find_first_of("/?#@\\ \t") != std::string_view::npos) {
    return Error::Invalid("malformed Host header");
  }
  std::string url(scheme);
  url.append("://").append(host_header).append("/");
  return OriginOf(url);
}

bool SameOrigin(std::string_view a, std::string_view b) {
  auto oa = OriginOf(a);
  return oa && SameOrigin(*oa, b);
}

bool SameOrigin(const Origin& a, std::string_view b) {
  auto ob = OriginOf(b);
  return ob && a == *ob;
}

}  // namespace guildhall::federation
