// SignedRequestView: the neutral form of an HTTP request that federation
// signs and verifies, so that federation never depends on web/ or Beast
// (web converts its Request into this view: method, target, fields(), body).
// VerifyOptions: the clock and window every verifier uses.
// A view borrows everything; it must not outlive the request. Thread-compatible.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "storage/model/clock.h"
#include "storage/model/result.h"

namespace guildhall::federation {

using HeaderField = std::pair<std::string, std::string>;

struct SignedRequestView {
  std::string_view method;  // "POST", as received (compared case-insensitively)
  std::string_view target;  // the raw request-target: "/inbox" or "/g/news/outbox?page=2"
  std::span<const HeaderField> headers;  // arrival order; names in any case
  std::string_view body;

  // All values of the field `name` (case-insensitive) with surrounding
  // whitespace trimmed, joined by ", " (RFC 9110 §5.3); nullopt if absent.
  std::optional<std::string> Header(std::string_view name) const;
  // How many fields are named `name`.
  size_t HeaderCount(std::string_view name) const;
  // The target without its query: "/g/news/outbox".
  std::string_view Path() const;
};

struct VerifyOptions {
  TimePoint now;
  // Date and `created` may be this far from `now` either way (Fedify and
  // Lemmy use 1 h; Mastodon 12 h).
  std::chrono::seconds max_skew{3600};
  // Our public origin, "https://guild.example" or "http://127.0.0.1:8080".
  // When set, the Host header must name it (Misskey CVE-2023-49079) and RFC
  // 9421 derives @target-uri, @authority and @scheme from it. RFC 9421
  // verification requires it.
  std::string public_origin;
};

// When options.public_origin is set: the Host header must name that origin
// (compared as origins: case, trailing dot and default port do not matter).
// kUnauthorized otherwise. Without a public_origin, Ok.
Result<> CheckHostIsOurs(const SignedRequestView& req, const VerifyOptions& options);

// ASCII case-insensitive equality, for header names and algorithm tokens.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLowerAscii(std::string_view s);

}  // namespace guildhall::federation
