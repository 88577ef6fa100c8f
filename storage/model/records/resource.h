// Resource: a file or a link in a group's library. Files are content-
// addressed blobs (BlobStore); the record keeps the hash, size, the media
// type detected from the bytes, and a download-safe file name.
// Plain value + stateless codec; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/model/ids.h"
#include "storage/model/table.h"
#include "storage/model/tables.h"

namespace guildhall::storage {

enum class ResourceKind : uint8_t { kFile = 0, kLink = 1 };

struct Resource {
  Id id;
  Id group;
  Id uploader;
  ResourceKind kind = ResourceKind::kLink;
  std::string title;
  std::string description;  // Markdown
  std::string url;          // kLink
  std::string blob_sha256;  // kFile: lower-case hex
  uint64_t size = 0;        // kFile: bytes
  std::string media_type;   // kFile: detected from content
  std::string file_name;    // kFile: safe for Content-Disposition
  int64_t created = 0;
  bool removed = false;
  std::string removal_reason;
};

// Key: Id. Indexes: resources_by_group (Id group, Id id).
struct ResourceCodec {
  using Record = Resource;
  static constexpr const TableDef& kTable = tables::kResources;
  static std::string Key(const Resource& r);
  static std::string KeyOf(Id id);
  static std::string Encode(const Resource& r);
  static Result<Resource> Decode(std::string_view value);
  static void Indexes(const Resource& r, IndexEntries& out);
  static std::string ByGroupPrefix(Id group);
};

}  // namespace guildhall::storage
