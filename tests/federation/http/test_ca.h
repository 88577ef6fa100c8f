// TestCa: a throw-away certificate authority made at test time (EC P-256, so
// it costs microseconds), and server certificates it signs for given DNS names
// and IP addresses. Lets TLS tests run a real handshake with verification on,
// trusting only this CA. Test-only; thread-compatible.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace guildhall::federation::testing {

struct CertAndKey {
  std::string cert_pem;
  std::string key_pem;
};

class TestCa {
 public:
  TestCa();  // aborts the test run if OpenSSL fails: a broken test setup
  ~TestCa();
  TestCa(const TestCa&) = delete;
  TestCa& operator=(const TestCa&) = delete;

  const std::string& cert_pem() const { return cert_pem_; }
  // A leaf certificate for `dns_names` (and `ips`), valid for a day.
  CertAndKey Issue(const std::vector<std::string>& dns_names,
                   const std::vector<std::string>& ips = {}) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::string cert_pem_;
};

}  // namespace guildhall::federation::testing
