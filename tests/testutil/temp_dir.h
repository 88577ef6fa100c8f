// TempDir: a fresh directory under the system temp dir, removed with all its
// contents when the object dies. Set GUILDHALL_KEEP_TEMP=1 to keep it for a
// post-mortem. Move-only; not thread-safe (one owner).
#pragma once

#include <filesystem>
#include <string_view>

namespace guildhall::testutil {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "guildhall-test");
  ~TempDir();
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&&) = delete;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace guildhall::testutil
