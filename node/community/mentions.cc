#include "node/community/mentions.h"

#include <algorithm>

#include "node/community/validation.h"

namespace guildhall::community {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True if `line` opens or closes a fenced code block (``` or ~~~, CommonMark §4.5).
bool IsFence(std::string_view line) {
  size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  if (indent > 3) return false;
  line.remove_prefix(indent);
  return line.substr(0, 3) == "```" || line.substr(0, 3) == "~~~";
}

void ScanLine(std::string_view line, std::vector<std::string>& out) {
  bool in_code = false;
  for (size_t i = 0; i < line.size() && out.size() < kMaxMentions; ++i) {
    const char c = line[i];
    if (c == '`') in_code = !in_code;
    if (in_code || c != '@') continue;
    if (i > 0) {
      const char prev = line[i - 1];
      if (IsNameChar(prev) || prev == '.' || prev == '/' || prev == '@') continue;
    }
    size_t end = i + 1;
    while (end < line.size() && IsNameChar(line[end])) ++end;
    const size_t len = end - i - 1;
    if (len == 0 || len > 30 || (end < line.size() && line[end] == '@')) continue;
    std::string name = AsciiLower(line.substr(i + 1, len));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
    i = end - 1;
  }
}

}  // namespace

std::vector<std::string> ParseMentions(std::string_view markdown) {
  std::vector<std::string> out;
  bool in_fence = false;
  while (!markdown.empty()) {
    const size_t nl = markdown.find('\n');
    const std::string_view line = markdown.substr(0, nl);
    markdown.remove_prefix(nl == std::string_view::npos ? markdown.size() : nl + 1);
    if (IsFence(line)) {
      in_fence = !in_fence;
      continue;
    }
    if (!in_fence) ScanLine(line, out);
  }
  return out;
}

}  // namespace guildhall::community
