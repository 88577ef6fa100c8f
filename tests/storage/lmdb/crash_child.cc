// storage_crash_child: the process crash_test.cc kills with SIGKILL. Usage:
//   storage_crash_child <store dir> <threads> <round>
// Each thread writes notes through LmdbStore with default (durable) sync: new
// notes, updates that move their index entries, and writes that fail on
// purpose. After each acknowledged write it prints "<id> <score>\n" to stdout
// (a pipe; one write(2) of under PIPE_BUF bytes, so lines never interleave).
// Anything else the process prints, such as log lines, goes to stderr. It runs
// until killed.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "storage/lmdb/lmdb_store.h"
#include "tests/storage/test_notes.h"

namespace guildhall::storage::testing {
namespace {

int ack_fd = -1;  // the original stdout

void Acknowledge(uint64_t id, int64_t score) {
  const std::string line = std::to_string(id) + " " + std::to_string(score) + "\n";
  if (write(ack_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    std::_Exit(3);  // the parent is gone
  }
}

Note Version(uint64_t id, int64_t score) {
  Note n{Id{id},
         "h" + std::to_string(id) + "v" + std::to_string(score),
         score,
         {"all", "t" + std::to_string(score % 5)}};
  n.body = std::string(64 + (id * 37 + score) % 700, 'b');
  return n;
}

void WriteForever(lmdb::LmdbStore& store, uint64_t base) {
  std::vector<int64_t> scores;  // latest acknowledged score of each note
  for (uint64_t i = 0;; ++i) {
    if (i % 7 == 3) {  // fails on purpose: must leave no trace, others unharmed
      auto r = store.Write([&](WriteTxn& tx) -> Result<> {
        GH_CHECK(Notes::Put(tx, Version(base + 0xFFFFF, 0)));
        return Error::Invalid("on purpose");
      });
      if (r) std::_Exit(4);
      continue;
    }
    const bool update = !scores.empty() && i % 3 == 0;
    const size_t slot = update ? (i * 7919) % scores.size() : scores.size();
    const int64_t score = update ? scores[slot] + 1 : 0;
    const uint64_t id = base + slot + 1;
    if (auto r =
            store.Write([note = Version(id, score)](WriteTxn& tx) { return Notes::Put(tx, note); });
        !r) {
      std::fprintf(stderr, "crash child: write failed: %s\n", r.error().message.c_str());
      std::_Exit(2);
    }
    if (update) {
      scores[slot] = score;
    } else {
      scores.push_back(score);
    }
    Acknowledge(id, score);
  }
}

int Main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s <dir> <threads> <round>\n", argv[0]);
    return 1;
  }
  // Keep the acknowledgement pipe for acknowledgements only.
  ack_fd = dup(STDOUT_FILENO);
  dup2(STDERR_FILENO, STDOUT_FILENO);
  lmdb::LmdbOptions options;
  options.dir = argv[1];
  options.initial_map_bytes = 256 * 1024;  // grows under the crash test too
  const int threads = std::atoi(argv[2]);
  const uint64_t round = std::strtoull(argv[3], nullptr, 10);
  auto store = lmdb::LmdbStore::Open(options, kNoteTables);
  if (!store) {
    std::fprintf(stderr, "crash child: open failed: %s\n", store.error().message.c_str());
    return 1;
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    // Ids never repeat across threads or rounds.
    workers.emplace_back(WriteForever, std::ref(**store), (round << 32) | (uint64_t(t) << 24));
  }
  for (auto& w : workers) w.join();
  return 0;
}

}  // namespace
}  // namespace guildhall::storage::testing

int main(int argc, char** argv) { return guildhall::storage::testing::Main(argc, argv); }
