// The "delivery" logger: one line per delivery event with key=value fields
// (`activity=... inbox=... host=... attempt=... status=...`) so an admin can
// follow an activity to each inbox. Cloned lazily from spdlog's default
// logger, which node/app configures first. Thread-safe.
#pragma once

#include <spdlog/logger.h>

namespace guildhall::federation {

spdlog::logger& DeliveryLog();

}  // namespace guildhall::federation
