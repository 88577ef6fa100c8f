#include "tests/testutil/test_ca.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <stdexcept>

namespace guildhall::testutil {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* c) const { X509_free(c); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

void Check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("TestCa: ") + what + " failed");
}

void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  Check(ext != nullptr, "X509V3_EXT_conf_nid");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `key`, valid from an hour ago (clock-offset nodes and
// small skews) for two days, signed by `issuer` (itself when null).
Cert NewCert(EVP_PKEY* key, const std::string& cn, X509* issuer, long serial) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 2 * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer ? issuer : cert.get()));
  return cert;
}

void WritePem(const std::filesystem::path& path, X509* cert, EVP_PKEY* key) {
  FILE* f = std::fopen(path.c_str(), "w");
  Check(f != nullptr, "fopen");
  bool ok = cert ? PEM_write_X509(f, cert) == 1
                 : PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  std::fclose(f);
  Check(ok, "PEM_write");
}

}  // namespace

struct TestCa::Keys {
  Pkey key;
  Cert cert;
};

TestCa::TestCa(const std::filesystem::path& dir)
    : dir_(dir), ca_file_(dir / "ca.pem"), keys_(std::make_unique<Keys>()) {
  std::filesystem::create_directories(dir_);
  keys_->key.reset(EVP_EC_gen("P-256"));
  Check(keys_->key != nullptr, "EVP_EC_gen");
  keys_->cert = NewCert(keys_->key.get(), "Guildhall Integration Test CA", nullptr, 1);
  X509* ca = keys_->cert.get();
  AddExtension(ca, ca, NID_subject_key_identifier, "hash");
  AddExtension(ca, ca, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign");
  Check(X509_sign(ca, keys_->key.get(), EVP_sha256()) > 0, "X509_sign");
  WritePem(ca_file_, ca, nullptr);
}

TestCa::~TestCa() = default;

IssuedCert TestCa::Issue(const std::string& file_stem, const std::vector<std::string>& dns_names,
                         const std::vector<std::string>& ips) {
  Pkey key(EVP_EC_gen("P-256"));
  Check(key != nullptr, "EVP_EC_gen");
  const std::string cn = dns_names.empty() ? ips.at(0) : dns_names.front();
  Cert cert = NewCert(key.get(), cn, keys_->cert.get(), next_serial_++);
  X509* ca = keys_->cert.get();
  std::string san;
  for (const auto& name : dns_names) san += (san.empty() ? "DNS:" : ",DNS:") + name;
  for (const auto& ip : ips) san += (san.empty() ? "IP:" : ",IP:") + ip;
  AddExtension(cert.get(), ca, NID_subject_key_identifier, "hash");
  AddExtension(cert.get(), ca, NID_authority_key_identifier, "keyid");
  AddExtension(cert.get(), ca, NID_basic_constraints, "critical,CA:FALSE");
  AddExtension(cert.get(), ca, NID_key_usage, "critical,digitalSignature");
  AddExtension(cert.get(), ca, NID_ext_key_usage, "serverAuth");
  AddExtension(cert.get(), ca, NID_subject_alt_name, san);
  Check(X509_sign(cert.get(), keys_->key.get(), EVP_sha256()) > 0, "X509_sign");
  IssuedCert out{dir_ / (file_stem + ".pem"), dir_ / (file_stem + ".key")};
  WritePem(out.cert, cert.get(), nullptr);
  WritePem(out.key, nullptr, key.get());
  return out;
}

}  // namespace guildhall::testutil
