// NodeProcess: one real Guildhall node run by a test, the way an operator
// runs it: a config file written for it, `guildhall init`, then
// `guildhall serve --ready-file` (started, stopped with SIGTERM, killed,
// restarted on the same port and data), `guildhall admin ...` for users,
// tokens and groups, and its JSON API over HTTPS with the test CA. Used by
// the multi-node integration tests (tests/integration) and the interop
// tests (tests/interop). Also FreePort and Eventually, the bounded wait for
// an observable condition that stands in for sleeps. One owner per object;
// not thread-safe.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/testutil/https_client.h"
#include "tests/testutil/json_view.h"
#include "tests/testutil/subprocess.h"
#include "tests/testutil/test_ca.h"

namespace guildhall::testutil {

struct NodeOptions {
  std::filesystem::path binary;   // the `guildhall` executable
  std::filesystem::path dir;      // the node's own directory: config, data, log
  std::string domain;             // node.domain, e.g. "alpha.test:41234"
  uint16_t port = 0;              // http.listen is 127.0.0.1:port
  IssuedCert tls;                 // empty paths: plain HTTP
  std::filesystem::path ca_file;  // federation.ca_file
  std::string federation_mode = "open";
  std::map<std::string, std::string> resolve;  // [federation.resolve]
  int64_t clock_offset_seconds = 0;            // testing.clock_offset_seconds
  std::string log_level = "debug";
  std::string shutdown_grace = "2s";  // http.shutdown_grace
  std::string extra_toml;             // appended verbatim (new sections of later features)
};

struct ApiReply {
  unsigned status = 0;
  std::string body;
  Json json{""};
  JsonView operator[](std::string_view key) const { return json[key]; }
};

class NodeProcess {
 public:
  // Generous: under ASan and with other builds on the machine, stopping can
  // take a while.
  static constexpr std::chrono::seconds kStopTimeout{30};

  explicit NodeProcess(NodeOptions options);
  ~NodeProcess();  // SIGTERM, then SIGKILL if it lingers
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  // Writes the config and runs `guildhall init`.
  ::testing::AssertionResult Init();
  // (Re)writes the config and serves until the ready file appears.
  ::testing::AssertionResult Start();
  // SIGTERM and wait for a clean exit (code 0).
  ::testing::AssertionResult Stop() { return StopWithin(kStopTimeout); }
  // The same, failing when the node is still running after `bound`.
  ::testing::AssertionResult StopWithin(std::chrono::milliseconds bound);
  void Kill();  // SIGKILL, no clean-up: a crash
  bool running();
  // The `guildhall serve` process; -1 when not started.
  int pid() const { return serve_ ? serve_->pid() : -1; }
  // Takes effect at the next Start().
  void set_clock_offset_seconds(int64_t seconds) { options_.clock_offset_seconds = seconds; }

  // `guildhall --config <ours> args...`, to completion.
  RunOutput Cli(const std::vector<std::string>& args);
  // A member (an admin if `admin`) and an API token for it; "" on failure
  // (the failure is recorded with ADD_FAILURE).
  std::string CreateUser(const std::string& username, bool admin = false);
  ::testing::AssertionResult CreateGroup(const std::string& slug, const std::string& scope,
                                         const std::string& owner,
                                         const std::string& join = "open");

  // Raw HTTP(S) to the node, addressed by its public name.
  HttpReply Request(const std::string& method, const std::string& target,
                    std::vector<std::pair<std::string, std::string>> headers = {},
                    const std::string& body = "");
  // The JSON API: `path` below /api/v1, `body` a JSON text or empty.
  ApiReply Api(const std::string& token, const std::string& method, const std::string& path,
               const std::string& body = "");

  const std::string& domain() const { return options_.domain; }
  std::string base_url() const;  // "https://alpha.test:41234"
  std::string connect() const { return "127.0.0.1:" + std::to_string(options_.port); }
  const NodeOptions& options() const { return options_; }
  // Changes (federation_mode, resolve, extra_toml, ...) apply from the next
  // Init() or Start(), which rewrite the config file.
  NodeOptions& mutable_options() { return options_; }
  std::filesystem::path log_path() const { return options_.dir / "node.log"; }
  // The last `bytes` of the node's log, for failure messages.
  std::string LogTail(size_t bytes = 6000) const;

 private:
  void WriteConfig();
  std::filesystem::path config_path() const { return options_.dir / "guildhall.toml"; }

  NodeOptions options_;
  HttpClient http_;
  std::unique_ptr<Subprocess> serve_;
};

// One node alone, plain HTTP, on a free port: `binary` in `dir`/`name`,
// domain "<name>.test:<port>", logging at info (tests that watch the
// process itself, not federation).
NodeOptions PlainHttpNode(const std::filesystem::path& binary, const std::filesystem::path& dir,
                          const std::string& name);

// The guildhall binary to run: $GUILDHALL_TEST_BINARY if set (to run the
// suites against another build, e.g. a release or sanitizer one), else
// `built` (the build's own, from CMake).
std::filesystem::path GuildhallBinary(const std::filesystem::path& built);

// True when the node serves the federation endpoints (NodeInfo discovery
// answers 200): false on a build whose composition root does not wire
// federation in, where federation scenarios can only be skipped.
bool ServesFederation(NodeProcess& node);

// A TCP port on 127.0.0.1 that nothing listens on right now (bound to 0 and
// released; the kernel does not hand it out again at once).
uint16_t FreePort();

// Checks `probe` every 50 ms until it returns true or `timeout` passes:
// waiting for an observable condition with a bound, not sleeping as
// synchronization. Returns the last result.
bool Eventually(const std::function<bool()>& probe,
                std::chrono::milliseconds timeout = std::chrono::seconds(20));

// Escapes `text` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view text);

}  // namespace guildhall::testutil
