// The "web" logger: HTTP server, router and handlers log through it.
// Cloned lazily from spdlog's default logger, so node/app must configure the
// default logger's sinks and level before the first request is served.
// Thread-safe (spdlog loggers are).
#pragma once

#include <spdlog/logger.h>

namespace guildhall::web {

spdlog::logger& Log();

}  // namespace guildhall::web
