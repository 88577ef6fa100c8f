// http_bench: guildhall's HTTP server against nginx on the same machine, in
// the same run. Both serve a 60 KB HTML page and a 2-byte body over
// keep-alive; wrk (-t2 -c64) drives each in turn, alternating for several
// rounds so that load from elsewhere on a shared machine hits both sides
// alike. Prints the median requests/s and p99 of each side and their ratio,
// the form the targets in PERFORMANCE.md are stated in.
// Usage: http_bench [seconds per run=3] [connections=64] [rounds=3] [server threads=2]
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/common/bench_support.h"
#include "web/http/router.h"
#include "web/server/metrics.h"
#include "web/server/server.h"

namespace bench = guildhall::bench;
using guildhall::web::Request;
using guildhall::web::Response;

int main(int argc, char** argv) {
  int seconds = argc > 1 ? std::atoi(argv[1]) : 3;
  int connections = argc > 2 ? std::atoi(argv[2]) : 64;
  int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  std::string pattern = (std::filesystem::temp_directory_path() / "http-bench-XXXXXX").string();
  std::filesystem::path dir = mkdtemp(pattern.data());
  std::string page = "<!doctype html><html><body>";
  while (page.size() < 60 * 1024 - 20)
    page += "<p>A thread title and an excerpt of its body.</p>\n";
  page += "</body></html>\n";
  std::ofstream(dir / "page.html") << page;

  guildhall::web::Router router;
  guildhall::web::Metrics metrics;
  router.Add("GET", "/page.html", {.name = "page"},
             [&](const Request&) { return Response::Html(200, page); });
  router.Add("GET", "/tiny", {.name = "tiny"},
             [](const Request&) { return Response::Text(200, "ok"); });
  guildhall::web::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.threads = argc > 4 ? std::atoi(argv[4]) : 2;
  guildhall::web::Server server(options, router, metrics);
  if (auto started = server.Start(); !started) {
    std::fprintf(stderr, "server: %s\n", started.error().message.c_str());
    return 1;
  }
  server.RunInBackground();
  const uint16_t nginx_port = bench::FreePort();
  const pid_t nginx = bench::StartNginx(dir, nginx_port);

  std::printf("wrk -t2 -c%d -d%ds x %d rounds alternating, keep-alive, page %zu bytes, load %s\n",
              connections, seconds, rounds, page.size(), bench::LoadAverage().c_str());
  for (const char* path : {"/page.html", "/tiny"}) {
    std::printf("probe %-10s guildhall: %s  nginx: %s\n", path,
                bench::Probe(server.port(), path).c_str(), bench::Probe(nginx_port, path).c_str());
    std::vector<bench::WrkFigures> ours, theirs;
    for (int round = 0; round < rounds; ++round) {
      ours.push_back(bench::RunWrk(server.port(), path, seconds, connections));
      theirs.push_back(bench::RunWrk(nginx_port, path, seconds, connections));
    }
    bench::PrintSideBySide(path == std::string("/tiny") ? "2-byte body" : "60 KB page",
                           bench::Median(ours), bench::Median(theirs));
  }

  bench::StopProcess(nginx);
  server.Stop(std::chrono::seconds(1));
  server.Join();
  std::filesystem::remove_all(dir);
  return 0;
}
