#include "storage/lmdb/blob_store.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "storage/model/storage_full.h"

namespace guildhall::storage::lmdb {
namespace fs = std::filesystem;
namespace {

Error SysError(std::string what, int err) {
  if (IsNoSpaceErrno(err)) return StorageFullError(what + ": " + std::strerror(err));
  return Error::Internal(std::move(what) + ": " + std::strerror(err));
}

Result<std::string> Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1) {
    return Error::Internal("SHA-256 failed");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kDigits[digest[i] >> 4]);
    hex.push_back(kDigits[digest[i] & 15]);
  }
  return hex;
}

Result<> FsyncPath(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return SysError("open " + path.string(), errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return SysError("fsync " + path.string(), err);
  return Ok();
}

Result<> WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("write blob", errno);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Ok();
}

}  // namespace

Result<std::unique_ptr<FileBlobStore>> FileBlobStore::Open(const fs::path& data_dir) {
  const fs::path root = data_dir / "blobs";
  std::error_code ec;
  fs::create_directories(root / "tmp", ec);
  if (ec) return Error::Internal("create " + (root / "tmp").string() + ": " + ec.message());
  // Temp files are only ever half-written blobs of a process that died.
  for (const auto& entry : fs::directory_iterator(root / "tmp", ec)) fs::remove(entry.path(), ec);
  return std::unique_ptr<FileBlobStore>(new FileBlobStore(root));
}

fs::path FileBlobStore::FinalPath(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2, 2)) /
         std::string(sha256);
}

Result<std::string> FileBlobStore::Put(std::string_view bytes) {
  auto hex = GH_TRY(Sha256Hex(bytes));
  const fs::path dest = FinalPath(hex);
  std::error_code ec;
  if (fs::is_regular_file(dest, ec)) return hex;  // same name, same bytes
  fs::create_directories(dest.parent_path(), ec);
  if (ec) return Error::Internal("create " + dest.parent_path().string() + ": " + ec.message());
  GH_CHECK(WriteDurably(dest, bytes));
  return hex;
}

Result<> FileBlobStore::WriteDurably(const fs::path& dest, std::string_view bytes) const {
  std::string tmp = (root_ / "tmp" / "blob-XXXXXX").string();
  const int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
  if (fd < 0) return SysError("create temp blob", errno);
  Result<> status = WriteAll(fd, bytes);
  if (status && ::fsync(fd) != 0) status = SysError("fsync temp blob", errno);
  if (::close(fd) != 0 && status) status = SysError("close temp blob", errno);
  if (status && ::rename(tmp.c_str(), dest.c_str()) != 0) status = SysError("rename blob", errno);
  if (!status) {
    ::unlink(tmp.c_str());
    return status;
  }
  // The rename is durable only once the directory entry is on disk.
  return FsyncPath(dest.parent_path(), O_RDONLY | O_DIRECTORY);
}

std::optional<fs::path> FileBlobStore::PathOf(std::string_view sha256) const {
  if (!IsBlobName(sha256)) return std::nullopt;
  fs::path path = FinalPath(sha256);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  return path;
}

bool FileBlobStore::Exists(std::string_view sha256) const { return PathOf(sha256).has_value(); }

}  // namespace guildhall::storage::lmdb
