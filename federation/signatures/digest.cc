#include "federation/signatures/digest.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <vector>

namespace guildhall::federation {
namespace {

std::string Digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // EVP_Digest is one-shot and allocates its own context: safe to call concurrently.
  if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) return {};
  return std::string(reinterpret_cast<const char*>(out), len);
}

constexpr char kB64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> MakeB64Table() {
  std::array<int8_t, 256> table{};
  for (auto& v : table) v = -1;
  for (int i = 0; i < 64; ++i)
    table[static_cast<uint8_t>(kB64Alphabet[i])] = static_cast<int8_t>(i);
  return table;
}
constexpr std::array<int8_t, 256> kB64Table = MakeB64Table();

constexpr char kB58Alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

}  // namespace

std::string Sha256(std::string_view data) { return Digest(EVP_sha256(), data); }
std::string Sha512(std::string_view data) { return Digest(EVP_sha512(), data); }

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<uint8_t>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += kB64Alphabet[n >> 18];
    out += kB64Alphabet[(n >> 12) & 63];
    out += kB64Alphabet[(n >> 6) & 63];
    out += kB64Alphabet[n & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t n = byte(i) << 16;
    out += kB64Alphabet[n >> 18];
    out += kB64Alphabet[(n >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    uint32_t n = byte(i) << 16 | byte(i + 1) << 8;
    out += kB64Alphabet[n >> 18];
    out += kB64Alphabet[(n >> 12) & 63];
    out += kB64Alphabet[(n >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  size_t padding = 0;
  if (!text.empty() && text.back() == '=')
    padding = (text.size() >= 2 && text[text.size() - 2] == '=') ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    size_t pad_here = last ? padding : 0;
    uint32_t n = 0;
    for (size_t k = 0; k < 4; ++k) {
      if (k >= 4 - pad_here) {
        n <<= 6;
        continue;
      }
      int8_t v = kB64Table[static_cast<uint8_t>(text[i + k])];
      if (v < 0) return std::nullopt;  // also rejects '=' in the middle
      n = n << 6 | static_cast<uint32_t>(v);
    }
    out += static_cast<char>(n >> 16);
    if (pad_here < 2) out += static_cast<char>((n >> 8) & 0xff);
    if (pad_here < 1) out += static_cast<char>(n & 0xff);
    // Non-canonical encodings (bits set under the padding) are refused.
    if ((pad_here == 2 && (n & 0xffff) != 0) || (pad_here == 1 && (n & 0xff) != 0))
      return std::nullopt;
  }
  return out;
}

std::optional<std::string> Base58BtcDecode(std::string_view text) {
  // Big-number base conversion; inputs are short (keys), quadratic is fine.
  std::vector<uint8_t> num;  // little-endian base-256
  for (char c : text) {
    const char* pos = std::char_traits<char>::find(kB58Alphabet, 58, c);
    if (pos == nullptr) return std::nullopt;
    uint32_t carry = static_cast<uint32_t>(pos - kB58Alphabet);
    for (auto& d : num) {
      carry += static_cast<uint32_t>(d) * 58;
      d = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    for (; carry > 0; carry >>= 8) num.push_back(static_cast<uint8_t>(carry & 0xff));
  }
  size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1') ++zeros;
  std::string out(zeros, '\0');
  for (auto it = num.rbegin(); it != num.rend(); ++it) out += static_cast<char>(*it);
  return out;
}

std::string Base58BtcEncode(std::string_view bytes) {
  std::vector<uint8_t> digits;  // little-endian base-58
  for (char c : bytes) {
    uint32_t carry = static_cast<uint8_t>(c);
    for (auto& d : digits) {
      carry += static_cast<uint32_t>(d) << 8;
      d = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    for (; carry > 0; carry /= 58) digits.push_back(static_cast<uint8_t>(carry % 58));
  }
  std::string out;
  for (size_t i = 0; i < bytes.size() && bytes[i] == '\0'; ++i) out += '1';
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kB58Alphabet[*it];
  return out;
}

}  // namespace guildhall::federation
