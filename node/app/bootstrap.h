// First-start steps of `guildhall init` that other modules will own: the node
// actor's key pair (federation) and the first admin account (community).
// Until those modules are wired in, the hooks say so and do nothing; `init`
// stays idempotent either way. Called on the main thread of `init` only.
#pragma once

#include <optional>
#include <string>

#include "node/app/core.h"

namespace guildhall::app {

struct InitialAdmin {
  std::string username;
  std::string password;  // shown once, never stored in clear
};

// Creates the node's signing keys if absent. TODO(federation): generate the
// RSA-2048 key of the node actor and store it under data_dir.
Result<> EnsureNodeKeys(Core& core);

// Creates the first admin account when the node has none, with a random
// password; nullopt when an admin exists or community is not wired yet.
// TODO(community): build community::Community on `core` and create `username`
// with role admin and the hash of RandomPassword().
Result<std::optional<InitialAdmin>> CreateInitialAdmin(Core& core, const std::string& username);

// 20 characters from a 32-letter alphabet (100 bits) from getrandom(2).
std::string RandomPassword();

}  // namespace guildhall::app
