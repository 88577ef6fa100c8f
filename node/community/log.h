// The "community" logger, cloned lazily from spdlog's default logger so that
// node/app's sink and level apply. Thread-safe.
#pragma once

#include <spdlog/logger.h>

namespace guildhall::community {

spdlog::logger& Log();

}  // namespace guildhall::community
