#include "node/community/media_types.h"

#include <magic.h>

#include <algorithm>

#include "node/community/log.h"

namespace guildhall::community {
namespace {
// libmagic looks at the head of a file; more only costs time.
constexpr size_t kSniffBytes = 1 << 20;
}  // namespace

MediaTypeDetector::~MediaTypeDetector() {
  if (cookie_) magic_close(cookie_);
}

std::string MediaTypeDetector::Detect(std::string_view bytes) {
  std::lock_guard lock(mu_);
  if (!loaded_) {
    loaded_ = true;
    cookie_ = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
    if (cookie_ && magic_load(cookie_, nullptr) != 0) {
      Log().error("libmagic: cannot load database: {}", magic_error(cookie_));
      magic_close(cookie_);
      cookie_ = nullptr;
    }
  }
  if (!cookie_ || bytes.empty()) return std::string(kOctetStream);
  const char* type = magic_buffer(cookie_, bytes.data(), std::min(bytes.size(), kSniffBytes));
  if (!type || std::string_view(type).find('/') == std::string_view::npos) {
    return std::string(kOctetStream);
  }
  return type;
}

bool IsAvatarImageType(std::string_view t) {
  return t == "image/png" || t == "image/jpeg" || t == "image/gif" || t == "image/webp";
}

}  // namespace guildhall::community
