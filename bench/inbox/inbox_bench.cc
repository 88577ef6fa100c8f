// inbox_bench: the "inbox ingest" figure of shared PERFORMANCE.md.
// A real `guildhall serve` (plain HTTP on loopback, federation open, log
// level info) has a public group "lobby"; a remote actor, bob@remote.test,
// served by a loopback listener the node reaches through
// [federation.resolve], joins it with a signed Follow. Then N distinct
// Create(Note) POSTs to the group's inbox, each signed (draft-cavage,
// RSA-2048) before timing, are sent over K keep-alive connections by a
// one-thread epoll load generator on the same cores; every one must be
// verified, deduplicated, durably stored and answered 202. The 202s per
// second are set beside `openssl speed -multi 2 rsa2048` verify/s, run
// between the rounds (alternating, so the machine's other load hits both
// sides). Checked after each round: the group's thread_count grows by
// exactly N once the inbox processor has applied the rows (each applied
// Create also makes the group Announce it to bob: one signed delivery per
// post, running in the background as in production). After all rounds,
// replaying requests already accepted is answered 202 and stores nothing.
// Usage: inbox_bench [--requests N=5000] [--connections K=32] [--rounds R=3]
//                    [--seconds S=3] [--keep]
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/common/bench_node.h"
#include "bench/common/bench_support.h"
#include "bench/common/http_load.h"
#include "bench/common/remote_member.h"

namespace bench = guildhall::bench;

namespace {

constexpr double kTarget = 0.25;  // of openssl's 2-core verify rate

struct Args {
  int requests = 5000;
  int connections = 32;
  int rounds = 3;
  int seconds = 3;
  bool keep = false;
};

Args ParseArgs(int argc, char** argv) {
  bench::Flags flags(argc, argv);
  Args a;
  a.requests = flags.Int("--requests", a.requests);
  a.connections = flags.Int("--connections", a.connections);
  a.rounds = flags.Int("--rounds", a.rounds);
  a.seconds = flags.Int("--seconds", a.seconds);
  a.keep = flags.Has("--keep");
  flags.Check();
  return a;
}

// Requests already accepted, sent again: 202 and nothing new stored.
bool ReplayIsNoOp(bench::BenchNode& node, const std::string& token,
                  const std::vector<std::string>& accepted, int connections, long expected) {
  std::vector<std::string> replay(accepted.begin(),
                                  accepted.begin() + std::min<size_t>(1000, accepted.size()));
  const bench::LoadResult again = bench::RunKeepAliveLoad(node.port(), replay, connections);
  const long after = bench::GroupThreadCount(node, token, "lobby");
  const bool ok = again.Count(202) == replay.size() && after == expected;
  std::printf(
      "replayed %zu accepted POSTs: %llu answered 202, thread_count %ld (expected %ld) %s\n",
      replay.size(), (unsigned long long)again.Count(202), after, expected, ok ? "OK" : "WRONG");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = ParseArgs(argc, argv);
  bench::RemoteMember bob;
  const auto dir =
      std::filesystem::temp_directory_path() / ("inbox-bench-" + std::to_string(getpid()));
  bench::BenchNodeOptions options;
  options.binary = bench::GuildhallBinary(GUILDHALL_BINARY);
  options.dir = dir;
  options.port = bench::FreePort();
  options.resolve = {{"remote.test", bob.Endpoint()}};
  bench::BenchNode node(options);
  std::string token;
  if (!node.Init() || (token = node.CreateUserWithToken("ann", true)).empty() ||
      !node.CreateGroup("lobby", "public", "ann") || !node.Start()) {
    return 1;
  }
  if (!bob.Join(node, "lobby")) {
    std::fprintf(stderr, "bob did not become a member of lobby; see %s\n", node.log_path().c_str());
    return 1;
  }
  std::printf(
      "inbox_bench: %d rounds x %d signed Create(Note) POSTs to /g/lobby/inbox over %d "
      "keep-alive connections; node log level info; %s\n",
      a.rounds, a.requests, a.connections, dir.c_str());
  const auto prepared =
      bob.PrepareCreates(node, "lobby", a.rounds, a.requests, std::to_string(getpid()));
  std::printf("prepared %d signed requests (%zu bytes each)\n", a.rounds * a.requests,
              prepared[0][0].size());

  long expected = bench::GroupThreadCount(node, token, "lobby");
  std::vector<double> ours, per_cpu, openssl, openssl_wall;
  bool complete = true;
  std::string loads;
  for (int r = 0; r < a.rounds; ++r) {
    const std::string load = bench::LoadAverage();
    const bench::IngestFigures f =
        bench::Ingest(node, token, "lobby", prepared[r], a.connections, &expected);
    std::printf(
        "round %d: ingest %7.0f 202/s (%d in %.2f s, p99 %.1f ms; %.2f CPU s, %.0f per "
        "CPU s), all applied after %.2f s, load %s\n",
        r + 1, f.accepted_per_second, a.requests, f.seconds, f.p99_ms, f.cpu_seconds,
        a.requests / f.cpu_seconds, f.applied_seconds, load.c_str());
    const bench::RsaRates rates = bench::OpenSslRsa2048(a.seconds, 2);
    const bench::RsaRates wall = bench::OpenSslRsa2048(a.seconds, 2, /*elapsed=*/true);
    std::printf(
        "         openssl speed -multi 2 -seconds %d rsa2048: %.0f verify/s (%.0f with "
        "-elapsed), load %s\n",
        a.seconds, rates.verify, wall.verify, bench::LoadAverage().c_str());
    ours.push_back(f.accepted_per_second);
    per_cpu.push_back(a.requests / f.cpu_seconds);
    openssl.push_back(rates.verify);
    openssl_wall.push_back(wall.verify);
    complete = complete && f.complete;
    loads += (loads.empty() ? "" : " | ") + load;
  }
  const bool dedup_ok = ReplayIsNoOp(node, token, prepared[0], a.connections, expected);
  std::printf("deliveries the peer received (Accept + one Announce per thread): %zu\n",
              bob.DeliveriesReceived());

  const double median = bench::MedianOf(ours), reference = bench::MedianOf(openssl);
  const double ratio = reference > 0 ? median / reference : 0;
  std::printf(
      "\ninbox ingest (median of %d)  %8.0f 202/s | openssl -multi 2 verify %8.0f/s | "
      "ratio %.3f (target >= %.2f) %s%s\n",
      a.rounds, median, reference, ratio, kTarget, bench::Verdict(ratio, kTarget),
      complete && dedup_ok ? "" : "  [VOID: requests lost or not stored, see above]");
  // Both sides per wall second, and both per CPU second: on a busy shared
  // machine the wall-clock ingest rate measures the neighbours too, while
  // openssl's default figure is per CPU second.
  const double wall_ratio = median / std::max(1.0, bench::MedianOf(openssl_wall));
  const double cpu_ratio = 2 * bench::MedianOf(per_cpu) / std::max(1.0, reference);
  std::printf("  same, both per wall second (openssl -elapsed): ratio %.3f\n", wall_ratio);
  std::printf("  same, both per CPU second (2 x 202s per CPU s of node + generator): ratio %.3f\n",
              cpu_ratio);
  std::printf("load average at the rounds: %s\n", loads.c_str());
  node.Stop();
  if (!a.keep) std::filesystem::remove_all(dir);
  return complete && dedup_ok ? 0 : 1;
}
