#include "federation/media/media_cache.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "federation/log.h"
#include "federation/signatures/digest.h"
#include "storage/model/log_field.h"

namespace guildhall::federation {
namespace {

namespace fs = std::filesystem;

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// The declared type without parameters, lower-cased.
std::string BareType(std::string_view header) {
  std::string type(header.substr(0, header.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

// A cached file is "<content type>\n<bytes>".
std::optional<Media> ReadCached(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  Media media;
  if (!std::getline(in, media.content_type)) return std::nullopt;
  std::stringstream rest;
  rest << in.rdbuf();
  media.bytes = rest.str();
  if (SniffImageType(media.bytes) != media.content_type) return std::nullopt;
  return media;
}

// Counts a running fetch for as long as it lives.
class FetchSlot {
 public:
  FetchSlot(std::atomic<size_t>& n, size_t max) : n_(n), held_(++n_ <= max) {}
  ~FetchSlot() { --n_; }
  bool held() const { return held_; }

 private:
  std::atomic<size_t>& n_;
  bool held_;
};

}  // namespace

std::string SniffImageType(std::string_view b) {
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.starts_with("\xff\xd8\xff")) return "image/jpeg";
  if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "image/gif";
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp" &&
      (b.substr(8, 4) == "avif" || b.substr(8, 4) == "avis"))
    return "image/avif";
  return {};
}

Result<std::unique_ptr<MediaCache>> MediaCache::Open(HttpClient& client, MediaOptions options) {
  std::error_code ec;
  fs::create_directories(options.dir / "tmp", ec);
  if (ec) return Error::Internal("media cache: cannot create " + options.dir.string());
  for (const auto& leftover : fs::directory_iterator(options.dir / "tmp", ec)) {
    fs::remove(leftover.path(), ec);  // a crash mid-write
  }
  return std::unique_ptr<MediaCache>(new MediaCache(client, std::move(options)));
}

MediaCache::MediaCache(HttpClient& client, MediaOptions options)
    : client_(client), options_(std::move(options)) {}

fs::path MediaCache::PathOf(std::string_view url) const { return options_.dir / Hex(Sha256(url)); }

Result<Media> MediaCache::Get(std::string_view url) {
  const fs::path path = PathOf(url);
  if (auto cached = ReadCached(path)) return std::move(*cached);
  Media media = GH_TRY(Fetch(url));
  Keep(path, media);
  return media;
}

Result<Media> MediaCache::Fetch(std::string_view url) {
  FetchSlot slot(fetching_, options_.max_concurrent_fetches);
  if (!slot.held()) return Error::Unavailable("media: too many fetches at once");
  HttpRequest request{.url = std::string(url), .headers = {{"Accept", "image/*"}}};
  auto response = client_.Send(request);
  if (!response) return response.error();
  if (!response->ok()) return StatusError(*response);
  if (response->body.size() > options_.max_file_bytes) {
    return Error::TooLarge("media: larger than " + std::to_string(options_.max_file_bytes));
  }
  const std::string declared = BareType(response->Header("Content-Type"));
  const std::string sniffed = SniffImageType(response->body);
  // The declared type must be the one the bytes are: a peer cannot pass
  // HTML or SVG (script) off as an image, even to a nosniff browser.
  if (sniffed.empty() || (declared != sniffed && declared != "application/octet-stream")) {
    return Error::Invalid("media: not an image we serve (" + declared + ")");
  }
  return Media{.content_type = sniffed, .bytes = std::move(response->body)};
}

void MediaCache::Keep(const fs::path& path, const Media& media) {
  const fs::path tmp = options_.dir / "tmp" / path.filename();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << media.content_type << '\n' << media.bytes;
    if (!out) return;  // a cache miss next time, nothing worse
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) fs::remove(tmp, ec);
  Trim();
}

// Oldest first until the cache is under 90% of its budget.
void MediaCache::Trim() {
  std::lock_guard lock(trim_mu_);
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(options_.dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    total += entry.file_size(ec);
    files.emplace_back(entry.last_write_time(ec), entry.path());
  }
  if (total <= options_.max_total_bytes) return;
  std::sort(files.begin(), files.end());
  const uint64_t target = options_.max_total_bytes / 10 * 9;
  for (const auto& [when, file] : files) {
    if (total <= target) break;
    const uint64_t size = fs::file_size(file, ec);
    if (fs::remove(file, ec)) total -= std::min(total, size);
  }
  Log().info("media cache trimmed dir={} bytes={}", LogField(options_.dir.string()), total);
}

}  // namespace guildhall::federation
