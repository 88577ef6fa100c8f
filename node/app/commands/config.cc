// `guildhall config sample|check`: the sample config and a validity check,
// both from the key table; `guildhall config --help` lists every key.
#include <fmt/format.h>

#include "node/app/commands/commands.h"
#include "node/app/config_schema.h"

namespace guildhall::app {

void RegisterConfig(Command& root) {
  Command config = root.Subcommand("config", "Print the sample config or check a config.");
  config.Footer(KeyReference()).RequireSubcommand();
  config.Subcommand("sample", "Print a commented config with every key at its default.")
      .Run([](CliContext&) {
        fmt::print("{}", SampleConfig());
        return kExitOk;
      });
  config.Subcommand("check", "Validate the config given with --config, then exit.")
      .Run([](CliContext& ctx) {
        if (!LoadConfigOrReport(ctx)) return ctx.exit_code;
        fmt::print("{}: ok\n", ctx.config_path.empty() ? kDefaultConfigSource : ctx.config_path);
        return kExitOk;
      });
}

}  // namespace guildhall::app
