#include "node/community/crypto.h"

#include <openssl/evp.h>
#include <sys/random.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace guildhall::community {

Sha256Digest Sha256(std::string_view bytes) {
  Sha256Digest out{};
  unsigned int len = 0;
  // One-shot: allocates its own context, so concurrent calls are safe. It
  // fails only when OpenSSL cannot allocate; then the process cannot go on.
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr) != 1 ||
      len != out.size()) {
    std::abort();
  }
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  size_t len = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                reinterpret_cast<const unsigned char*>(message.data()), message.size(), out,
                sizeof out, &len) == nullptr) {
    std::abort();
  }
  return std::string(reinterpret_cast<const char*>(out), len);
}

Result<std::string> RandomBytes(size_t n) {
  std::string out(n, '\0');
  size_t filled = 0;
  while (filled < n) {
    const ssize_t got = ::getrandom(out.data() + filled, n - filled, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Error::Internal(std::string("getrandom: ") + std::strerror(errno));
    filled += static_cast<size_t>(got);
  }
  return out;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string HashToken(std::string_view token) {
  const Sha256Digest d = Sha256(token);
  return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

Result<Secret> NewSecret() {
  auto raw = GH_TRY(RandomBytes(32));
  Secret s;
  s.token = HexEncode(raw);
  s.hash = HashToken(s.token);
  return s;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace guildhall::community
