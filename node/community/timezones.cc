#include "node/community/timezones.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace guildhall::community {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMaxNameBytes = 64;

// IANA names are ASCII letters, digits and "_+-", in '/'-separated parts
// (tz-link.html, "Names of timezones"); "." and ".." parts are never names.
bool IsWellFormed(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  size_t part_start = 0;
  for (size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '/') {
      const std::string_view part = name.substr(part_start, i - part_start);
      if (part.empty() || part.front() == '.' || part.front() == '-') return false;
      part_start = i + 1;
      continue;
    }
    const char c = name[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '+' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool Inside(const fs::path& path, const fs::path& dir) {
  auto [d, p] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
  return d == dir.end() && p != path.end();
}

bool IsTzif(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, 4) && std::string_view(magic, 4) == "TZif";
}

}  // namespace

Result<> ValidateTimeZone(std::string_view name, const fs::path& zoneinfo_dir) {
  const Error invalid =
      Error::Invalid("time_zone: is not a known IANA time zone (e.g. Europe/Berlin)");
  if (!IsWellFormed(name)) return invalid;
  std::error_code ec;
  const fs::path dir = fs::canonical(zoneinfo_dir, ec);
  if (ec) return Error::Internal("time zone database missing: " + zoneinfo_dir.string());
  // Debian keeps old names as symlinks to the new ones: resolve, then insist
  // that the target is still inside the database.
  const fs::path file = fs::canonical(dir / std::string(name), ec);
  if (ec || !Inside(file, dir) || !fs::is_regular_file(file, ec) || !IsTzif(file)) return invalid;
  return Ok();
}

}  // namespace guildhall::community
