// `guildhall check`: verifies every secondary index against its table in one
// read transaction (safe while the node runs) and prints a report; exit 1 if
// anything is inconsistent.
#include <fmt/format.h>

#include <filesystem>

#include "node/app/commands/commands.h"
#include "node/app/options.h"
#include "node/search/search_index.h"

namespace guildhall::app {
namespace {

// The search index against the records: documents missing or left over. A
// node with a backlog of events shows the difference until it catches up.
bool CheckSearchIndex(Core& core) {
  const std::filesystem::path dir = SearchDir(core.config().node.data_dir);
  if (!std::filesystem::exists(dir)) {
    fmt::print("search_index absent (built when the node starts)\n");
    return true;
  }
  Result<search::IndexDrift> drift = Error::Internal("unset");
  try {
    drift = search::MeasureDrift(core.store(), Xapian::Database(dir.string()));
  } catch (const Xapian::Error& e) {
    drift = Error::Unavailable("search index: " + e.get_msg());
  }
  if (!drift) {
    fmt::print("problem: {}\n", drift.error().message);
    return false;
  }
  fmt::print("search_index documents={} expected={} missing={} extra={}\n", drift->indexed,
             drift->expected, drift->missing, drift->extra);
  if (!drift->ok()) fmt::print("problem: search index drift (run guildhall reindex)\n");
  return drift->ok();
}

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
  const bool index_ok = CheckSearchIndex(*core);
  const bool ok = report->ok() && index_ok;
  fmt::print("{}\n", ok ? "ok" : "INCONSISTENT");
  return ok ? kExitOk : kExitFailure;
}

}  // namespace

void RegisterCheck(Command& root) {
  root.Subcommand("check", "Verify every index against its table; exit 1 on problems.")
      .Run(RunCheck);
}

}  // namespace guildhall::app
