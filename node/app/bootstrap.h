// First-start helpers of `guildhall init` and the admin commands: the node
// actor's key pair (a hook until federation is wired in) and generated
// passwords. Called on the main thread of a command only.
#pragma once

#include <optional>
#include <string>

#include "node/app/core.h"

namespace guildhall::app {

// Creates the node's signing keys if absent. TODO(federation): generate the
// RSA-2048 key of the node actor and store it under data_dir.
Result<> EnsureNodeKeys(Core& core);

// 20 characters from a 32-letter alphabet (100 bits) from getrandom(2).
std::string RandomPassword();

}  // namespace guildhall::app
