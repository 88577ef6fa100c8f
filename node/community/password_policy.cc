#include "node/community/password_policy.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>

#include "node/community/validation.h"

namespace guildhall::community {

// common_passwords.lst as one string (common_passwords_list.cc, written by
// node/community/CMakeLists.txt from the list at configure time).
std::string_view CommonPasswordsText();

namespace {

// Names shorter than this are too likely inside unrelated words to refuse.
constexpr size_t kMinNameLength = 3;
// Display-name words this long are compared one by one ("lovelace1815").
constexpr size_t kMinNameWordLength = 4;
// A stripped core shorter than this is too short to call a common password.
constexpr size_t kMinCoreLength = 4;
constexpr size_t kMinDistinct = 5;

const std::unordered_set<std::string>& CommonSet() {
  static const auto* set = [] {
    auto* out = new std::unordered_set<std::string>();
    std::string_view text = CommonPasswordsText();
    while (!text.empty()) {
      const size_t end = std::min(text.find('\n'), text.size());
      const std::string_view line = text.substr(0, end);
      text.remove_prefix(std::min(end + 1, text.size()));
      if (line.empty() || line.starts_with("#!comment:")) continue;
      out->insert(AsciiLower(line));
    }
    return out;
  }();
  return *set;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The password without the digits, symbols and spaces at either end:
// "!password12" -> "password".
std::string_view Core(std::string_view s) {
  while (!s.empty() && !IsAsciiLetter(s.front())) s.remove_prefix(1);
  while (!s.empty() && !IsAsciiLetter(s.back())) s.remove_suffix(1);
  return s;
}

// Common letter substitutions undone: "p@ssw0rd" -> "password".
std::string Unleet(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    switch (c) {
      case '@':
      case '4':
        c = 'a';
        break;
      case '0':
        c = 'o';
        break;
      case '1':
      case '!':
        c = 'i';
        break;
      case '3':
        c = 'e';
        break;
      case '$':
      case '5':
        c = 's';
        break;
      case '7':
        c = 't';
        break;
      default:
        break;
    }
  }
  return out;
}

// The step from `a` to `b` when it is -1, 0 or +1 ('0' follows '9').
std::optional<int> Step(char a, char b) {
  if (a == '9' && b == '0') return 1;
  if (a == '0' && b == '9') return -1;
  const int d = static_cast<unsigned char>(b) - static_cast<unsigned char>(a);
  if (d >= -1 && d <= 1) return d;
  return std::nullopt;
}

// How many characters belong to runs of three or more that repeat one
// character or step through consecutive ones ("aaa", "abcd", "4321").
size_t CharsInRuns(std::string_view s) {
  size_t total = 0;
  size_t start = 0;
  while (start + 1 < s.size()) {
    const auto step = Step(s[start], s[start + 1]);
    size_t end = start + 1;
    while (step && end + 1 < s.size() && Step(s[end], s[end + 1]) == step) ++end;
    const size_t length = step ? end - start + 1 : 1;
    if (length >= 3) total += length;
    start = length >= 3 ? end + 1 : start + 1;
  }
  return total;
}

size_t DistinctChars(std::string_view s) {
  std::string sorted(s);
  std::sort(sorted.begin(), sorted.end());
  return static_cast<size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
}

std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

bool ContainsName(const std::string& password, std::string_view name, size_t min_length) {
  const std::string needle = WithoutSpaces(AsciiLower(Trim(name)));
  return needle.size() >= min_length && password.find(needle) != std::string::npos;
}

bool ContainsNameWord(const std::string& password, std::string_view display_name) {
  std::string_view rest = display_name;
  while (!rest.empty()) {
    const size_t end = std::min(rest.find(' '), rest.size());
    if (ContainsName(password, rest.substr(0, end), kMinNameWordLength)) return true;
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  return false;
}

}  // namespace

bool IsCommonPassword(std::string_view lowercase) {
  return CommonSet().contains(std::string(lowercase));
}

std::string WeakPasswordReason(std::string_view password, std::string_view username,
                               std::string_view display_name) {
  const std::string lower = AsciiLower(password);
  const std::string compact = WithoutSpaces(lower);
  if (ContainsName(compact, username, kMinNameLength)) return "must not contain your username";
  if (ContainsName(compact, display_name, kMinNameLength) ||
      ContainsNameWord(compact, display_name)) {
    return "must not contain your name";
  }
  if (IsCommonPassword(lower)) return "is one of the most common passwords";
  const std::string_view core = Core(lower);
  if (core.size() >= kMinCoreLength && (IsCommonPassword(core) || IsCommonPassword(Unleet(core)))) {
    return "is a common password with a few characters changed or added";
  }
  if (CharsInRuns(lower) * 2 >= lower.size()) {
    return "is mostly repeated or sequential characters (like aaaa or 1234)";
  }
  if (DistinctChars(lower) < kMinDistinct) return "uses too few different characters";
  return {};
}

}  // namespace guildhall::community
