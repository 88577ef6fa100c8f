#include "federation/log.h"

#include <spdlog/spdlog.h>

namespace guildhall::federation {

spdlog::logger& Log() {
  // Function-local static: initialised once, thread-safe (C++11 magic statics).
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("federation")) return existing;
    auto cloned = spdlog::default_logger()->clone("federation");
    spdlog::register_logger(cloned);
    return cloned;
  }();
  return *logger;
}

}  // namespace guildhall::federation
