#include "storage/lmdb/log.h"

#include <spdlog/spdlog.h>

namespace guildhall::storage::lmdb {

spdlog::logger& Log() {
  // Function-local static: initialised once, thread-safely, on first use
  // (after node/app has configured the default logger).
  static const std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("storage")) return existing;
    auto created = spdlog::default_logger()->clone("storage");
    spdlog::register_logger(created);
    return created;
  }();
  return *logger;
}

}  // namespace guildhall::storage::lmdb
