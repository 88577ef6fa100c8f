// What every benchmark needs to stand a figure beside a reference measured
// in the same run (shared PERFORMANCE.md): wrk runs and their medians,
// nginx serving files, `openssl speed` rates, the load average to print next
// to the figures, free ports and the PASS/BELOW verdict. Plain functions;
// thread-compatible (each call owns its child processes).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace guildhall::bench {

// A TCP port on 127.0.0.1 that nothing listens on right now.
uint16_t FreePort();

// The three load averages of /proc/loadavg, "0.52 0.80 1.10".
std::string LoadAverage();

// "PASS" when `ratio` >= `target`, else "BELOW".
const char* Verdict(double ratio, double target);

// One wrk run: requests/s, p99 and whether anything went wrong.
struct WrkFigures {
  double requests_per_second = 0;
  double p99_ms = 0;
  bool errors = false;  // non-2xx answers or socket errors: the figure is void
};

// `wrk -t2 -cN -dS --latency http://127.0.0.1:port/path` with `headers`
// ("Name: value") added to every request.
WrkFigures RunWrk(uint16_t port, const std::string& path, int seconds, int connections,
                  const std::vector<std::string>& headers = {});

// The median run by requests/s; p99 is the median p99.
WrkFigures Median(const std::vector<WrkFigures>& runs);

// Prints "what  guildhall X req/s p99 Y | nginx ... | ratio R".
void PrintSideBySide(const char* what, const WrkFigures& ours, const WrkFigures& nginx);

// nginx as PERFORMANCE.md measured it (2 workers, sendfile on, tcp_nopush
// off, keep-alive) serving `dir` on `port`, plus `location = /tiny` with a
// 2-byte body. `dir` is made readable by nginx's unprivileged workers.
// Returns the pid; StopProcess() ends it.
pid_t StartNginx(const std::filesystem::path& dir, uint16_t port);

// SIGTERM and reap a child started here.
void StopProcess(pid_t pid);

// One GET with curl: "200 61442" (status and size) when the side serves
// what it should. `headers` as for RunWrk.
std::string Probe(uint16_t port, const std::string& path,
                  const std::vector<std::string>& headers = {});

// Body of one GET with curl (for saving what a server answers).
std::string Fetch(uint16_t port, const std::string& path,
                  const std::vector<std::string>& headers = {});

// `openssl speed [-multi N] -seconds S rsa2048`: sign/s and verify/s (per
// user-CPU second of each process, summed over processes, as openssl
// reports them; per wall-clock second with `elapsed`). Zeros if openssl is
// unavailable.
struct RsaRates {
  double sign = 0;
  double verify = 0;
};
RsaRates OpenSslRsa2048(int seconds, int multi = 1, bool elapsed = false);

// Command-line flags: "--name value" pairs and bare "--name" switches.
// Read each with Int/Has, then Check() exits (status 2) on any flag no one
// asked for, so a typo does not silently run the default.
class Flags {
 public:
  Flags(int argc, char** argv);
  long Int(const std::string& name, long fallback, long min = 1);
  bool Has(const std::string& name);
  void Check() const;

 private:
  std::vector<std::string> args_;
  std::vector<bool> used_;
};

// Median of `values` (0 for none).
double MedianOf(std::vector<double> values);

}  // namespace guildhall::bench
