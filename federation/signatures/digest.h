// Message digests and Base64 for HTTP signatures (Digest, Content-Digest,
// signature values). Pure functions over byte strings held in std::string;
// thread-safe. OpenSSL stays in the .cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace guildhall::federation {

// Raw digests (32 and 64 bytes).
std::string Sha256(std::string_view data);
std::string Sha512(std::string_view data);

// Standard alphabet (RFC 4648 §4) with '=' padding.
std::string Base64Encode(std::string_view bytes);

// Strict decoding: standard alphabet only, length a multiple of 4, correct
// padding, no whitespace, and zero unused bits in the last quantum (so every
// byte string has exactly one accepted encoding). nullopt otherwise.
std::optional<std::string> Base64Decode(std::string_view text);

// Base58 with the Bitcoin alphabet, as used by multibase 'z' (Multikey's
// publicKeyMultibase). nullopt on a character outside the alphabet.
std::optional<std::string> Base58BtcDecode(std::string_view text);
std::string Base58BtcEncode(std::string_view bytes);

}  // namespace guildhall::federation
