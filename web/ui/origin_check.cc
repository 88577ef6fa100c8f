#include "web/ui/origin_check.h"

namespace guildhall::web {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Browsers leave the default port out of Origin; node.domain may have it in.
std::string_view WithoutDefaultPort(std::string_view origin) {
  if (origin.starts_with("https://") && origin.ends_with(":443")) origin.remove_suffix(4);
  if (origin.starts_with("http://") && origin.ends_with(":80")) origin.remove_suffix(3);
  return origin;
}

}  // namespace

std::optional<std::string> CrossOriginRefusal(const Request& req, std::string_view public_origin) {
  // Fetch Metadata (W3C): "none" is a navigation the user started (a
  // bookmark, the address bar), which no other site can cause.
  const std::string_view site = req.headers.Get("Sec-Fetch-Site");
  if (!site.empty() && site != "same-origin" && site != "none") {
    return "This form was sent from another site (" + std::string(site) +
           "), so it was not accepted. Open this node's page yourself and send the form from "
           "there.";
  }
  // RFC 6454 §7: a browser names the origin of the page that sent the form;
  // "null" (a sandboxed frame, a redirect across sites) is never ours.
  const std::string_view origin = req.headers.Get("Origin");
  if (!origin.empty() &&
      !EqualsIgnoringCase(WithoutDefaultPort(origin), WithoutDefaultPort(public_origin))) {
    return "This form was sent from " + std::string(origin) + ", not from this node (" +
           std::string(public_origin) +
           "), so it was not accepted. Open this node's page at its own address and send the "
           "form from there.";
  }
  return std::nullopt;
}

}  // namespace guildhall::web
