#include "node/app/cli.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "node/app/commands/commands.h"
#include "node/app/version.h"

namespace guildhall::app {
namespace {

constexpr RegisterCommand kCommands[] = {
    RegisterServe, RegisterInit, RegisterBackup, RegisterCheck, RegisterConfig,
};

}  // namespace

std::optional<Config> LoadConfigOrReport(CliContext& ctx) {
  auto config = ctx.config_path.empty() ? DefaultConfig() : LoadConfigFile(ctx.config_path);
  if (!config) {
    fmt::print(stderr, "{}\n", config.error().message);
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  }
  return std::move(*config);
}

int RunCli(int argc, char** argv) {
  CliContext ctx;
  CLI::App root("Guildhall: a federated community node.", "guildhall");
  root.set_version_flag("--version", VersionLine());
  root.add_option("-c,--config", ctx.config_path,
                  "TOML config file (default: the embedded default config; see `guildhall config "
                  "--help`)");
  root.require_subcommand(1);
  root.fallthrough();  // --config is accepted after the command name too
  for (RegisterCommand add : kCommands) add(root, ctx);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = root.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace guildhall::app
