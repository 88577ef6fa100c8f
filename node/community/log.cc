#include "node/community/log.h"

#include <spdlog/spdlog.h>

namespace guildhall::community {

spdlog::logger& Log() {
  // Initialised once, thread-safely, on first use (after node/app has
  // configured the default logger).
  static const std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("community")) return existing;
    auto created = spdlog::default_logger()->clone("community");
    spdlog::register_logger(created);
    return created;
  }();
  return *logger;
}

}  // namespace guildhall::community
