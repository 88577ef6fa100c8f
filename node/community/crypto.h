// The few primitives accounts need: a CSPRNG (getrandom(2)), SHA-256 for
// storing tokens hashed, hex, and a constant-time compare. SHA-256 is a small
// FIPS 180-4 implementation here because OpenSSL is confined to federation/
// and storage/lmdb (DESIGN rule 6); it hashes 256-bit random tokens, where
// speed and side channels do not matter. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::community {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest Sha256(std::string_view bytes);

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
