// pages_bench: the "group page" and "API read" figures of shared
// PERFORMANCE.md. A real `guildhall serve` (plain HTTP on loopback) holds a
// public group "lobby" with 50 threads. wrk -t2 -c64 then drives, in
// alternating rounds:
//   - GET /g/lobby (the group's HTML discussion tab) as a signed-in member
//     (session cookie from the login form), beside nginx serving the very
//     bytes guildhall answered as a static file: target >= 50% of nginx's
//     requests/s and p99 <= 4x nginx's;
//   - GET /api/v1/groups/lobby/threads?limit=50 with a bearer token, beside
//     nginx serving a file of the same size: target >= 50% of nginx's
//     requests/s.
// Usage: pages_bench [--seconds S=5] [--connections C=64] [--rounds R=3]
//                    [--threads N=50] [--keep]
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/common/bench_node.h"
#include "bench/common/bench_support.h"

namespace bench = guildhall::bench;

namespace {

struct Args {
  int seconds = 5;
  int connections = 64;
  int rounds = 3;
  int threads = 50;
  bool keep = false;
};

Args ParseArgs(int argc, char** argv) {
  bench::Flags flags(argc, argv);
  Args a;
  a.seconds = flags.Int("--seconds", a.seconds);
  a.connections = flags.Int("--connections", a.connections);
  a.rounds = flags.Int("--rounds", a.rounds);
  a.threads = flags.Int("--threads", a.threads);
  a.keep = flags.Has("--keep");
  flags.Check();
  return a;
}

// A thread as members write them: a title and a few paragraphs of Markdown.
std::string ThreadJson(int i) {
  const std::string title = "Planning notes, part " + std::to_string(i);
  const std::string body =
      "We met on Tuesday to go over the **quarterly plan**. Notes below; add what I missed.\n\n"
      "- budget review moves to the 14th\n- the new office opens in May\n"
      "- everyone: fill in the survey before Friday\n\n"
      "Questions for next time: who owns the onboarding guide, and do we keep the Thursday "
      "call? Reply here or ping me.";
  return "{\"title\":" + bench::JsonQuote(title) + ",\"body\":" + bench::JsonQuote(body) + "}";
}

bool Populate(bench::BenchNode& node, const std::string& token, int threads) {
  for (int i = 1; i <= threads; ++i) {
    bench::HttpAnswer made = node.Api(token, "POST", "/groups/lobby/threads", ThreadJson(i));
    if (made.status != 201) {
      std::fprintf(stderr, "POST thread %d: %u %s\n", i, made.status, made.body.c_str());
      return false;
    }
  }
  return true;
}

struct Side {
  const char* what;
  std::string path;                  // on guildhall
  std::vector<std::string> headers;  // for wrk and curl
  std::string file;                  // nginx's copy
};

struct Result {
  bench::WrkFigures ours, nginx;
};

Result Measure(const Side& side, uint16_t port, uint16_t nginx_port, const Args& a) {
  std::printf("probe %-28s guildhall: %s  nginx: %s\n", side.what,
              bench::Probe(port, side.path, side.headers).c_str(),
              bench::Probe(nginx_port, "/" + side.file).c_str());
  std::vector<bench::WrkFigures> ours, theirs;
  for (int round = 0; round < a.rounds; ++round) {
    ours.push_back(bench::RunWrk(port, side.path, a.seconds, a.connections, side.headers));
    theirs.push_back(bench::RunWrk(nginx_port, "/" + side.file, a.seconds, a.connections));
    std::printf(
        "  round %d: guildhall %.0f req/s p99 %.2f ms | nginx %.0f req/s p99 %.2f ms | "
        "load %s\n",
        round + 1, ours.back().requests_per_second, ours.back().p99_ms,
        theirs.back().requests_per_second, theirs.back().p99_ms, bench::LoadAverage().c_str());
  }
  return {bench::Median(ours), bench::Median(theirs)};
}

// Saves what guildhall answers on `side` as nginx's file; its size.
size_t Mirror(const Side& side, uint16_t port, const std::filesystem::path& dir) {
  const std::string body = bench::Fetch(port, side.path, side.headers);
  std::ofstream(dir / side.file, std::ios::binary) << body;
  return body.size();
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = ParseArgs(argc, argv);
  const uint16_t port = bench::FreePort();
  const auto dir =
      std::filesystem::temp_directory_path() / ("pages-bench-" + std::to_string(getpid()));
  bench::BenchNodeOptions options;
  options.binary = bench::GuildhallBinary(GUILDHALL_BINARY);
  options.dir = dir / "node";
  options.port = port;
  bench::BenchNode node(options);
  std::string token, password;
  if (!node.Init() || (token = node.CreateUserWithToken("ann", true, &password)).empty() ||
      !node.CreateGroup("lobby", "public", "ann") || !node.Start() ||
      !Populate(node, token, a.threads)) {
    return 1;
  }
  const std::string cookie = node.LoginCookie("ann", password);
  if (cookie.empty()) {
    std::fprintf(stderr, "login failed; see %s\n", node.log_path().c_str());
    return 1;
  }
  const auto www = dir / "www";
  std::filesystem::create_directories(www);
  const Side page{"group page /g/lobby", "/g/lobby", {"Cookie: " + cookie}, "page.html"};
  const Side api{"API /groups/lobby/threads",
                 "/api/v1/groups/lobby/threads?limit=" + std::to_string(a.threads),
                 {"Authorization: Bearer " + token, "Accept: application/json"},
                 "threads.json"};
  const size_t page_bytes = Mirror(page, port, www);
  const size_t api_bytes = Mirror(api, port, www);
  const uint16_t nginx_port = bench::FreePort();
  const pid_t nginx = bench::StartNginx(www, nginx_port);
  std::printf(
      "pages_bench: group with %d threads; page %zu bytes, API answer %zu bytes; "
      "wrk -t2 -c%d -d%ds x %d rounds alternating; load %s\n",
      a.threads, page_bytes, api_bytes, a.connections, a.seconds, a.rounds,
      bench::LoadAverage().c_str());

  const Result p = Measure(page, port, nginx_port, a);
  const Result r = Measure(api, port, nginx_port, a);
  bench::StopProcess(nginx);
  node.Stop();

  std::printf("\n");
  bench::PrintSideBySide("group page", p.ours, p.nginx);
  bench::PrintSideBySide("API threads", r.ours, r.nginx);
  const double page_ratio = p.ours.requests_per_second / std::max(1.0, p.nginx.requests_per_second);
  const double p99_ratio = p.ours.p99_ms / std::max(0.001, p.nginx.p99_ms);
  const double api_ratio = r.ours.requests_per_second / std::max(1.0, r.nginx.requests_per_second);
  std::printf("group page req/s ratio %.2f (target >= 0.50) %s\n", page_ratio,
              bench::Verdict(page_ratio, 0.5));
  std::printf("group page p99 %.1fx nginx's (target <= 4x) %s\n", p99_ratio,
              p99_ratio <= 4.0 ? "PASS" : "BELOW");
  std::printf("API read req/s ratio %.2f (target >= 0.50) %s\n", api_ratio,
              bench::Verdict(api_ratio, 0.5));
  std::printf("load average at the end: %s\n", bench::LoadAverage().c_str());
  if (!a.keep) std::filesystem::remove_all(dir);
  return p.ours.errors || r.ours.errors ? 1 : 0;
}
