// memory_bench: the "memory" and "cost of growth" figures of shared
// PERFORMANCE.md, on real `guildhall serve` processes.
//   memory: RssAnon (from /proc/PID/status; LMDB's mapped pages are file
//     pages and do not count) of a freshly initialised node, idle and after
//     some traffic (target < 64 MB), and of a node holding 100,000 members
//     and 1,000,000 posts, idle and after the traffic below (< 256 MB).
//   cost of growth: two nodes side by side, "small" with 1,000 posts and
//     "large" with 1,000,000 posts, both with the 100,000 members (all in
//     "lobby": only the number of posts differs), each with a public group
//     "lobby" holding its share of the posts. wrk -t2 -c64 on
//     the group page (signed in) and signed Create(Note) ingest into the
//     group's inbox, alternating small/large rounds: large must reach >= 80%
//     of small's rate (within 20%).
// Posts are loaded straight into the store (bench/common/store_loader.h),
// threads with 9 replies each; the large node's spread round-robin over 10
// groups, the small node's all in lobby (so both pages list 30 threads).
// Usage: memory_bench [--members N=100000] [--posts N=1000000]
//                     [--small-posts N=1000] [--seconds S=5] [--rounds R=3]
//                     [--requests N=1000] [--keep]
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench/common/bench_node.h"
#include "bench/common/bench_support.h"
#include "bench/common/remote_member.h"
#include "bench/common/store_loader.h"

namespace bench = guildhall::bench;

