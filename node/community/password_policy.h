// Which passwords are too weak to accept, beyond their length: one of the
// most common passwords (node/community/common_passwords.lst, John the
// Ripper's password.lst from Debian's john-data package, public domain; see
// its header), such a password with a few digits or symbols around it
// ("password12"), a run of repeated or sequential characters ("aaaaaaaaaa",
// "1234567890", "abcdefghij"), too few different characters, or one holding
// the account's username or display name. NIST SP 800-63B §5.1.1.2 asks
// for exactly these checks against known-bad passwords instead of
// composition rules. Pure functions over a list embedded at build time;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace guildhall::community {

// Why `password` is too weak for the account, as a phrase that completes
// "password: ..." ("is one of the most common passwords"), or empty when
// none of the rules above refuses it. `username` and `display_name` may be
// empty (nothing to compare).
std::string WeakPasswordReason(std::string_view password, std::string_view username,
                               std::string_view display_name);

// Whether `lowercase` is on the common-passwords list (exact match).
bool IsCommonPassword(std::string_view lowercase);

}  // namespace guildhall::community
