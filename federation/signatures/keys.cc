#include "federation/signatures/keys.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "federation/signatures/digest.h"

namespace guildhall::federation {
namespace {

constexpr size_t kMaxPemBytes = 16 * 1024;
constexpr int kMinRsaBits = 2048;
constexpr int kMaxRsaBits = 8192;  // verifying with huge moduli is a CPU DoS
constexpr std::string_view kEd25519MulticodecPrefix = "\xed\x01";

using PkeyPtr = std::shared_ptr<evp_pkey_st>;
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

PkeyPtr Own(EVP_PKEY* pkey) { return PkeyPtr(pkey, EVP_PKEY_free); }

// Never prompt on a terminal for a passphrase: encrypted keys simply fail.
int NoPassphrase(char*, int, int, void*) { return -1; }

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  return s;
}

// Maps an OpenSSL key to our KeyType and enforces the RSA size bounds.
Result<KeyType> Classify(EVP_PKEY* pkey) {
  if (EVP_PKEY_is_a(pkey, "ED25519")) return KeyType::kEd25519;
  if (!EVP_PKEY_is_a(pkey, "RSA")) return Error::Invalid("unsupported key type");
  int bits = EVP_PKEY_get_bits(pkey);
  if (bits < kMinRsaBits || bits > kMaxRsaBits) {
    return Error::Invalid("RSA key size " + std::to_string(bits) + " outside 2048..8192");
  }
  return KeyType::kRsa;
}

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(len));
}

// Prepares `ctx` for signing or verifying under `alg`; false when the
// algorithm does not fit the key.
bool InitDigestCtx(EVP_MD_CTX* ctx, EVP_PKEY* pkey, KeyType type, SignatureAlgorithm alg,
                   bool sign) {
  const EVP_MD* md = nullptr;
  switch (alg) {
    case SignatureAlgorithm::kRsaPkcs1Sha256:
      if (type != KeyType::kRsa) return false;
      md = EVP_sha256();
      break;
    case SignatureAlgorithm::kRsaPssSha512:
      if (type != KeyType::kRsa) return false;
      md = EVP_sha512();
      break;
    case SignatureAlgorithm::kEd25519:
      if (type != KeyType::kEd25519) return false;
      break;
  }
  EVP_PKEY_CTX* pctx = nullptr;
  int ok = sign ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, pkey)
                : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, pkey);
  if (ok != 1) return false;
  if (alg == SignatureAlgorithm::kRsaPssSha512) {
    // RFC 9421 §3.3.1: MGF1 with SHA-512 and a 64-byte salt.
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha512()) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 64) != 1) {
      return false;
    }
  }
  return true;
}

}  // namespace

SignatureAlgorithm DefaultAlgorithm(KeyType type) {
  return type == KeyType::kEd25519 ? SignatureAlgorithm::kEd25519
                                   : SignatureAlgorithm::kRsaPkcs1Sha256;
}

Result<PublicKey> PublicKey::FromPem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return Error::TooLarge("public key PEM too large");
  std::string_view body = TrimAscii(pem);
  bool spki = body.starts_with("-----BEGIN PUBLIC KEY-----");
  bool pkcs1 = body.starts_with("-----BEGIN RSA PUBLIC KEY-----");
  if (!spki && !pkcs1) return Error::Invalid("not a PUBLIC KEY or RSA PUBLIC KEY PEM");
  EVP_PKEY* raw = nullptr;
  OSSL_DECODER_CTX* dctx = OSSL_DECODER_CTX_new_for_pkey(
      &raw, "PEM", spki ? "SubjectPublicKeyInfo" : "type-specific", spki ? nullptr : "RSA",
      OSSL_KEYMGMT_SELECT_PUBLIC_KEY, nullptr, nullptr);
  if (dctx == nullptr) return Error::Internal("OSSL_DECODER_CTX_new_for_pkey failed");
  const auto* data = reinterpret_cast<const unsigned char*>(body.data());
  size_t len = body.size();
  int ok = OSSL_DECODER_from_data(dctx, &data, &len);
  OSSL_DECODER_CTX_free(dctx);
  if (ok != 1 || raw == nullptr) return Error::Invalid("unparseable public key PEM");
  PkeyPtr pkey = Own(raw);
  KeyType type = GH_TRY(Classify(pkey.get()));
  return PublicKey(std::move(pkey), type);
}

