// Mentions: the local usernames a Markdown text addresses as @username.
// Skips code (fenced blocks and `inline spans`), e-mail addresses and URLs
// (an @ preceded by a word character, '.', '/' or another '@'), and remote
// handles (@user@host, which federation resolves). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace guildhall::community {

// At most this many mentions per text notify anyone (an anti-spam bound).
inline constexpr size_t kMaxMentions = 20;

// Distinct lower-cased usernames in order of first appearance.
std::vector<std::string> ParseMentions(std::string_view markdown);

}  // namespace guildhall::community
