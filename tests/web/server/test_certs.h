// Generates, at test time, a throwaway CA and a server certificate for
// "localhost" and 127.0.0.1 signed by it (OpenSSL C API, P-256 keys), as PEM
// files in a fresh temporary directory. Not thread-safe.
#pragma once

#include <string>

namespace guildhall::web::testing {

struct TestCerts {
  std::string dir;        // removed by the destructor
  std::string ca_cert;    // PEM: the CA the client trusts
  std::string cert;       // PEM: the server's certificate
  std::string key;        // PEM: the server's private key
  std::string other_key;  // PEM: a key that does not match `cert`

  TestCerts();
  ~TestCerts();
  TestCerts(const TestCerts&) = delete;
  TestCerts& operator=(const TestCerts&) = delete;
};

}  // namespace guildhall::web::testing
