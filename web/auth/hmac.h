// HMAC-SHA256 (RFC 2104) over community's SHA-256, for CSRF tokens: web/
// derives per-form tokens from a session's secret without OpenSSL (which
// stays in federation/ and the TLS server). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace guildhall::web {

// The 32-byte raw MAC of `message` under `key`.
std::string HmacSha256(std::string_view key, std::string_view message);

// The same as 64 lower-case hex digits.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

}  // namespace guildhall::web
