#include "web/log.h"

#include <spdlog/spdlog.h>

#include <memory>

namespace guildhall::web {

spdlog::logger& Log() {
  // A function-local static makes the clone happen once, on first use, after
  // node/app has configured the default logger.
  static const std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("web")) return existing;
    auto clone = spdlog::default_logger()->clone("web");
    spdlog::register_logger(clone);
    return clone;
  }();
  return *logger;
}

}  // namespace guildhall::web
