// One registration function per command, each in its own file here. To add a
// command (`admin ...`, say): write commands/admin.cc with RegisterAdmin
// (using the Command facade of cli.h, never CLI11 directly), declare it
// below, and add it to kCommands in node/app/cli.cc.
#pragma once

#include <memory>

#include "node/app/cli.h"
#include "node/app/core.h"

namespace guildhall::app {

void RegisterServe(Command& root);
void RegisterInit(Command& root);
void RegisterBackup(Command& root);
void RegisterCheck(Command& root);
void RegisterConfig(Command& root);
void RegisterAdmin(Command& root);  // admin_context.cc
void RegisterReindex(Command& root);

// For one-shot commands: loads the config, sets up quiet logging and opens
// the Core. On failure prints why to stderr, sets ctx.exit_code (2 for a bad
// config, 1 otherwise) and returns null.
std::unique_ptr<Core> OpenCoreForCommand(CliContext& ctx, OpenMode mode);

}  // namespace guildhall::app
