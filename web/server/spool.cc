#include "web/server/spool.h"

#include <filesystem>
#include <system_error>

namespace guildhall::web::server_internal {

namespace fs = std::filesystem;
namespace beast = boost::beast;

Result<> ClearSpoolDir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::Internal("spool_dir " + dir + ": " + ec.message());
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove_all(entry.path(), ec);
  if (ec) return Error::Internal("spool_dir " + dir + ": cannot empty it: " + ec.message());
  return Ok();
}

Result<> OpenSpoolFile(const std::string& dir, uint64_t request_id,
                       beast::http::file_body::value_type& body) {
  // Request ids are unique within a process and the directory is emptied
  // at start, so write_new (O_EXCL) never meets an old file.
  const fs::path path = fs::path(dir) / ("req-" + std::to_string(request_id) + ".body");
  beast::file file;
  beast::error_code ec;
  file.open(path.c_str(), beast::file_mode::write_new, ec);
  if (ec) return Error::Internal("spool " + path.string() + ": " + ec.message());
  std::error_code unlinked;
  fs::remove(path, unlinked);
  if (unlinked) return Error::Internal("spool " + path.string() + ": " + unlinked.message());
  body.reset(std::move(file), ec);
  if (ec) return Error::Internal("spool " + path.string() + ": " + ec.message());
  return Ok();
}

Result<std::shared_ptr<const SpooledBody>> MapSpoolFile(beast::http::file_body::value_type& body) {
  auto mapped = SpooledBody::Map(body.file().native_handle());
  beast::error_code ignored;
  body.file().close(ignored);
  return mapped;
}

}  // namespace guildhall::web::server_internal
