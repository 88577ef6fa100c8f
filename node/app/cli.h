// The command line: `guildhall [--config FILE] <command> ...`. Each command
// lives in node/app/commands/<name>.cc and registers itself through one line
// in cli.cc's kCommands. Commands describe themselves through Command, a thin
// facade over CLI11, so that only cli.cc compiles CLI11's headers.
// Exit codes: 0 success, 1 failure (including problems found by `check`),
// 2 bad usage or config. Single-threaded: commands start their own threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

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

// A command being declared. Bound variables must outlive parsing (own them
// with a shared_ptr captured by the Run function). Every command accepts the
// root's --config after its name as well.
class Command {
 public:
  Command(CLI::App* app, CliContext* ctx) : app_(app), ctx_(ctx) {}

  Command Subcommand(const std::string& name, const std::string& description);
  // `names` as CLI11 spells them: "--admin" for an option, "PATH" for a
  // positional argument.
  Command& Option(const std::string& names, std::string* value, const std::string& help,
                  bool required = false);
  Command& Flag(const std::string& names, bool* value, const std::string& help);
  // A positional (or option) taking one or more values ("DOMAIN...").
  Command& Options(const std::string& names, std::vector<std::string>* values,
                   const std::string& help, bool required = false);
  Command& Footer(const std::string& text);
  Command& RequireSubcommand();
  // Runs when this command is chosen; its return value is the exit code.
  Command& Run(std::function<int(CliContext&)> run);

 private:
  CLI::App* app_;
  CliContext* ctx_;
};

// Adds a command to `root`.
using RegisterCommand = void (*)(Command& root);

int RunCli(int argc, char** argv);

}  // namespace guildhall::app
