// `guildhall backup PATH`: an online, consistent copy of the data directory
// into PATH, laid out as a data directory itself (restore = stop the node and
// point node.data_dir at it). Runs beside a serving node: LMDB is safe across
// processes, and the copy is one compacting read transaction.
#include <fmt/format.h>

#include <filesystem>

#include "node/app/commands/commands.h"
#include "node/app/options.h"

namespace guildhall::app {
namespace {

namespace fs = std::filesystem;

// Everything in data_dir besides the store and the search index (uploaded
// blobs, node keys). These
// files are written once and never changed, and they are copied after the
// store snapshot, so every file the snapshot refers to is there.
Result<> CopyFiles(const fs::path& data_dir, const fs::path& dest) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(data_dir, ec)) {
    // The search index is derived from the store and may be mid-commit; a
    // restored node rebuilds it (node/search/search_index.h).
    if (entry.path() == StoreDir(data_dir) || entry.path() == SearchDir(data_dir)) continue;
    fs::copy(entry.path(), dest / entry.path().filename(),
             fs::copy_options::recursive | fs::copy_options::skip_existing, ec);
    if (ec)
      return Error::Internal(fmt::format("copying {}: {}", entry.path().string(), ec.message()));
  }
  if (ec) return Error::Internal(fmt::format("reading {}: {}", data_dir.string(), ec.message()));
  return Ok();
}

int RunBackup(CliContext& ctx, const fs::path& dest) {
  auto core = OpenCoreForCommand(ctx, OpenMode::kExisting);
  if (!core) return ctx.exit_code;
  std::error_code ec;
  if (fs::create_directories(dest, ec)) fs::permissions(dest, fs::perms::owner_all, ec);
  auto done = core->store().Backup(StoreDir(dest));
  if (done) done = CopyFiles(core->config().node.data_dir, dest);
  if (!done) {
    fmt::print(stderr, "guildhall: backup: {}\n", done.error().message);
    return kExitFailure;
  }
  fmt::print("guildhall: backup of {} written to {}\n", core->config().node.data_dir.string(),
             dest.string());
  return kExitOk;
}

}  // namespace

void RegisterBackup(Command& root) {
  auto dest = std::make_shared<std::string>();
  root.Subcommand("backup", "Copy the data directory, consistently, while the node may be running.")
      .Option("PATH", dest.get(), "New directory to write the copy to", /*required=*/true)
      .Run([dest](CliContext& ctx) { return RunBackup(ctx, *dest); });
}

}  // namespace guildhall::app
