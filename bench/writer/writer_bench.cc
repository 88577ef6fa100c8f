// writer_bench: durable puts per second through LmdbStore::Write (single writer
// thread, group commit) with 1, 8 and 64 concurrent writers, against the
// reference measured in the same run: raw LMDB, one put per synced write
// transaction (run first and last; the reference is the mean of both). The
// lone writer is also measured alternating put by put with the reference,
// which cancels the drift of a shared disk. Prints a SUMMARY line with the
// ratios the targets in PERFORMANCE.md speak of: 64 writers >= 25x the raw
// single-put rate, 1 writer >= 1x.
// Stores live in a temp dir under $BENCH_DIR (default /var/tmp: a real disk,
// so every commit pays its fsync). WRITER_BENCH_NOSYNC=1 drops the fsyncs on
// both sides, which shows the writer's CPU cost per write (not a target).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "storage/lmdb/env.h"
#include "storage/lmdb/lmdb_store.h"
#include "storage/model/encoding.h"
#include "storage/model/tables.h"

namespace guildhall::storage::lmdb {
namespace {

constexpr TableDef kBench{1, "bench"};
const std::string kValue(100, 'v');  // a small record

std::filesystem::path bench_dir;
std::unique_ptr<LmdbStore> store;
std::atomic<uint64_t> next_key{1};

bool NoSync() {
  const char* v = std::getenv("WRITER_BENCH_NOSYNC");
  return v && std::string(v) == "1";
}

std::string NextKey() { return KeyBuilder().U64(next_key.fetch_add(1)).Take(); }

// The reference: a plain LMDB environment, one put per synced transaction.
struct RawEnv {
  std::optional<Env> env;
  MDB_dbi dbi = 0;

  static std::optional<RawEnv> Open() {
    auto env = Env::Open(bench_dir / ("raw" + std::to_string(next_key.load())),
                         EnvOptions{.no_sync = NoSync()});
    if (!env) return std::nullopt;
    RawEnv raw{std::move(*env)};
    auto txn = Txn::BeginWrite(*raw.env).value();
    raw.dbi = txn.OpenDbi("bench").value();
    if (!txn.Commit()) return std::nullopt;
    return raw;
  }
  bool Put() {
    auto txn = Txn::BeginWrite(*env).value();
    return txn.Put(dbi, NextKey(), kValue) && txn.Commit();
  }
};

bool StorePut() {
  return static_cast<bool>(
      store->Write([key = NextKey()](WriteTxn& tx) { return tx.Put(kBench, key, kValue); }));
}

void RawSinglePut(benchmark::State& state) {
  auto raw = RawEnv::Open();
  if (!raw) return state.SkipWithError("cannot open the raw environment");
  for (auto _ : state) {
    if (!raw->Put()) state.SkipWithError("raw put failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void StoreWrite(benchmark::State& state) {
  for (auto _ : state) {
    if (!StorePut()) state.SkipWithError("store write failed");
  }
  state.SetItemsProcessed(state.iterations());
}

// One writer against the reference, alternating put by put, so that both see
// the same disk: on a shared machine fsync latency drifts between runs by more
// than the difference being measured.
void AlternatingSinglePut(benchmark::State& state) {
  auto raw = RawEnv::Open();
  if (!raw) return state.SkipWithError("cannot open the raw environment");
  using Clock = std::chrono::steady_clock;
  Clock::duration raw_time{}, store_time{};
  for (auto _ : state) {
    const auto t0 = Clock::now();
    const bool raw_ok = raw->Put();
    const auto t1 = Clock::now();
    const bool store_ok = StorePut();
    raw_time += t1 - t0;
    store_time += Clock::now() - t1;
    if (!raw_ok || !store_ok) state.SkipWithError("put failed");
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["raw_per_s"] = n / std::chrono::duration<double>(raw_time).count();
  state.counters["store_per_s"] = n / std::chrono::duration<double>(store_time).count();
}

// Remembers each run's puts/s and prints the ratios after the last one.
class SummaryReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) rates_[{run.run_name.function_name, run.threads}] = it->second;
      if (auto raw = run.counters.find("raw_per_s"); raw != run.counters.end()) {
        alternating_raw_ = raw->second;
        alternating_store_ = run.counters.at("store_per_s");
      }
    }
  }
  double Rate(const std::string& name, int threads = 1) const {
    auto it = rates_.find({name, threads});
    return it == rates_.end() ? 0 : it->second;
  }
  void PrintSummary() const {
    const double raw = (Rate("raw_single_put/before") + Rate("raw_single_put/after")) / 2;
    const double w1 = Rate("store_write", 1);
    const double w8 = Rate("store_write", 8);
    const double w64 = Rate("store_write", 64);
    auto ratio = [&](double x) { return raw > 0 ? x / raw : 0; };
    const double alternating = alternating_raw_ > 0 ? alternating_store_ / alternating_raw_ : 0;
    std::printf(
        "SUMMARY writer_bench raw_single_put=%.0f/s writers_1=%.0f/s writers_8=%.0f/s "
        "writers_64=%.0f/s ratio_1=%.2fx ratio_8=%.2fx ratio_64=%.2fx (target >= 25x) "
        "alternating_1: raw=%.0f/s store=%.0f/s ratio=%.2fx (target >= 1x)\n",
        raw, w1, w8, w64, ratio(w1), ratio(w8), ratio(w64), alternating_raw_, alternating_store_,
        alternating);
  }

 private:
  double alternating_raw_ = 0;
  double alternating_store_ = 0;
  std::map<std::pair<std::string, int>, double> rates_;  // (name, threads) -> puts/s
};

std::filesystem::path MakeBenchDir() {
  const char* base = std::getenv("BENCH_DIR");
  std::string pattern = std::string(base ? base : "/var/tmp") + "/guildhall-writer-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) return {};
  return pattern;
}

int Main(int argc, char** argv) {
  bench_dir = MakeBenchDir();
  if (bench_dir.empty()) return std::perror("mkdtemp"), 1;
  LmdbOptions options;
  options.dir = bench_dir / "store";  // default sync: every batch is durable
  options.no_sync = NoSync();
  const std::array<const TableDef*, 2> tables{&tables::kMeta, &kBench};
  auto opened = LmdbStore::Open(options, tables);
  if (!opened) return std::fprintf(stderr, "%s\n", opened.error().message.c_str()), 1;
  store = std::move(*opened);

  benchmark::RegisterBenchmark("raw_single_put/before", RawSinglePut)->UseRealTime()->MinTime(2);
  for (int threads : {1, 8, 64}) {
    benchmark::RegisterBenchmark("store_write", StoreWrite)
        ->UseRealTime()
        ->Threads(threads)
        ->MinTime(2);
  }
  benchmark::RegisterBenchmark("raw_single_put/after", RawSinglePut)->UseRealTime()->MinTime(2);
  benchmark::RegisterBenchmark("alternating_single_put", AlternatingSinglePut)
      ->UseRealTime()
      ->MinTime(4);
  benchmark::Initialize(&argc, argv);
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintSummary();
  const StoreStats stats = store->Stats();
  std::printf(
      "store batches=%llu writes=%llu (%.1f writes per fsync)\n",
      static_cast<unsigned long long>(stats.batches_committed),
      static_cast<unsigned long long>(stats.writes_committed),
      stats.batches_committed ? double(stats.writes_committed) / stats.batches_committed : 0);
  store.reset();
  std::filesystem::remove_all(bench_dir);
  return 0;
}

}  // namespace
}  // namespace guildhall::storage::lmdb

int main(int argc, char** argv) { return guildhall::storage::lmdb::Main(argc, argv); }