namespace {

constexpr double kIdleLimitMb = 64, kLoadedLimitMb = 256, kGrowthTarget = 0.8;
constexpr int kGroups = 10;

struct Args {
  long members = 100000;
  long posts = 1000000;
  long small_posts = 1000;
  int seconds = 5;
  int rounds = 3;
  int requests = 1000;
  bool keep = false;
};

Args ParseArgs(int argc, char** argv) {
  bench::Flags flags(argc, argv);
  Args a;
  a.members = flags.Int("--members", a.members, 0);
  a.posts = flags.Int("--posts", a.posts);
  a.small_posts = flags.Int("--small-posts", a.small_posts);
  a.seconds = flags.Int("--seconds", a.seconds);
  a.rounds = flags.Int("--rounds", a.rounds);
  a.requests = flags.Int("--requests", a.requests);
  a.keep = flags.Has("--keep");
  flags.Check();
  return a;
}

double Mb(long kb) { return kb / 1024.0; }

// One node of the comparison: initialised, its groups made, its admin's
// token and password kept for the API and the login form.
struct Node {
  std::unique_ptr<bench::BenchNode> node;
  std::string token, password, cookie;
  long expected_threads = 0;
};

std::vector<std::string> GroupSlugs() {
  std::vector<std::string> slugs = {"lobby"};
  for (int g = 2; g <= kGroups; ++g) slugs.push_back("group-" + std::to_string(g));
  return slugs;
}

bool Prepare(Node& n, const std::filesystem::path& dir, const std::string& resolve_to) {
  bench::BenchNodeOptions options;
  options.binary = bench::GuildhallBinary(GUILDHALL_BINARY);
  options.dir = dir;
  options.port = bench::FreePort();
  options.resolve = {{"remote.test", resolve_to}};
  n.node = std::make_unique<bench::BenchNode>(options);
  if (!n.node->Init()) return false;
  n.token = n.node->CreateUserWithToken("ann", true, &n.password);
  if (n.token.empty()) return false;
  for (const std::string& slug : GroupSlugs()) {
    if (!n.node->CreateGroup(slug, "public", "ann")) return false;
  }
  return true;
}

// The small node's posts all go to lobby, so that its page lists as many
// threads as the large one's (30): only what is stored elsewhere differs.
bool Load(Node& n, long members, long posts, bool spread) {
  bench::LoadSpec spec;
  spec.data_dir = n.node->data_dir();
  spec.groups = spread ? GroupSlugs() : std::vector<std::string>{"lobby"};
  spec.members = members;
  spec.posts = posts;
  auto stats = bench::LoadCommunity(spec);
  if (!stats) {
    std::fprintf(stderr, "load: %s\n", stats.error().message.c_str());
    return false;
  }
  std::printf("loaded %ld members, %ld threads, %ld replies in %.1f s\n", stats->members,
              stats->threads, stats->replies, stats->seconds);
  return true;
}

// Some of every kind of traffic the benchmark makes, so that RssAnon
// includes what serving them allocates.
void Warm(Node& n) {
  for (int i = 0; i < 200; ++i) {
    n.node->Request("GET", "/g/lobby", {{"Cookie", n.cookie}});
    n.node->Api(n.token, "GET", "/groups/lobby/threads?limit=50");
  }
}

struct Pair {
  double small = 0, large = 0;
};

Pair PageRounds(Node& small, Node& large, const Args& a) {
  std::printf("  /g/lobby: small answers %zu bytes, large %zu bytes\n",
              small.node->Request("GET", "/g/lobby", {{"Cookie", small.cookie}}).body.size(),
              large.node->Request("GET", "/g/lobby", {{"Cookie", large.cookie}}).body.size());
  std::vector<double> s, l;
  for (int r = 0; r < a.rounds; ++r) {
    s.push_back(
        bench::RunWrk(small.node->port(), "/g/lobby", a.seconds, 64, {"Cookie: " + small.cookie})
            .requests_per_second);
    l.push_back(
        bench::RunWrk(large.node->port(), "/g/lobby", a.seconds, 64, {"Cookie: " + large.cookie})
            .requests_per_second);
    std::printf("  page round %d: small %.0f req/s | large %.0f req/s | load %s\n", r + 1, s.back(),
                l.back(), bench::LoadAverage().c_str());
  }
  return {bench::MedianOf(s), bench::MedianOf(l)};
}

Pair IngestRounds(Node& small, Node& large, bench::RemoteMember& bob, const Args& a) {
  const auto tag = std::to_string(getpid());
  const auto for_small = bob.PrepareCreates(*small.node, "lobby", a.rounds, a.requests, tag + "s");
  const auto for_large = bob.PrepareCreates(*large.node, "lobby", a.rounds, a.requests, tag + "l");
  std::vector<double> s, l;
  for (int r = 0; r < a.rounds; ++r) {
    auto fs =
        bench::Ingest(*small.node, small.token, "lobby", for_small[r], 32, &small.expected_threads);
    auto fl =
        bench::Ingest(*large.node, large.token, "lobby", for_large[r], 32, &large.expected_threads);
    s.push_back(fs.accepted_per_second);
    l.push_back(fl.accepted_per_second);
    std::printf("  ingest round %d: small %.0f 202/s%s | large %.0f 202/s%s | load %s\n", r + 1,
                s.back(), fs.complete ? "" : " (INCOMPLETE)", l.back(),
                fl.complete ? "" : " (INCOMPLETE)", bench::LoadAverage().c_str());
  }
  return {bench::MedianOf(s), bench::MedianOf(l)};
}

bool StartAndJoin(Node& n, bench::RemoteMember& bob) {
  if (!n.node->Start()) return false;
  n.cookie = n.node->LoginCookie("ann", n.password);
  n.expected_threads = bench::GroupThreadCount(*n.node, n.token, "lobby");
  return !n.cookie.empty() && bob.Join(*n.node, "lobby");
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = ParseArgs(argc, argv);
  const auto dir =
      std::filesystem::temp_directory_path() / ("memory-bench-" + std::to_string(getpid()));
  bench::RemoteMember bob;
  Node small, large;
  if (!Prepare(small, dir / "small", bob.Endpoint()) ||
      !Prepare(large, dir / "large", bob.Endpoint())) {
    return 1;
  }
  // Idle: a freshly initialised node, before and after a little traffic.
  if (!small.node->Start()) return 1;
  const long fresh_kb = small.node->RssAnonKb();
  small.cookie = small.node->LoginCookie("ann", small.password);
  Warm(small);
  const long fresh_warm_kb = small.node->RssAnonKb();
  small.node->Stop();
  std::printf(
      "memory_bench: load %s; loading %ld members into both, %ld posts into small, "
      "%ld into large\n",
      bench::LoadAverage().c_str(), a.members, a.small_posts, a.posts);
  std::fflush(stdout);
  if (!Load(small, a.members, a.small_posts, false) || !Load(large, a.members, a.posts, true)) {
    return 1;
  }
  if (!StartAndJoin(small, bob) || !StartAndJoin(large, bob)) return 1;
  const long large_idle_kb = large.node->RssAnonKb();

  std::printf(
      "cost of growth, wrk -t2 -c64 -d%ds on /g/lobby and %d-POST ingest bursts, "
      "%d rounds alternating\n",
      a.seconds, a.requests, a.rounds);
  const Pair page = PageRounds(small, large, a);
  const Pair ingest = IngestRounds(small, large, bob, a);
  Warm(large);
  const long large_busy_kb = large.node->RssAnonKb();
  const long small_busy_kb = small.node->RssAnonKb();
  small.node->Stop();
  large.node->Stop();

  const double idle_mb = Mb(std::max(fresh_kb, fresh_warm_kb));
  const double loaded_mb = Mb(std::max(large_idle_kb, large_busy_kb));
  std::printf(
      "\nRssAnon fresh node: %.1f MB at start, %.1f MB after traffic (target < %.0f MB) %s\n",
      Mb(fresh_kb), Mb(fresh_warm_kb), kIdleLimitMb, idle_mb < kIdleLimitMb ? "PASS" : "BELOW");
  std::printf(
      "RssAnon %ld members + %ld posts: %.1f MB idle, %.1f MB after the runs "
      "(target < %.0f MB) %s   [small node after the runs: %.1f MB]\n",
      a.members, a.posts, Mb(large_idle_kb), Mb(large_busy_kb), kLoadedLimitMb,
      loaded_mb < kLoadedLimitMb ? "PASS" : "BELOW", Mb(small_busy_kb));
  const double page_ratio = page.small > 0 ? page.large / page.small : 0;
  const double ingest_ratio = ingest.small > 0 ? ingest.large / ingest.small : 0;
  std::printf(
      "group page   %ld posts %8.0f req/s | %ld posts %8.0f req/s | ratio %.2f "
      "(target >= %.2f) %s\n",
      a.small_posts, page.small, a.posts, page.large, page_ratio, kGrowthTarget,
      bench::Verdict(page_ratio, kGrowthTarget));
  std::printf(
      "inbox ingest %ld posts %8.0f 202/s | %ld posts %8.0f 202/s | ratio %.2f "
      "(target >= %.2f) %s\n",
      a.small_posts, ingest.small, a.posts, ingest.large, ingest_ratio, kGrowthTarget,
      bench::Verdict(ingest_ratio, kGrowthTarget));
  std::printf("load average at the end: %s\n", bench::LoadAverage().c_str());
  if (!a.keep) std::filesystem::remove_all(dir);
  return 0;
}
