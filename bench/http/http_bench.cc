// http_bench: guildhall's HTTP server against nginx on the same machine, in
// the same run. Both serve a 60 KB HTML page and a 2-byte body over
// keep-alive; wrk (-t2 -c64) drives each in turn, alternating for several
// rounds so that load from elsewhere on a shared machine hits both sides
// alike. Prints the median requests/s and p99 of each side and their ratio,
// the form the targets in PERFORMANCE.md are stated in.
// Usage: http_bench [seconds per run=3] [connections=64] [rounds=3] [server threads=2]
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "web/http/router.h"
#include "web/server/metrics.h"
#include "web/server/server.h"

namespace {

using guildhall::web::Request;
using guildhall::web::Response;

struct Figures {
  double requests_per_second = 0;
  std::string p99 = "?";
  bool errors = false;  // non-2xx answers or socket errors: the figure is void
};

// Runs wrk and picks "Requests/sec:" and the 99% latency line out of its report.
Figures RunWrk(uint16_t port, const std::string& path, int seconds, int connections) {
  std::string cmd = "wrk -t2 -c" + std::to_string(connections) + " -d" +
                    std::to_string(seconds) + "s --latency http://127.0.0.1:" +
                    std::to_string(port) + path + " 2>&1";
  Figures figures;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return figures;
  char line[512];
  while (fgets(line, sizeof line, pipe)) {
    std::string s(line);
    if (s.find("Requests/sec:") != std::string::npos) {
      figures.requests_per_second = std::atof(s.substr(s.find(':') + 1).c_str());
    }
    if (s.find("Non-2xx") != std::string::npos || s.find("Socket errors") != std::string::npos) {
      figures.errors = true;
      std::fputs(s.c_str(), stderr);
    }
    if (s.find(" 99%") != std::string::npos) {
      figures.p99 = s.substr(s.find("99%") + 3);
      figures.p99.erase(0, figures.p99.find_first_not_of(' '));
      figures.p99.erase(figures.p99.find_last_not_of(" \n") + 1);
    }
  }
  pclose(pipe);
  return figures;
}

uint16_t FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// nginx as PERFORMANCE.md measured it: sendfile on, tcp_nopush off.
pid_t StartNginx(const std::filesystem::path& dir, uint16_t port) {
  std::ofstream(dir / "nginx.conf")
      << "worker_processes 2;\ndaemon off;\npid " << (dir / "nginx.pid").string() << ";\n"
      << "error_log " << (dir / "error.log").string() << ";\n"
      << "events { worker_connections 4096; }\n"
      << "http { access_log off; sendfile on; tcp_nopush off; keepalive_requests 100000000;\n"
      << "  server { listen 127.0.0.1:" << port << "; root " << dir.string() << ";\n"
      << "    location = /tiny { default_type text/plain; return 200 'ok'; } } }\n";
  pid_t pid = fork();
  if (pid == 0) {
    execl("/usr/sbin/nginx", "nginx", "-p", dir.c_str(), "-c", (dir / "nginx.conf").c_str(),
          nullptr);
    _exit(127);
  }
  return pid;
}

// One GET with curl: "200 61442" when the side serves what it should.
std::string Probe(uint16_t port, const std::string& path) {
  std::string cmd = "curl -s -o /dev/null -w '%{http_code} %{size_download}' http://127.0.0.1:" +
                    std::to_string(port) + path;
  std::string out;
  if (FILE* pipe = popen(cmd.c_str(), "r")) {
    char buf[64];
    while (fgets(buf, sizeof buf, pipe)) out += buf;
    pclose(pipe);
  }
  return out;
}

double ParseMillis(const std::string& latency) {
  double v = std::atof(latency.c_str());
  if (latency.find("us") != std::string::npos) return v / 1000;
  if (latency.find("ms") != std::string::npos) return v;
  if (latency.find('s') != std::string::npos) return v * 1000;
  return v;
}

// Median of the rounds, by requests/s; p99 is the median p99.
Figures Median(std::vector<Figures> runs) {
  Figures out;
  std::vector<double> rates, p99s;
  for (const Figures& f : runs) {
    rates.push_back(f.requests_per_second);
    p99s.push_back(ParseMillis(f.p99));
    out.errors = out.errors || f.errors;
  }
  std::sort(rates.begin(), rates.end());
  std::sort(p99s.begin(), p99s.end());
  out.requests_per_second = rates[rates.size() / 2];
  char text[32];
  std::snprintf(text, sizeof text, "%.2fms", p99s[p99s.size() / 2]);
  out.p99 = text;
  return out;
}

void Report(const char* what, const Figures& ours, const Figures& nginx) {
  if (ours.errors || nginx.errors) std::printf("%s: errors during the run (above)\n", what);
  std::printf("%-22s guildhall %10.0f req/s p99 %-9s | nginx %10.0f req/s p99 %-9s | ratio %.2f\n",
              what, ours.requests_per_second, ours.p99.c_str(), nginx.requests_per_second,
              nginx.p99.c_str(),
              nginx.requests_per_second > 0 ? ours.requests_per_second / nginx.requests_per_second
                                            : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = argc > 1 ? std::atoi(argv[1]) : 3;
  int connections = argc > 2 ? std::atoi(argv[2]) : 64;
  int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  std::string pattern = (std::filesystem::temp_directory_path() / "http-bench-XXXXXX").string();
  std::filesystem::path dir = mkdtemp(pattern.data());
  // nginx workers run as an unprivileged user: they must be able to read it.
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all |
                                        std::filesystem::perms::group_read |
                                        std::filesystem::perms::group_exec |
                                        std::filesystem::perms::others_read |
                                        std::filesystem::perms::others_exec);
  std::string page = "<!doctype html><html><body>";
  while (page.size() < 60 * 1024 - 20) page += "<p>A thread title and an excerpt of its body.</p>\n";
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
  uint16_t nginx_port = FreePort();
  pid_t nginx = StartNginx(dir, nginx_port);
  usleep(300 * 1000);  // let nginx bind before wrk connects (a benchmark, not a test)

  std::printf("wrk -t2 -c%d -d%ds x %d rounds alternating, keep-alive, page %zu bytes\n",
              connections, seconds, rounds, page.size());
  for (const char* path : {"/page.html", "/tiny"}) {
    std::printf("probe %-10s guildhall: %s  nginx: %s\n", path, Probe(server.port(), path).c_str(),
                Probe(nginx_port, path).c_str());
    std::vector<Figures> ours, theirs;
    for (int round = 0; round < rounds; ++round) {
      ours.push_back(RunWrk(server.port(), path, seconds, connections));
      theirs.push_back(RunWrk(nginx_port, path, seconds, connections));
    }
    Report(path == std::string("/tiny") ? "2-byte body" : "60 KB page", Median(ours),
           Median(theirs));
  }

  kill(nginx, SIGTERM);
  waitpid(nginx, nullptr, 0);
  server.Stop(std::chrono::seconds(1));
  server.Join();
  std::filesystem::remove_all(dir);
  return 0;
}
