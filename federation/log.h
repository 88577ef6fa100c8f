// The "federation" logger: one line per event, key=value fields
// (`activity=... actor=... key_id=...`). Cloned lazily from spdlog's default
// logger, which node/app configures before anything logs. Thread-safe.
#pragma once

#include <spdlog/logger.h>

namespace guildhall::federation {

spdlog::logger& Log();

}  // namespace guildhall::federation
