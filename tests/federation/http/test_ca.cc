#include "tests/federation/http/test_ca.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>

namespace guildhall::federation::testing {
namespace {

void Require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "TestCa: %s failed\n", what);
    std::abort();
  }
}

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

PkeyPtr NewKey() {
  PkeyPtr key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  Require(key != nullptr, "EVP_EC_gen");
  return key;
}

void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  Require(ext != nullptr, "X509V3_EXT_conf_nid");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

X509Ptr NewCert(EVP_PKEY* key, const std::string& common_name, long serial) {
  X509Ptr cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  return cert;
}

std::string CertPem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

std::string KeyPem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

}  // namespace

struct TestCa::State {
  PkeyPtr key{nullptr, EVP_PKEY_free};
  X509Ptr cert{nullptr, X509_free};
  mutable long next_serial = 2;
};

TestCa::TestCa() : state_(std::make_unique<State>()) {
  state_->key = NewKey();
  state_->cert = NewCert(state_->key.get(), "Guildhall Test CA", 1);
  X509* cert = state_->cert.get();
  X509_set_issuer_name(cert, X509_get_subject_name(cert));
  AddExtension(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExtension(cert, cert, NID_subject_key_identifier, "hash");
  Require(X509_sign(cert, state_->key.get(), EVP_sha256()) > 0, "X509_sign (CA)");
  cert_pem_ = CertPem(cert);
}

TestCa::~TestCa() = default;

CertAndKey TestCa::Issue(const std::vector<std::string>& dns_names,
                         const std::vector<std::string>& ips) const {
  PkeyPtr key = NewKey();
  const std::string cn = dns_names.empty() ? (ips.empty() ? "test" : ips[0]) : dns_names[0];
  X509Ptr cert = NewCert(key.get(), cn, state_->next_serial++);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(state_->cert.get()));
  std::string san;
  for (const auto& n : dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + n;
  for (const auto& ip : ips) san += (san.empty() ? "IP:" : ",IP:") + ip;
  AddExtension(cert.get(), state_->cert.get(), NID_subject_alt_name, san);
  AddExtension(cert.get(), state_->cert.get(), NID_basic_constraints, "critical,CA:FALSE");
  AddExtension(cert.get(), state_->cert.get(), NID_ext_key_usage, "serverAuth");
  Require(X509_sign(cert.get(), state_->key.get(), EVP_sha256()) > 0, "X509_sign (leaf)");
  return {CertPem(cert.get()), KeyPem(key.get())};
}

}  // namespace guildhall::federation::testing
