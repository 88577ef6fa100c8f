#include "node/community/file_names.h"

#include <algorithm>
#include <array>

#include "node/community/validation.h"

namespace guildhall::community {
namespace {

constexpr size_t kMaxName = 100;

struct TypeExtensions {
  std::string_view type;
  std::array<std::string_view, 3> extensions;  // first: the canonical one
};

constexpr TypeExtensions kKnown[] = {
    {"image/png", {".png"}},
    {"image/jpeg", {".jpg", ".jpeg"}},
    {"image/gif", {".gif"}},
    {"image/webp", {".webp"}},
    {"image/svg+xml", {".svg"}},
    {"application/pdf", {".pdf"}},
    {"application/zip", {".zip"}},
    {"text/plain", {".txt", ".md", ".csv"}},
    {"text/html", {".html", ".htm"}},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", {".pptx"}},
    {"application/vnd.oasis.opendocument.text", {".odt"}},
    {"application/vnd.oasis.opendocument.spreadsheet", {".ods"}},
    {"video/mp4", {".mp4"}},
    {"audio/mpeg", {".mp3"}},
};

bool IsSafeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

std::string_view Basename(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

std::string Sanitize(std::string_view name) {
  std::string out;
  for (char c : name) {
    const char safe = IsSafeChar(c) ? c : '_';
    if (safe == '_' && !out.empty() && out.back() == '_') continue;  // collapse runs
    out.push_back(safe);
  }
  const size_t first = out.find_first_not_of("._");
  return first == std::string::npos ? std::string() : out.substr(first);
}

bool HasExtension(std::string_view name, const TypeExtensions& t) {
  const std::string lower = AsciiLower(name);
  return std::any_of(t.extensions.begin(), t.extensions.end(), [&](std::string_view ext) {
    return !ext.empty() && lower.size() > ext.size() && lower.ends_with(ext);
  });
}

}  // namespace

std::string SafeFileName(std::string_view client_name, std::string_view media_type) {
  std::string name = Sanitize(Basename(client_name));
  if (name.empty()) name = "file";
  std::string_view ext;
  for (const auto& t : kKnown) {
    if (t.type == media_type && !HasExtension(name, t)) ext = t.extensions[0];
  }
  // Keep the end of the name (its extension) when cutting to length.
  const size_t room = kMaxName - ext.size();
  if (name.size() > room) name = name.substr(0, room - 8) + "_" + name.substr(name.size() - 7);
  return name + std::string(ext);
}

}  // namespace guildhall::community
