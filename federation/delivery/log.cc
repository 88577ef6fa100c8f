#include "federation/delivery/log.h"

#include <spdlog/spdlog.h>

namespace guildhall::federation {

spdlog::logger& DeliveryLog() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("delivery")) return existing;
    auto cloned = spdlog::default_logger()->clone("delivery");
    spdlog::register_logger(cloned);
    return cloned;
  }();
  return *logger;
}

}  // namespace guildhall::federation
