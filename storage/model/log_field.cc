#include "storage/model/log_field.h"

namespace guildhall {
namespace {

// Length of an escaped multi-byte sequence at s[i] (a C1 control encoded as
// C2 80..9F, or U+2028/U+2029 encoded as E2 80 A8/A9), or 0.
size_t EscapedSequence(std::string_view s, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (at(i) == 0xC2 && i + 1 < s.size() && at(i + 1) >= 0x80 && at(i + 1) <= 0x9F) return 2;
  if (at(i) == 0xE2 && i + 2 < s.size() && at(i + 1) == 0x80 &&
      (at(i + 2) == 0xA8 || at(i + 2) == 0xA9)) {
    return 3;
  }
  return 0;
}

bool NeedsQuotes(std::string_view s) {
  if (s.empty() || s.size() > kLogFieldMaxBytes) return true;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '\\' || c == '=') return true;
    if (c >= 0xC2 && EscapedSequence(s, i) != 0) return true;
  }
  return false;
}

// "\\x1b" (digits 2) or "\\u2028" (digits 4).
void AppendHex(std::string& out, std::string_view prefix, unsigned value, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
    out.push_back(kDigits[(value >> shift) & 15]);
}

// Appends s[i] (and the rest of its escaped sequence); returns the bytes used.
size_t AppendEscaped(std::string& out, std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  switch (c) {
    case '\n':
      out += "\\n";
      return 1;
    case '\r':
      out += "\\r";
      return 1;
    case '\t':
      out += "\\t";
      return 1;
    case '"':
      out += "\\\"";
      return 1;
    case '\\':
      out += "\\\\";
      return 1;
    default:
      break;
  }
  if (c < 0x20 || c == 0x7F) {
    AppendHex(out, "\\x", c, 2);
    return 1;
  }
  if (const size_t n = EscapedSequence(s, i); n == 2) {
    AppendHex(out, "\\u", static_cast<unsigned char>(s[i + 1]), 4);
    return 2;
  } else if (n == 3) {
    AppendHex(out, "\\u", static_cast<unsigned char>(s[i + 2]) == 0xA8 ? 0x2028 : 0x2029, 4);
    return 3;
  }
  out.push_back(s[i]);
  return 1;
}

}  // namespace

std::string LogField(std::string_view value) {
  if (!NeedsQuotes(value)) return std::string(value);
  const std::string_view kept = value.substr(0, kLogFieldMaxBytes);
  std::string out;
  out.reserve(kept.size() + 16);
  out.push_back('"');
  for (size_t i = 0; i < kept.size();) i += AppendEscaped(out, kept, i);
  if (kept.size() < value.size()) {
    out += "...(" + std::to_string(value.size()) + " bytes)";
  }
  out.push_back('"');
  return out;
}

}  // namespace guildhall
