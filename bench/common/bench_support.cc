#include "bench/common/bench_support.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace guildhall::bench {
namespace {

// Output of a shell command (stderr included), for wrk, curl and openssl.
std::string Capture(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen((command + " 2>&1").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    pclose(pipe);
  }
  return out;
}

// Each header as a quoted -H argument for wrk or curl.
std::string HeaderArgs(const std::vector<std::string>& headers) {
  std::string args;
  for (const std::string& h : headers) args += " -H '" + h + "'";
  return args;
}

double ParseMillis(std::string latency) {
  const double v = std::atof(latency.c_str());
  if (latency.find("us") != std::string::npos) return v / 1000;
  if (latency.find("ms") != std::string::npos) return v;
  if (latency.find('s') != std::string::npos) return v * 1000;
  return v;
}

}  // namespace

uint16_t FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  uint16_t port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

const char* Verdict(double ratio, double target) { return ratio >= target ? "PASS" : "BELOW"; }

WrkFigures RunWrk(uint16_t port, const std::string& path, int seconds, int connections,
                  const std::vector<std::string>& headers) {
  const std::string report = Capture("wrk -t2 -c" + std::to_string(connections) + " -d" +
                                     std::to_string(seconds) + "s --latency" + HeaderArgs(headers) +
                                     " http://127.0.0.1:" + std::to_string(port) + path);
  WrkFigures figures;
  std::istringstream lines(report);
  for (std::string s; std::getline(lines, s);) {
    if (s.find("Requests/sec:") != std::string::npos) {
      figures.requests_per_second = std::atof(s.substr(s.find(':') + 1).c_str());
    }
    if (s.find("Non-2xx") != std::string::npos || s.find("Socket errors") != std::string::npos) {
      figures.errors = true;
      std::fprintf(stderr, "%s\n", s.c_str());
    }
    if (s.find(" 99%") != std::string::npos) {
      figures.p99_ms = ParseMillis(s.substr(s.find("99%") + 3));
    }
  }
  return figures;
}

Flags::Flags(int argc, char** argv) : args_(argv + 1, argv + argc), used_(args_.size()) {}

long Flags::Int(const std::string& name, long fallback, long min) {
  for (size_t i = 0; i + 1 < args_.size(); ++i) {
    if (args_[i] == name) {
      used_[i] = used_[i + 1] = true;
      return std::max(min, std::atol(args_[i + 1].c_str()));
    }
  }
  return fallback;
}

bool Flags::Has(const std::string& name) {
  for (size_t i = 0; i < args_.size(); ++i) {
    if (args_[i] == name) return used_[i] = true;
  }
  return false;
}

void Flags::Check() const {
  for (size_t i = 0; i < args_.size(); ++i) {
    if (!used_[i]) {
      std::fprintf(stderr, "unknown or incomplete flag: %s\n", args_[i].c_str());
      std::exit(2);
    }
  }
}

double MedianOf(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

WrkFigures Median(const std::vector<WrkFigures>& runs) {
  WrkFigures out;
  std::vector<double> rates, p99s;
  for (const WrkFigures& f : runs) {
    rates.push_back(f.requests_per_second);
    p99s.push_back(f.p99_ms);
    out.errors = out.errors || f.errors;
  }
  out.requests_per_second = MedianOf(rates);
  out.p99_ms = MedianOf(p99s);
  return out;
}

void PrintSideBySide(const char* what, const WrkFigures& ours, const WrkFigures& nginx) {
  if (ours.errors || nginx.errors) std::printf("%s: errors during the run (above)\n", what);
  std::printf(
      "%-22s guildhall %9.0f req/s p99 %7.2fms | nginx %9.0f req/s p99 %7.2fms | "
      "ratio %.2f\n",
      what, ours.requests_per_second, ours.p99_ms, nginx.requests_per_second, nginx.p99_ms,
      nginx.requests_per_second > 0 ? ours.requests_per_second / nginx.requests_per_second : 0.0);
}

pid_t StartNginx(const std::filesystem::path& dir, uint16_t port) {
  namespace fs = std::filesystem;
  fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  std::ofstream(dir / "nginx.conf")
      << "worker_processes 2;\ndaemon off;\npid " << (dir / "nginx.pid").string() << ";\n"
      << "error_log " << (dir / "error.log").string() << ";\n"
      << "events { worker_connections 4096; }\n"
      << "http { access_log off; sendfile on; tcp_nopush off; keepalive_requests 100000000;\n"
      << "  types { text/html html; application/json json; }\n"
      << "  server { listen 127.0.0.1:" << port << "; root " << dir.string() << ";\n"
      << "    location = /tiny { default_type text/plain; return 200 'ok'; } } }\n";
  pid_t pid = fork();
  if (pid == 0) {
    execl("/usr/sbin/nginx", "nginx", "-p", dir.c_str(), "-c", (dir / "nginx.conf").c_str(),
          nullptr);
    _exit(127);
  }
  // Let nginx bind before anyone connects (a benchmark, not a test).
  for (int i = 0; i < 50 && Probe(port, "/tiny").rfind("200", 0) != 0; ++i) usleep(100 * 1000);
  return pid;
}

void StopProcess(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

std::string Probe(uint16_t port, const std::string& path, const std::vector<std::string>& headers) {
  return Capture("curl -s -o /dev/null -w '%{http_code} %{size_download}'" + HeaderArgs(headers) +
                 " http://127.0.0.1:" + std::to_string(port) + path);
}

std::string Fetch(uint16_t port, const std::string& path, const std::vector<std::string>& headers) {
  return Capture("curl -s" + HeaderArgs(headers) + " http://127.0.0.1:" + std::to_string(port) +
                 path);
}

RsaRates OpenSslRsa2048(int seconds, int multi, bool elapsed) {
  std::string command = "openssl speed -seconds " + std::to_string(seconds);
  if (elapsed) command += " -elapsed";
  if (multi > 1) command += " -multi " + std::to_string(multi);
  RsaRates rates;
  std::istringstream lines(Capture(command + " rsa2048"));
  for (std::string line; std::getline(lines, line);) {
    double sign_time = 0, verify_time = 0, sign = 0, verify = 0;
    if (std::sscanf(line.c_str(), "rsa 2048 bits %lfs %lfs %lf %lf", &sign_time, &verify_time,
                    &sign, &verify) == 4) {
      rates = {sign, verify};
    }
  }
  return rates;
}

}  // namespace guildhall::bench
