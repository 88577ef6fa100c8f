// FileBlobStore: BlobStore on the file system beside the LMDB environment:
// <data_dir>/blobs/ab/cd/<sha256>. A blob is written to a temp file in
// <data_dir>/blobs/tmp, fsynced, then renamed into place and its directory
// fsynced, so a crash leaves either the whole blob or none (and at worst a
// stray temp file, removed at the next Open). Thread-safe: concurrent Puts of
// the same bytes each rename a complete copy over the other.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/model/blob_store.h"

namespace guildhall::storage::lmdb {

class FileBlobStore final : public BlobStore {
 public:
  // Creates <data_dir>/blobs if needed and clears leftover temp files.
  static Result<std::unique_ptr<FileBlobStore>> Open(const std::filesystem::path& data_dir);
  FileBlobStore(const FileBlobStore&) = delete;
  FileBlobStore& operator=(const FileBlobStore&) = delete;

  Result<std::string> Put(std::string_view bytes) override;
  std::optional<std::filesystem::path> PathOf(std::string_view sha256) const override;
  bool Exists(std::string_view sha256) const override;

 private:
  explicit FileBlobStore(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path FinalPath(std::string_view sha256) const;
  Result<> WriteDurably(const std::filesystem::path& dest, std::string_view bytes) const;

  std::filesystem::path root_;  // <data_dir>/blobs
};

}  // namespace guildhall::storage::lmdb
