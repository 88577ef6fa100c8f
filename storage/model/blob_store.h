// BlobStore: content-addressed storage for uploaded files, kept beside the
// key-value store (a record holds the hash; the bytes live here). A blob's
// name is the lower-case hex SHA-256 of its bytes, so the same content is
// stored once and a name can never point at different bytes.
// Implementations are thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "storage/model/result.h"

namespace guildhall::storage {

class BlobStore {
 public:
  virtual ~BlobStore() = default;

  // Stores `bytes` durably (or finds them already stored) and returns their
  // SHA-256 as 64 lower-case hex digits.
  virtual Result<std::string> Put(std::string_view bytes) = 0;

  // The file holding the blob, for streaming it out; nullopt if absent or if
  // `sha256` is not 64 lower-case hex digits.
  virtual std::optional<std::filesystem::path> PathOf(std::string_view sha256) const = 0;

  virtual bool Exists(std::string_view sha256) const = 0;
};

// True if `text` is 64 lower-case hex digits: the only names a BlobStore
// accepts, so a name can never be a path.
inline bool IsBlobName(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace guildhall::storage
