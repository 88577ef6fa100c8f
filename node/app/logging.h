// Logging setup: one stderr sink (the systemd journal reads it; stdout is
// left to command results) shared by the default logger, named "app", and
// every module's logger cloned from it
// (<module>/log.cc). Call SetupLogging before anything logs; the rest is
// thread-safe, as spdlog is.
#pragma once

#include <spdlog/logger.h>

#include "node/app/config.h"

namespace guildhall::app {

// Installs the default logger. One-shot commands pass `quiet` so that only
// warnings and errors mix with their own output, unless the config asks for
// debug or trace.
void SetupLogging(const LogConfig& config, bool quiet = false);

// Applies a new level to every registered logger (SIGHUP reload).
void SetLogLevel(LogLevel level);

// Flushes buffered lines every second (long-running `serve`; warnings and
// errors are flushed at once anyway). Starts a thread: call after signals are
// blocked.
void FlushLogPeriodically();

// node/app's own logger ("app").
spdlog::logger& Log();

}  // namespace guildhall::app
