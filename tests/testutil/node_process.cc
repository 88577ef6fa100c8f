#include "tests/testutil/node_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace guildhall::testutil {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Generous: under ASan and with other builds on the machine, start-up (and
// the RSA key generation in `init`) can take a while.
constexpr seconds kStartTimeout{60};
constexpr seconds kCliTimeout{60};

// The last line of `text` that is 64 hex digits: the token `admin token
// create` prints. Not simply the last line: the command's log lines share
// its output (stdout and stderr are one file here).
std::string TokenLine(const std::string& text) {
  std::string found;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() == 64 && line.find_first_not_of("0123456789abcdef") == std::string::npos) {
      found = line;
    }
    start = end + 1;
  }
  return found;
}

std::string TomlQuote(const std::string& s) { return JsonQuote(s); }

}  // namespace

NodeProcess::NodeProcess(NodeOptions options)
    : options_(std::move(options)),
      http_(options_.tls.cert.empty() ? std::filesystem::path() : options_.ca_file) {
  std::filesystem::create_directories(options_.dir);
}

NodeProcess::~NodeProcess() {
  if (serve_ && serve_->Running()) {
    serve_->Signal(SIGTERM);
    if (!serve_->Wait(kStopTimeout)) serve_->Signal(SIGKILL);
  }
}

void NodeProcess::WriteConfig() {
  const NodeOptions& o = options_;
  std::ofstream out(config_path(), std::ios::trunc);
  out << "[node]\ndomain = " << TomlQuote(o.domain) << "\nname = " << TomlQuote(o.domain)
      << "\ndata_dir = " << TomlQuote((o.dir / "data").string())
      << "\n\n[http]\nlisten = " << TomlQuote(connect()) << "\npublic_scheme = \""
      << (o.tls.cert.empty() ? "http" : "https")
      << "\"\nshutdown_grace = " << TomlQuote(o.shutdown_grace) << "\nthreads = 2\n";
  if (!o.tls.cert.empty()) {
    out << "tls_cert = " << TomlQuote(o.tls.cert.string())
        << "\ntls_key = " << TomlQuote(o.tls.key.string()) << "\n";
  }
  out << "\n[storage]\nmap_size_bytes = \"64MiB\"\n\n[federation]\nmode = "
      << TomlQuote(o.federation_mode) << "\nallow_private_addresses = true\n";
  if (!o.ca_file.empty()) out << "ca_file = " << TomlQuote(o.ca_file.string()) << "\n";
  out << "\n[federation.resolve]\n";
  for (const auto& [host, address] : o.resolve) {
    out << TomlQuote(host) << " = " << TomlQuote(address) << "\n";
  }
  out << "\n[log]\nlevel = " << TomlQuote(o.log_level)
      << "\n\n[testing]\nclock_offset_seconds = " << o.clock_offset_seconds << "\n\n"
      << o.extra_toml << "\n";
}

