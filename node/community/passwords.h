// Password hashing with argon2id (libargon2). Defaults follow the OWASP
// Password Storage Cheat Sheet's first argon2id option: m = 19 MiB, t = 2,
// p = 1 (measured: about 120 ms per hash or verify on the 2-core build machine
// while it was loaded with parallel builds, load average 14); the parameters are
// stored in the encoded hash, so raising them later still verifies old
// hashes. Verification compares in constant time (argon2_verify).
// Pure functions; thread-safe. CPU-heavy: never call inside a store transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::community {

struct PasswordParams {
  uint32_t t_cost = 2;
  uint32_t m_cost_kib = 19 * 1024;
  uint32_t parallelism = 1;
};

// The encoded form "$argon2id$v=19$m=...,t=...,p=...$salt$hash" with a fresh
// 16-byte salt and a 32-byte tag.
Result<std::string> HashPassword(std::string_view password, const PasswordParams& params);

// False for a wrong password and for a malformed or empty `encoded`.
bool VerifyPassword(std::string_view encoded, std::string_view password);

}  // namespace guildhall::community
