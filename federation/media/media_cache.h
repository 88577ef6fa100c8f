// MediaCache: the node's media proxy store. Images that remote content
// carries (attachments, custom emoji) are fetched by the node, never by its
// members' browsers, so a peer learns nothing of who reads what (issue 9).
// A fetch is bounded in bytes, time and concurrency, accepts only raster
// image types whose bytes match their declared type, and is kept under
// <data_dir>/media/<sha256 of the URL> (written to a temporary file and
// renamed, so a crash leaves a whole file or none), with the oldest files
// removed past a total size. Callers decide which URLs may be fetched (the
// media pages serve only URLs stored with content the viewer can read).
// Thread-safe; Get blocks the calling thread for up to `fetch_timeout`.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

#include "federation/http/client.h"
#include "storage/model/result.h"

namespace guildhall::federation {

struct MediaOptions {
  std::filesystem::path dir;                // <data_dir>/media
  size_t max_file_bytes = 5 << 20;          // one image
  uint64_t max_total_bytes = 256ull << 20;  // the whole cache
  size_t max_concurrent_fetches = 4;        // more at once: kUnavailable
  std::chrono::milliseconds fetch_timeout{std::chrono::seconds(10)};
};

struct Media {
  std::string content_type;  // one of image/png, image/jpeg, image/gif, image/webp, image/avif
  std::string bytes;
};

// The image type `bytes` start with, or "" if none we serve.
std::string SniffImageType(std::string_view bytes);

class MediaCache {
 public:
  // `client` is used for GETs only (unsigned) and must outlive the cache.
  static Result<std::unique_ptr<MediaCache>> Open(HttpClient& client, MediaOptions options);
  MediaCache(const MediaCache&) = delete;
  MediaCache& operator=(const MediaCache&) = delete;

  // The image at `url`, from the cache or fetched now. kInvalid: not an
  // image we serve (type, or bytes not matching it); kTooLarge: past
  // max_file_bytes; kUnavailable: the peer failed or too many fetches run;
  // kNotFound: the peer answered 404/410.
  Result<Media> Get(std::string_view url);

 private:
  MediaCache(HttpClient& client, MediaOptions options);
  Result<Media> Fetch(std::string_view url);
  std::filesystem::path PathOf(std::string_view url) const;
  void Keep(const std::filesystem::path& path, const Media& media);
  void Trim();

  HttpClient& client_;
  const MediaOptions options_;
  std::atomic<size_t> fetching_{0};
  std::mutex trim_mu_;  // one Trim at a time
};

}  // namespace guildhall::federation
