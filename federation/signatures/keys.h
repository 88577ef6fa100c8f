// Public and private keys for HTTP signatures: RSA (PKCS#1 v1.5 and PSS) and
// Ed25519, over OpenSSL's EVP_PKEY (kept out of this header). Keys are shared,
// immutable handles: cheap to copy, and safe to use from many threads at once
// (each operation uses its own EVP context). Cache the parsed key, not the PEM.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "storage/model/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace guildhall::federation {

enum class KeyType { kRsa, kEd25519 };

enum class SignatureAlgorithm {
  kRsaPkcs1Sha256,  // draft-cavage rsa-sha256 / hs2019, RFC 9421 rsa-v1_5-sha256
  kRsaPssSha512,    // RFC 9421 rsa-pss-sha512
  kEd25519,         // RFC 9421 ed25519
};

// The algorithm a key of `type` signs with by default.
SignatureAlgorithm DefaultAlgorithm(KeyType type);

class PublicKey {
 public:
  // SPKI ("BEGIN PUBLIC KEY", RSA or Ed25519) or PKCS#1 ("BEGIN RSA PUBLIC KEY").
  // RSA keys must have 2048..8192 bits.
  static Result<PublicKey> FromPem(std::string_view pem);
  // A raw 32-byte Ed25519 public key.
  static Result<PublicKey> FromEd25519Raw(std::string_view raw);
  // A Multikey publicKeyMultibase: 'z' + base58btc(0xed 0x01 + 32 raw bytes).
  // Other multicodecs (Fedify's RSA "zgghBU...") are refused with kInvalid.
  static Result<PublicKey> FromMultibase(std::string_view multibase);

  KeyType type() const { return type_; }
  // Modulus size for RSA, 256 for Ed25519.
  int bits() const;
  // SPKI PEM ("BEGIN PUBLIC KEY"), as published in an actor's publicKeyPem.
  std::string ToPem() const;
  // 'z6Mk...' for Ed25519 keys; empty for RSA.
  std::string ToMultibase() const;

  // True iff `signature` is a valid signature of `message` under `alg`.
  // False (never an error) on a mismatch, a malformed signature, or an
  // algorithm that does not fit the key type.
  bool Verify(std::string_view message, std::string_view signature, SignatureAlgorithm alg) const;

 private:
  PublicKey(std::shared_ptr<evp_pkey_st> pkey, KeyType type)
      : pkey_(std::move(pkey)), type_(type) {}
  friend class PrivateKey;

  std::shared_ptr<evp_pkey_st> pkey_;
  KeyType type_;
};

class PrivateKey {
 public:
  static Result<PrivateKey> GenerateRsa(int bits = 2048);
  static Result<PrivateKey> GenerateEd25519();
  // PKCS#8 ("BEGIN PRIVATE KEY"); PKCS#1 ("BEGIN RSA PRIVATE KEY") is accepted too.
  static Result<PrivateKey> FromPem(std::string_view pem);

  KeyType type() const { return type_; }
  // Unencrypted PKCS#8 PEM. Secret: never log it.
  std::string ToPem() const;
  PublicKey Public() const;

  // The signature bytes; kInvalid if `alg` does not fit the key type.
  Result<std::string> Sign(std::string_view message, SignatureAlgorithm alg) const;

 private:
  PrivateKey(std::shared_ptr<evp_pkey_st> pkey, KeyType type)
      : pkey_(std::move(pkey)), type_(type) {}

  std::shared_ptr<evp_pkey_st> pkey_;
  KeyType type_;
};

}  // namespace guildhall::federation
