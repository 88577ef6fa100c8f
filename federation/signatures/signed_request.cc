#include "federation/signatures/signed_request.h"

#include "federation/protocol/url.h"

namespace guildhall::federation {
namespace {

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

std::optional<std::string> SignedRequestView::Header(std::string_view name) const {
  std::optional<std::string> out;
  for (const auto& [field, value] : headers) {
    if (!EqualsIgnoreCase(field, name)) continue;
    if (out) {
      out->append(", ");
    } else {
      out.emplace();
    }
    out->append(TrimOws(value));
  }
  return out;
}

size_t SignedRequestView::HeaderCount(std::string_view name) const {
  size_t n = 0;
  for (const auto& field : headers) n += EqualsIgnoreCase(field.first, name) ? 1 : 0;
  return n;
}

Result<> CheckHostIsOurs(const SignedRequestView& req, const VerifyOptions& options) {
  if (options.public_origin.empty()) return Ok();
  auto ours = OriginOf(options.public_origin);
  if (!ours)
    return Error::Internal("public_origin is not an http(s) URL: " + options.public_origin);
  auto host = req.Header("host");
  if (!host) return Error::Unauthorized("signature: missing Host header");
  auto theirs = OriginOfHost(ours->scheme, *host);
  if (!theirs || !(*theirs == *ours))
    return Error::Unauthorized("signature: Host is not this node: " + *host);
  return Ok();
}

std::string_view SignedRequestView::Path() const { return target.substr(0, target.find('?')); }

}  // namespace guildhall::federation
