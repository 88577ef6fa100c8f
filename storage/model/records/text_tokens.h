// Directory tokens: how free text (names, skills, teams, ...) becomes index
// keys, shared by the member codec (which writes the tokens) and the
// directory search (which looks them up), so both always agree.
// Lower-cases ASCII, folds Latin-1 and Latin Extended-A letters to ASCII
// ("José" -> "jose", "Straße" -> "strasse"), splits on everything that is not a
// letter or digit, and keeps a trailing '+' or '#' so "C++" and "C#" survive.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace guildhall::storage {

// Which profile field a token came from; part of the token index key, so the
// values are stored: never renumber.
enum class DirectoryField : uint8_t {
  kName = 1,  // username and display name
  kTitle = 2,
  kTeam = 3,
  kLocation = 4,
  kSkill = 5,
  kInterest = 6,
};

// Tokens are cut at this many bytes (longer words still match by prefix).
inline constexpr size_t kMaxTokenBytes = 48;

// Distinct tokens of `text`, in order of first appearance.
std::vector<std::string> Tokenize(std::string_view text);

}  // namespace guildhall::storage