Result<PublicKey> PublicKey::FromEd25519Raw(std::string_view raw) {
  if (raw.size() != 32) return Error::Invalid("Ed25519 public key must be 32 bytes");
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  if (pkey == nullptr) return Error::Invalid("invalid Ed25519 public key");
  return PublicKey(Own(pkey), KeyType::kEd25519);
}

Result<PublicKey> PublicKey::FromMultibase(std::string_view multibase) {
  if (multibase.size() > 128) return Error::TooLarge("publicKeyMultibase too long");
  if (multibase.empty() || multibase.front() != 'z')
    return Error::Invalid("publicKeyMultibase is not base58btc ('z')");
  auto bytes = Base58BtcDecode(multibase.substr(1));
  if (!bytes) return Error::Invalid("publicKeyMultibase: bad base58btc");
  if (!std::string_view(*bytes).starts_with(kEd25519MulticodecPrefix)) {
    return Error::Invalid("publicKeyMultibase: not an ed25519-pub multicodec key");
  }
  return FromEd25519Raw(std::string_view(*bytes).substr(kEd25519MulticodecPrefix.size()));
}

int PublicKey::bits() const { return EVP_PKEY_get_bits(pkey_.get()); }

std::string PublicKey::ToPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey_.get()) != 1) return {};
  return BioToString(bio.get());
}

std::string PublicKey::ToMultibase() const {
  if (type_ != KeyType::kEd25519) return {};
  unsigned char raw[32];
  size_t len = sizeof(raw);
  if (EVP_PKEY_get_raw_public_key(pkey_.get(), raw, &len) != 1 || len != 32) return {};
  std::string bytes(kEd25519MulticodecPrefix);
  bytes.append(reinterpret_cast<const char*>(raw), len);
  return "z" + Base58BtcEncode(bytes);
}

bool PublicKey::Verify(std::string_view message, std::string_view signature,
                       SignatureAlgorithm alg) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || !InitDigestCtx(ctx.get(), pkey_.get(), type_, alg, /*sign=*/false)) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

Result<PrivateKey> PrivateKey::GenerateRsa(int bits) {
  if (bits < kMinRsaBits || bits > kMaxRsaBits)
    return Error::Invalid("RSA key size outside 2048..8192");
  EVP_PKEY* pkey = EVP_RSA_gen(static_cast<unsigned int>(bits));
  if (pkey == nullptr) return Error::Internal("RSA key generation failed");
  return PrivateKey(Own(pkey), KeyType::kRsa);
}

Result<PrivateKey> PrivateKey::GenerateEd25519() {
  EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (pkey == nullptr) return Error::Internal("Ed25519 key generation failed");
  return PrivateKey(Own(pkey), KeyType::kEd25519);
}

Result<PrivateKey> PrivateKey::FromPem(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return Error::TooLarge("private key PEM too large");
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Error::Internal("BIO_new_mem_buf failed");
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr);
  if (raw == nullptr) return Error::Invalid("unparseable private key PEM");
  PkeyPtr pkey = Own(raw);
  KeyType type = GH_TRY(Classify(pkey.get()));
  return PrivateKey(std::move(pkey), type);
}

std::string PrivateKey::ToPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return {};
  return BioToString(bio.get());
}

PublicKey PrivateKey::Public() const {
  // An EVP_PKEY holding a private key verifies as well as a public-only one;
  // sharing it avoids a round trip through DER.
  return PublicKey(pkey_, type_);
}

Result<std::string> PrivateKey::Sign(std::string_view message, SignatureAlgorithm alg) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) return Error::Internal("EVP_MD_CTX_new failed");
  if (!InitDigestCtx(ctx.get(), pkey_.get(), type_, alg, /*sign=*/true)) {
    return Error::Invalid("signature algorithm does not fit the key type");
  }
  const auto* msg = reinterpret_cast<const unsigned char*>(message.data());
  size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, msg, message.size()) != 1)
    return Error::Internal("EVP_DigestSign failed");
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, msg,
                     message.size()) != 1) {
    return Error::Internal("EVP_DigestSign failed");
  }
  sig.resize(len);
  return sig;
}

}  // namespace guildhall::federation
