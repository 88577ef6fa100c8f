// Library: a group's shared files and links. A file's bytes go to the
// content-addressed BlobStore (identical uploads are stored once); its media
// type is detected from the bytes with libmagic (the client's claim is
// ignored) and its download name made safe. Files above the configured
// limit are refused with kTooLarge before anything is stored.
// Removing is for the uploader and moderators; a moderator's removal is
// audited. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "node/community/deps.h"
#include "node/community/media_types.h"
#include "node/community/options.h"
#include "node/community/pagination.h"
#include "storage/model/blob_store.h"
#include "storage/model/records/resource.h"

namespace guildhall::community {

struct FileUpload {
  std::string title;        // empty: the file name
  std::string description;  // Markdown, up to 5,000 characters
  std::string file_name;    // as the client sent it; made safe
  std::string_view bytes;   // must stay valid during the call
};

struct LinkDraft {
  std::string title;  // 1-200 characters
  std::string description;
  std::string url;  // http(s)
};

// What the web layer needs to stream a file out.
struct Download {
  std::filesystem::path path;
  std::string media_type;
  std::string file_name;
  uint64_t size = 0;
};

// "12.3 MB", "10 MB", "512 KB", "80 bytes" (1 MB = 1,048,576 bytes).
std::string FormatSize(uint64_t bytes);

class Library {
 public:
  Library(storage::Store& store, storage::BlobStore& blobs, const Clock& clock, IdGenerator& ids,
          Publisher& publisher, const CommunityOptions& options)
      : deps_{store, clock, ids, publisher}, blobs_(blobs), options_(options) {}
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  // Active members. kTooLarge "file is 12.3 MB; the limit is 10 MB".
  Result<storage::Resource> AddFile(Id actor, Id group, const FileUpload& upload);
  Result<storage::Resource> AddLink(Id actor, Id group, const LinkDraft& link);
  // The uploader, or a moderator (who must give a reason; audited).
  Result<> Remove(Id actor, Id resource, std::string_view reason);
  Result<storage::Resource> Get(Id viewer, Id resource);
  // Newest first; removed resources are left out.
  Result<Page<storage::Resource>> List(Id viewer, Id group, const PageRequest& page);
  // kNotFound for links, removed files, or files whose blob is missing.
  Result<Download> Open(Id viewer, Id resource);

 private:
  Result<storage::Resource> Insert(Id actor, Id group, storage::Resource r);

  ServiceDeps deps_;
  storage::BlobStore& blobs_;
  const CommunityOptions& options_;
  MediaTypeDetector detector_;
};

}  // namespace guildhall::community
