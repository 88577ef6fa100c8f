#include "node/app/bootstrap.h"

#include <sys/random.h>

#include <array>

#include "node/app/logging.h"

namespace guildhall::app {

Result<> EnsureNodeKeys(Core& core) {
  Log().warn("init: node keys not created: federation is not wired into node/app yet");
  return Ok();
}

std::string RandomPassword() {
  // No 0/O/1/l/I: the password is read off a terminal and typed again.
  static constexpr std::string_view kAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  std::array<unsigned char, 20> bytes{};
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  std::string out;
  for (unsigned char b : bytes) out += kAlphabet[b % kAlphabet.size()];
  return out;
}

}  // namespace guildhall::app
