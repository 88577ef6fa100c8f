// `guildhall serve`: runs the node in the foreground until SIGTERM or SIGINT,
// then drains requests for http.shutdown_grace, stops the workers, closes the
// store and exits 0. SIGHUP re-reads the config file and applies its
// reloadable keys. --ready-file PATH receives the bound "host:port" once the
// node listens, so scripts and tests wait for it instead of sleeping.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "node/app/app.h"
#include "node/app/commands/commands.h"
#include "node/app/config_schema.h"
#include "node/app/logging.h"
#include "node/app/signals.h"
#include "node/app/version.h"

namespace guildhall::app {
namespace {

namespace fs = std::filesystem;

// Written to a temporary name and renamed, so a reader never sees half.
Result<> WriteReadyFile(const fs::path& path, const std::string& address) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << address << '\n';
    if (!out.flush()) return Error::Internal(fmt::format("cannot write {}", tmp.string()));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) return Error::Internal(fmt::format("cannot write {}: {}", path.string(), ec.message()));
  return Ok();
}

// SIGHUP: applies the reloadable keys of the file as it is now; a key that
// needs a restart is reported, not applied.
void Reload(const CliContext& ctx, const Config& running) {
  if (ctx.config_path.empty()) {
    Log().info("reload: no config file, nothing to reload");
    return;
  }
  auto fresh = LoadConfigFile(ctx.config_path);
  if (!fresh) {
    Log().error("reload: keeping the running config: {}", fresh.error().message);
    return;
  }
  Config unchanged = *fresh;
  unchanged.log.level = running.log.level;
  if (!(unchanged == running)) Log().warn("reload: changes to non-reloadable keys need a restart");
  // Logged before the new level applies, so that it shows at any level.
  Log().info("reload: applied config={} log_level={}", ctx.config_path,
             FindKey("log.level")->allowed[static_cast<size_t>(fresh->log.level)]);
  SetLogLevel(fresh->log.level);
}

std::string_view ModeName(FederationMode mode) {
  return FindKey("federation.mode")->allowed[static_cast<size_t>(mode)];
}

int RunServe(CliContext& ctx, const std::string& ready_file) {
  BlockTerminationSignals();  // first: every thread started later inherits it
  auto config = LoadConfigOrReport(ctx);
  if (!config) return ctx.exit_code;
  SetupLogging(config->log);
  FlushLogPeriodically();

  auto app = App::Open(*config);
  if (!app) {
    Log().critical("cannot open the node: {}", app.error().message);
    return kExitFailure;
  }
  if (auto started = (*app)->Start(); !started) {
    Log().critical("cannot listen on {}: {}", config->http.listen, started.error().message);
    return kExitFailure;
  }
  std::string address = (*app)->BoundAddress();
  if (!ready_file.empty()) {
    if (auto written = WriteReadyFile(ready_file, address); !written) {
      Log().critical("{}", written.error().message);
      return kExitFailure;
    }
  }
  Log().info("started version=\"{}\" listen={} domain={} data_dir={} federation_mode={} config={}",
             VersionLine(), address, config->node.domain, config->node.data_dir.string(),
             ModeName(config->federation.mode), config->source);

  App* serving = app->get();
  std::chrono::seconds grace = config->http.shutdown_grace;
  SignalThread signals(
      [serving, grace](int signal) {
        Log().info("stopping signal={} grace={}s", signal, grace.count());
        serving->Stop(grace);
      },
      [&ctx, &config] { Reload(ctx, *config); });
  serving->Run();
  app->reset();  // workers stopped, store closed
  std::error_code ignored;
  if (!ready_file.empty()) fs::remove(ready_file, ignored);
  Log().info("stopped");
  spdlog::shutdown();
  return kExitOk;
}

}  // namespace

void RegisterServe(Command& root) {
  auto ready_file = std::make_shared<std::string>();
  root.Subcommand("serve", "Run the node until SIGTERM or SIGINT.")
      .Option("--ready-file", ready_file.get(),
              "Once listening, write the bound host:port to this file (removed on exit)")
      .Run([ready_file](CliContext& ctx) { return RunServe(ctx, *ready_file); });
}

}  // namespace guildhall::app
