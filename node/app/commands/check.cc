// `guildhall check`: verifies every secondary index against its table in one
// read transaction (safe while the node runs) and prints a report; exit 1 if
// anything is inconsistent.
#include <fmt/format.h>

#include "node/app/commands/commands.h"

namespace guildhall::app {
namespace {

int RunCheck(CliContext& ctx) {
  auto core = OpenCoreForCommand(ctx, OpenMode::kExisting);
  if (!core) return ctx.exit_code;
  auto version = core->store().SchemaVersion();
  auto report = core->store().Check();
  if (!version || !report) {
    fmt::print(stderr, "guildhall: check: {}\n",
               (!version ? version.error() : report.error()).message);
    return kExitFailure;
  }
  fmt::print("schema_version={} records={} index_entries={} problems={}\n", *version,
             report->records, report->index_entries, report->problems.size());
  for (const std::string& problem : report->problems) fmt::print("problem: {}\n", problem);
  fmt::print("{}\n", report->ok() ? "ok" : "INCONSISTENT");
  return report->ok() ? kExitOk : kExitFailure;
}

}  // namespace

void RegisterCheck(Command& root) {
  root.Subcommand("check", "Verify every index against its table; exit 1 on problems.")
      .Run(RunCheck);
}

}  // namespace guildhall::app
