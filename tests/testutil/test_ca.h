// TestCa: a throwaway certificate authority made at test time with the
// OpenSSL C API (P-256 keys), and server certificates it signs for any set
// of DNS names and IP addresses (subjectAltName), written as PEM files into
// a directory the caller owns. Nodes serve TLS with them and trust the CA
// (federation.ca_file; NODE_EXTRA_CA_CERTS for a Node.js peer). Not
// thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace guildhall::testutil {

struct IssuedCert {
  std::filesystem::path cert;  // PEM certificate
  std::filesystem::path key;   // PEM private key
};

class TestCa {
 public:
  // Writes `dir`/ca.pem (created if missing). Aborts the test run (throws)
  // if OpenSSL fails: nothing sensible could follow.
  explicit TestCa(const std::filesystem::path& dir);
  ~TestCa();
  TestCa(const TestCa&) = delete;
  TestCa& operator=(const TestCa&) = delete;

  const std::filesystem::path& ca_file() const { return ca_file_; }

  // A server certificate for `dns_names` and `ips` (the first name is the
  // CN), as `dir`/<file_stem>.pem and <file_stem>.key.
  IssuedCert Issue(const std::string& file_stem, const std::vector<std::string>& dns_names,
                   const std::vector<std::string>& ips = {});

 private:
  struct Keys;
  std::filesystem::path dir_;
  std::filesystem::path ca_file_;
  std::unique_ptr<Keys> keys_;
  long next_serial_ = 2;
};

}  // namespace guildhall::testutil
