#include "node/community/jsonl.h"

#include <algorithm>

#include "node/community/validation.h"

namespace guildhall::community {
namespace {

void AppendEscaped(std::string& out, char c) {
  static constexpr char kDigits[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default:
      break;
  }
  const auto u = static_cast<unsigned char>(c);
  if (u < 0x20 || u == 0x7F) {
    out += "\\u00";
    out.push_back(kDigits[u >> 4]);
    out.push_back(kDigits[u & 15]);
    return;
  }
  out.push_back(c);
}

// Length of the valid UTF-8 sequence at s[i], or 0.
size_t SequenceLength(std::string_view s, size_t i) {
  const size_t max = std::min<size_t>(4, s.size() - i);
  for (size_t len = 1; len <= max; ++len) {
    if (Utf8Length(s.substr(i, len)) == 1) return len;
  }
  return 0;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      AppendEscaped(out, s[i++]);
      continue;
    }
    const size_t len = SequenceLength(s, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  out.push_back('"');
}

void JsonObject::Key(std::string_view key) {
  if (out_.size() > 1) out_.push_back(',');
  AppendJsonString(out_, key);
  out_.push_back(':');
}

JsonObject& JsonObject::Str(std::string_view key, std::string_view value) {
  Key(key);
  AppendJsonString(out_, value);
  return *this;
}

JsonObject& JsonObject::Int(std::string_view key, int64_t value) {
  Key(key);
  out_ += std::to_string(value);
  return *this;
}

JsonObject& JsonObject::UInt(std::string_view key, uint64_t value) {
  Key(key);
  out_ += std::to_string(value);
  return *this;
}

std::string JsonObject::Take() {
  out_.push_back('}');
  return std::move(out_);
}

}  // namespace guildhall::community
