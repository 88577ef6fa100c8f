// MediaTypeDetector: the media type of uploaded bytes as libmagic sees them
// ("image/png"), never as the client claims. Loads the magic database on
// first use. Thread-safe: a libmagic cookie is not, so calls are serialized.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

struct magic_set;

namespace guildhall::community {

inline constexpr std::string_view kOctetStream = "application/octet-stream";

class MediaTypeDetector {
 public:
  MediaTypeDetector() = default;
  ~MediaTypeDetector();
  MediaTypeDetector(const MediaTypeDetector&) = delete;
  MediaTypeDetector& operator=(const MediaTypeDetector&) = delete;

  // kOctetStream when libmagic cannot tell (or is unavailable).
  std::string Detect(std::string_view bytes);

 private:
  std::mutex mu_;
  magic_set* cookie_ = nullptr;  // guarded by mu_
  bool loaded_ = false;          // guarded by mu_
};

// True for the image types browsers render safely as avatars.
bool IsAvatarImageType(std::string_view media_type);

}  // namespace guildhall::community
