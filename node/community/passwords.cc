#include "node/community/passwords.h"

#include <argon2.h>

#include "node/community/crypto.h"

namespace guildhall::community {
namespace {
constexpr size_t kSaltBytes = 16;
constexpr size_t kTagBytes = 32;
}  // namespace

Result<std::string> HashPassword(std::string_view password, const PasswordParams& params) {
  auto salt = GH_TRY(RandomBytes(kSaltBytes));
  std::string encoded(argon2_encodedlen(params.t_cost, params.m_cost_kib, params.parallelism,
                                        kSaltBytes, kTagBytes, Argon2_id),
                      '\0');
  const int rc = argon2id_hash_encoded(params.t_cost, params.m_cost_kib, params.parallelism,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kTagBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Error::Internal(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  if (encoded.empty()) return false;
  const std::string terminated(encoded);  // argon2 wants a C string
  return argon2id_verify(terminated.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace guildhall::community
