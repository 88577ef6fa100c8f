#include "node/app/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace guildhall::app {
namespace {

spdlog::level::level_enum ToSpdlog(LogLevel level) {
  // LogLevel mirrors spdlog's order (config.h).
  return static_cast<spdlog::level::level_enum>(level);
}

}  // namespace

void SetupLogging(const LogConfig& config, bool quiet) {
  // Always stderr: a one-shot command's stdout is its result (a token, a
  // password, JSON), which scripts read with `| tail -1` or `$(...)`; a log
  // line there would be taken for it. journald and containers keep both.
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("app", std::move(sink));
  // ISO time with milliseconds, level, logger name, then key=value fields.
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %n: %v");
  spdlog::set_default_logger(logger);
  LogLevel level = config.level;
  if (quiet && level == LogLevel::kInfo) level = LogLevel::kWarn;
  SetLogLevel(level);
  spdlog::flush_on(spdlog::level::warn);
}

void SetLogLevel(LogLevel level) { spdlog::set_level(ToSpdlog(level)); }

void FlushLogPeriodically() { spdlog::flush_every(std::chrono::seconds(1)); }

spdlog::logger& Log() { return *spdlog::default_logger_raw(); }

}  // namespace guildhall::app