::testing::AssertionResult NodeProcess::Init() {
  WriteConfig();
  RunOutput init = Cli({"init"});
  if (init.exit_code != 0) {
    return ::testing::AssertionFailure()
           << domain() << ": guildhall init exited " << init.exit_code << ":\n"
           << init.output;
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult NodeProcess::Start() {
  if (serve_ && serve_->Running())
    return ::testing::AssertionFailure() << domain() << ": already running";
  WriteConfig();
  const auto ready = options_.dir / "ready";
  std::filesystem::remove(ready);
  std::ofstream(log_path(), std::ios::app) << "---- test harness: serve ----\n";
  serve_ = std::make_unique<Subprocess>(
      ProcessSpec{.argv = {options_.binary.string(), "--config", config_path().string(), "serve",
                           "--ready-file", ready.string()},
                  .cwd = options_.dir,
                  .log = log_path(),
                  .env = {}});
  if (!WaitForFile(ready, *serve_, kStartTimeout)) {
    return ::testing::AssertionFailure()
           << domain() << ": not ready within " << kStartTimeout.count() << " s; log:\n"
           << LogTail();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult NodeProcess::StopWithin(milliseconds bound) {
  if (!serve_ || !serve_->Running())
    return ::testing::AssertionFailure() << domain() << ": not running";
  serve_->Signal(SIGTERM);
  auto code = serve_->Wait(bound);
  if (!code) {
    serve_->Signal(SIGKILL);
    return ::testing::AssertionFailure()
           << domain() << ": still running " << bound.count() << " ms after SIGTERM; log:\n"
           << LogTail();
  }
  if (*code != 0) {
    return ::testing::AssertionFailure()
           << domain() << ": exited " << *code << " on SIGTERM; log:\n"
           << LogTail();
  }
  return ::testing::AssertionSuccess();
}

void NodeProcess::Kill() {
  if (!serve_) return;
  serve_->Signal(SIGKILL);
  serve_->Wait(kStopTimeout);
}

bool NodeProcess::running() { return serve_ && serve_->Running(); }

RunOutput NodeProcess::Cli(const std::vector<std::string>& args) {
  ProcessSpec spec{.argv = {options_.binary.string(), "--config", config_path().string()},
                   .cwd = options_.dir,
                   .log = options_.dir / "cli.log",
                   .env = {}};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  return Run(spec, kCliTimeout);
}

std::string NodeProcess::CreateUser(const std::string& username, bool admin) {
  std::vector<std::string> create = {"admin", "user", "create", username};
  if (admin) create.push_back("--admin");
  RunOutput made = Cli(create);
  if (made.exit_code != 0) {
    ADD_FAILURE() << domain() << ": admin user create " << username << ":\n" << made.output;
    return {};
  }
  RunOutput token = Cli({"admin", "token", "create", username});
  if (token.exit_code != 0) {
    ADD_FAILURE() << domain() << ": admin token create " << username << ":\n" << token.output;
    return {};
  }
  std::string line = TokenLine(token.output);
  if (line.empty()) ADD_FAILURE() << domain() << ": no token in:\n" << token.output;
  return line;
}

::testing::AssertionResult NodeProcess::CreateGroup(const std::string& slug,
                                                    const std::string& scope,
                                                    const std::string& owner,
                                                    const std::string& join) {
  RunOutput made = Cli({"admin", "group", "create", slug, "--name", "Group " + slug, "--scope",
                        scope, "--owner", owner, "--join", join});
  if (made.exit_code != 0) {
    return ::testing::AssertionFailure() << domain() << ": admin group create " << slug << ":\n"
                                         << made.output;
  }
  return ::testing::AssertionSuccess();
}

HttpReply NodeProcess::Request(const std::string& method, const std::string& target,
                               std::vector<std::pair<std::string, std::string>> headers,
                               const std::string& body) {
  return http_.Send(HttpCall{.method = method,
                             .connect = connect(),
                             .host = domain(),
                             .target = target,
                             .headers = std::move(headers),
                             .body = body});
}

ApiReply NodeProcess::Api(const std::string& token, const std::string& method,
                          const std::string& path, const std::string& body) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Bearer " + token},
                                                              {"Accept", "application/json"}};
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  HttpReply reply = Request(method, "/api/v1" + path, std::move(headers), body);
  ApiReply out{.status = reply.status,
               .body = reply.status ? reply.body : reply.error,
               .json = Json(reply.body)};
  return out;
}

std::string NodeProcess::base_url() const {
  return (options_.tls.cert.empty() ? "http://" : "https://") + options_.domain;
}

std::string NodeProcess::LogTail(size_t bytes) const {
  std::string log = ReadWholeFile(log_path());
  return log.size() > bytes ? "..." + log.substr(log.size() - bytes) : log;
}

std::filesystem::path GuildhallBinary(const std::filesystem::path& built) {
  const char* chosen = std::getenv("GUILDHALL_TEST_BINARY");
  return chosen && *chosen ? std::filesystem::path(chosen) : built;
}

NodeOptions PlainHttpNode(const std::filesystem::path& binary, const std::filesystem::path& dir,
                          const std::string& name) {
  NodeOptions o;
  o.binary = binary;
  o.dir = dir / name;
  o.port = FreePort();
  o.domain = name + ".test:" + std::to_string(o.port);
  o.log_level = "info";
  return o;
}

bool ServesFederation(NodeProcess& node) {
  return node.Request("GET", "/.well-known/nodeinfo").status == 200;
}

uint16_t FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  uint16_t port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

bool Eventually(const std::function<bool()>& probe, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (probe()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(milliseconds(50));  // the poll interval of a bounded wait
  }
}

std::string JsonQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace guildhall::testutil
