#include "node/app/bootstrap.h"

#include <sys/random.h>

#include <array>

#include "federation/actors/local_keys.h"
#include "node/app/logging.h"

namespace guildhall::app {

Result<> EnsureNodeKeys(Core& core) {
  // The node actor's key signs every fetch the node makes; generating it here
  // keeps the first federated request from paying for RSA key generation.
  federation::LocalKeys keys(core.store(), core.clock());
  GH_TRY(keys.Get(storage::LocalActorKind::kNode, Id()));
  Log().info("init: node key ready");
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
