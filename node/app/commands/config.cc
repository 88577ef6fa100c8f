// `guildhall config sample|check`: the sample config and a validity check,
// both from the key table; `guildhall config --help` lists every key.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "node/app/commands/commands.h"
#include "node/app/config_schema.h"

namespace guildhall::app {

void RegisterConfig(CLI::App& root, CliContext& ctx) {
  CLI::App* config = root.add_subcommand("config", "Print the sample config or check a config.");
  config->footer(KeyReference());
  config->require_subcommand(1);
  config->fallthrough();

  config->add_subcommand("sample", "Print a commented config with every key at its default.")
      ->fallthrough()
      ->callback([] { fmt::print("{}", SampleConfig()); });

  config->add_subcommand("check", "Validate the config given with --config, then exit.")
      ->fallthrough()
      ->callback([&ctx] {
        if (!LoadConfigOrReport(ctx)) return;
        fmt::print("{}: ok\n", ctx.config_path.empty() ? kDefaultConfigSource : ctx.config_path);
      });
}

}  // namespace guildhall::app
