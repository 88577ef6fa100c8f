#include "web/auth/hmac.h"

#include "node/community/crypto.h"

namespace guildhall::web {
namespace {

constexpr size_t kBlockSize = 64;  // SHA-256's block, RFC 2104 "B"

std::string Digest(std::string_view bytes) {
  const community::Sha256Digest d = community::Sha256(bytes);
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view message) {
  std::string k = key.size() > kBlockSize ? Digest(key) : std::string(key);
  k.resize(kBlockSize, '\0');
  std::string inner(kBlockSize, '\0');
  std::string outer(kBlockSize, '\0');
  for (size_t i = 0; i < kBlockSize; ++i) {
    inner[i] = static_cast<char>(k[i] ^ 0x36);
    outer[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  inner.append(message);
  outer.append(Digest(inner));
  return Digest(outer);
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  return community::HexEncode(HmacSha256(key, message));
}

}  // namespace guildhall::web
