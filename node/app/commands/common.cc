#include <fmt/format.h>

#include "node/app/commands/commands.h"
#include "node/app/logging.h"

namespace guildhall::app {

std::unique_ptr<Core> OpenCoreForCommand(CliContext& ctx, OpenMode mode) {
  auto config = LoadConfigOrReport(ctx);
  if (!config) return nullptr;
  SetupLogging(config->log, /*quiet=*/true);
  auto core = Core::Open(*config, mode, IdGenerator::CommandStream());
  if (!core) {
    fmt::print(stderr, "guildhall: {}\n", core.error().message);
    ctx.exit_code = kExitFailure;
    return nullptr;
  }
  return std::move(*core);
}

}  // namespace guildhall::app
