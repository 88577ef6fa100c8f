// The version line printed by `guildhall --version` and logged at startup:
// "guildhall 0.1.0", plus `git describe` in parentheses when built from a git
// checkout. Immutable; thread-safe.
#pragma once

#include <string>

namespace guildhall::app {

const std::string& VersionLine();

}  // namespace guildhall::app
