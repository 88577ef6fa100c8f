// The few primitives accounts and sessions need: a CSPRNG (getrandom(2)),
// SHA-256 for storing tokens hashed and naming static files, HMAC-SHA256 for
// CSRF tokens, hex, and a constant-time compare. The one home of these for
// community and web; the digests are OpenSSL's (EVP). Pure functions;
// thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::community {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest Sha256(std::string_view bytes);

// HMAC-SHA256 (RFC 2104) of `message` under `key`: 32 raw bytes.
std::string HmacSha256(std::string_view key, std::string_view message);

// `n` bytes from the kernel CSPRNG; kInternal if it is unavailable.
Result<std::string> RandomBytes(size_t n);

std::string HexEncode(std::string_view bytes);

// A fresh 256-bit secret as 64 lower-case hex digits (cookies, API tokens,
// invite links) and the raw SHA-256 under which it is stored.
struct Secret {
  std::string token;  // give to the user, never store
  std::string hash;   // 32 raw bytes: store this
};
Result<Secret> NewSecret();
std::string HashToken(std::string_view token);

// Compares without an early exit, so timing does not reveal where the inputs differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace guildhall::community
