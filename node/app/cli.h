// The command line: `guildhall [--config FILE] <command> ...`, built with
// CLI11. Each command lives in node/app/commands/<name>.cc and registers
// itself through one line in cli.cc's kCommands. Exit codes: 0 success,
// 1 failure (including problems found by `check`), 2 bad usage or config.
// Single-threaded: commands start their own threads.
#pragma once

#include <optional>
#include <string>

#include "node/app/config.h"

namespace CLI {
class App;
}

namespace guildhall::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// State shared by the root command and its subcommands.
struct CliContext {
  std::string config_path;  // --config; empty means the embedded default
  int exit_code = kExitOk;
};

// Loads --config, or the embedded default. On error prints "FILE: KEY: REASON"
// to stderr, sets exit code 2 and returns nullopt.
std::optional<Config> LoadConfigOrReport(CliContext& ctx);

// Adds a command to `root`; its callback sets ctx.exit_code.
using RegisterCommand = void (*)(CLI::App& root, CliContext& ctx);

int RunCli(int argc, char** argv);

}  // namespace guildhall::app
