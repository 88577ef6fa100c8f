#include "node/app/cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "node/app/commands/commands.h"
#include "node/app/version.h"

namespace guildhall::app {
namespace {

constexpr RegisterCommand kCommands[] = {
    RegisterServe,  RegisterInit,  RegisterBackup,  RegisterCheck,
    RegisterConfig, RegisterAdmin, RegisterReindex,
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

Command Command::Subcommand(const std::string& name, const std::string& description) {
  CLI::App* sub = app_->add_subcommand(name, description);
  sub->fallthrough();  // the root's --config is accepted after the name too
  return Command(sub, ctx_);
}

Command& Command::Option(const std::string& names, std::string* value, const std::string& help,
                         bool required) {
  CLI::Option* option = app_->add_option(names, *value, help)->capture_default_str();
  if (required) option->required();
  return *this;
}

Command& Command::Options(const std::string& names, std::vector<std::string>* values,
                          const std::string& help, bool required) {
  CLI::Option* option = app_->add_option(names, *values, help);
  if (required) option->required();
  return *this;
}

Command& Command::Flag(const std::string& names, bool* value, const std::string& help) {
  app_->add_flag(names, *value, help);
  return *this;
}

Command& Command::Footer(const std::string& text) {
  app_->footer(text);
  return *this;
}

Command& Command::RequireSubcommand() {
  app_->require_subcommand(1);
  return *this;
}

Command& Command::Run(std::function<int(CliContext&)> run) {
  CliContext* ctx = ctx_;
  app_->callback([ctx, run = std::move(run)] { ctx->exit_code = run(*ctx); });
  return *this;
}

int RunCli(int argc, char** argv) {
  CliContext ctx;
  CLI::App app("Guildhall: a federated community node.", "guildhall");
  app.set_version_flag("--version", VersionLine());
  app.add_option("-c,--config", ctx.config_path,
                 "TOML config file (default: the embedded default config; see `guildhall config "
                 "--help`)");
  app.require_subcommand(1);
  Command root(&app, &ctx);
  for (RegisterCommand add : kCommands) add(root);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return ctx.exit_code;
}

}  // namespace guildhall::app
