// `guildhall reindex`: rebuilds the search index (<data_dir>/search/) from the
// store. With the node stopped it rebuilds here and prints a progress line
// per thousand records; beside a running node (which holds the index open for
// writing) it forgets the index's event position instead, so that the node
// rebuilds it online while search keeps answering from the old documents.
#include <fmt/format.h>

#include "node/app/commands/commands.h"
#include "node/app/options.h"
#include "node/community/event_cursor.h"
#include "node/community/event_log.h"
#include "node/search/search_index.h"

namespace guildhall::app {
namespace {

int RunReindex(CliContext& ctx) {
  auto core = OpenCoreForCommand(ctx, OpenMode::kExisting);
  if (!core) return ctx.exit_code;
  storage::Store& store = core->store();
  auto index = search::SearchIndex::Open(SearchDir(core->config().node.data_dir), store);
  if (!index && index.error().code == Code::kConflict) {
    auto forgot = store.Write([](storage::WriteTxn& tx) {
      return community::ForgetConsumerPosition(tx, search::SearchIndex::kConsumerName);
    });
    if (!forgot) {
      fmt::print(stderr, "guildhall: reindex: {}\n", forgot.error().message);
      return kExitFailure;
    }
    fmt::print("the node is running: it rebuilds the search index now (search keeps answering)\n");
    return kExitOk;
  }
  // The events up to here are in what the rebuild reads.
  uint64_t head = 0;
  auto done = store.Read([&](storage::ReadTxn& tx) -> Result<> {
    head = GH_TRY(community::LastEventSeq(tx));
    return Ok();
  });
  if (done && index) {
    done = (*index)->RebuildWithProgress([](search::DocKind kind, uint64_t n) {
      fmt::print("reindex {} {}\n", search::KindName(kind), n);
      std::fflush(stdout);
    });
  }
  if (done) {
    done = store.Write([head](storage::WriteTxn& tx) {
      return community::SetConsumerPosition(tx, search::SearchIndex::kConsumerName, head);
    });
  }
  if (!index || !done) {
    fmt::print(stderr, "guildhall: reindex: {}\n", (!index ? index.error() : done.error()).message);
    return kExitFailure;
  }
  fmt::print("ok\n");
  return kExitOk;
}

}  // namespace

void RegisterReindex(Command& root) {
  root.Subcommand("reindex", "Rebuild the search index from the store (online if the node runs).")
      .Run(RunReindex);
}

}  // namespace guildhall::app
