// BenchNode: a real `guildhall serve` for a benchmark, run the way an
// operator runs it (a config file, `guildhall init`, `guildhall admin ...`,
// `guildhall serve --ready-file`), over plain HTTP on 127.0.0.1. Unlike the
// tests' NodeProcess it keeps the production defaults (map size, log level)
// unless told otherwise, and needs no GoogleTest. Also a blocking one-shot
// HTTP/1.1 client for the JSON API. One owner per object; not thread-safe.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace guildhall::bench {

struct BenchNodeOptions {
  std::filesystem::path binary;  // the `guildhall` executable
  std::filesystem::path dir;     // config, data and log live here
  uint16_t port = 0;             // http.listen = 127.0.0.1:port
  std::string domain;            // node.domain; default "guild.test:<port>"
  std::string federation_mode = "open";
  std::map<std::string, std::string> resolve;  // [federation.resolve]
  std::string log_level = "info";              // the production default
  std::string extra_toml;                      // appended verbatim: whole new sections only
};

struct CliOutput {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

struct HttpAnswer {
  unsigned status = 0;  // 0: no answer
  std::string head;     // status line and headers
  std::string body;
};

class BenchNode {
 public:
  explicit BenchNode(BenchNodeOptions options);
  ~BenchNode();  // SIGTERM (then SIGKILL) a node still running
  BenchNode(const BenchNode&) = delete;
  BenchNode& operator=(const BenchNode&) = delete;

  // Writes the config and runs `guildhall init`; false (and the output on
  // stderr) on failure.
  bool Init();
  // Serves until the ready file appears (at most 120 s).
  bool Start();
  // SIGTERM and wait for the exit.
  void Stop();
  pid_t pid() const { return pid_; }

  // `guildhall --config <ours> args...` to completion.
  CliOutput Cli(const std::vector<std::string>& args);
  // An active member (admin if asked) and its API token; "" on failure.
  // `password`, when given, receives the generated password.
  std::string CreateUserWithToken(const std::string& username, bool admin,
                                  std::string* password = nullptr);
  // Signs in through the login form (GET /login for the pre-session cookie
  // and CSRF token, POST /login); the "gh_session=..." cookie, "" on failure.
  std::string LoginCookie(const std::string& username, const std::string& password);
  bool CreateGroup(const std::string& slug, const std::string& scope, const std::string& owner);

  // One request to the node (Host: its domain), Connection: close.
  HttpAnswer Request(const std::string& method, const std::string& target,
                     const std::vector<std::pair<std::string, std::string>>& headers = {},
                     const std::string& body = "");
  HttpAnswer Api(const std::string& token, const std::string& method, const std::string& path,
                 const std::string& body = "");

  // RssAnon of the serving process in kB, from /proc/PID/status (-1 if gone).
  long RssAnonKb() const;

  const std::string& domain() const { return options_.domain; }
  uint16_t port() const { return options_.port; }
  std::string base_url() const { return "http://" + options_.domain; }
  std::filesystem::path data_dir() const { return options_.dir / "data"; }
  std::filesystem::path log_path() const { return options_.dir / "node.log"; }
  std::filesystem::path config_path() const { return options_.dir / "guildhall.toml"; }

 private:
  void WriteConfig();

  BenchNodeOptions options_;
  pid_t pid_ = -1;
};

// Sends `raw` (a whole HTTP/1.1 request) to 127.0.0.1:port and reads the
// answer until the server closes or the Content-Length is complete.
HttpAnswer SendRaw(uint16_t port, const std::string& raw);

// A JSON string literal for `text`, quotes included.
std::string JsonQuote(const std::string& text);

// The integer value of "key": N in a flat JSON text (first occurrence);
// -1 if absent. Enough for counters in API answers.
long JsonNumber(const std::string& json, const std::string& key);

// The guildhall binary: $GUILDHALL_BENCH_BINARY if set, else `built`.
std::filesystem::path GuildhallBinary(const std::filesystem::path& built);

}  // namespace guildhall::bench
