#include "node/community/validation.h"

#include <algorithm>

namespace guildhall::community {
namespace {

bool HasControlChars(std::string_view text, bool multiline) {
  return std::any_of(text.begin(), text.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (multiline && (c == '\n' || c == '\t' || c == '\r')) return false;
    return u < 0x20 || u == 0x7F;
  });
}

std::string Characters(size_t n) {
  return std::to_string(n) + (n == 1 ? " character" : " characters");
}

}  // namespace

long Utf8Length(std::string_view text) {
  long count = 0;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t len = b < 0x80         ? 1
                       : (b >> 5) == 6  ? 2
                       : (b >> 4) == 14 ? 3
                       : (b >> 3) == 30 ? 4
                                        : 0;
    if (len == 0 || i + len > text.size()) return -1;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 2) return -1;
    }
    if (len == 2 && b < 0xC2) return -1;  // overlong
    i += len;
    ++count;
  }
  return count;
}

Validator& Validator::Text(std::string_view field, std::string_view value, size_t min, size_t max,
                           bool multiline) {
  const long n = Utf8Length(value);
  if (n < 0) return Check(false, field, "is not valid UTF-8 text");
  if (HasControlChars(value, multiline)) {
    return Check(false, field, multiline ? "contains control characters" : "must be a single line");
  }
  if (min > 0 && Trim(value).empty()) return Check(false, field, "is required");
  if (static_cast<size_t>(n) < min)
    return Check(false, field, "must be at least " + Characters(min));
  if (static_cast<size_t>(n) > max)
    return Check(false, field, "must be at most " + Characters(max));
  return *this;
}

Validator& Validator::Check(bool ok, std::string_view field, std::string_view message) {
  if (!ok && !HasProblem(field)) problems_.emplace_back(std::string(field), std::string(message));
  return *this;
}

bool Validator::HasProblem(std::string_view field) const {
  return std::any_of(problems_.begin(), problems_.end(),
                     [&](const auto& p) { return p.first == field; });
}

Result<> Validator::Finish() const {
  if (problems_.empty()) return Ok();
  std::string message;
  for (const auto& [field, problem] : problems_) {
    if (!message.empty()) message += "; ";
    message += field + ": " + problem;
  }
  return Error::Invalid(std::move(message));
}

bool IsValidUsername(std::string_view s) {
  if (s.empty() || s.size() > 30) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsValidSlug(std::string_view s) {
  if (s.size() < 2 || s.size() > 40 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsValidWebUrl(std::string_view s) {
  if (s.size() > 2048 || HasControlChars(s, false) || s.find(' ') != std::string_view::npos) {
    return false;
  }
  std::string_view rest;
  if (s.substr(0, 8) == "https://") {
    rest = s.substr(8);
  } else if (s.substr(0, 7) == "http://") {
    rest = s.substr(7);
  } else {
    return false;
  }
  const size_t host_end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, host_end);
  return !authority.empty() && authority.find('@') == std::string_view::npos;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace guildhall::community
