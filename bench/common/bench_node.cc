#include "bench/common/bench_node.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace guildhall::bench {
namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// fork + exec `argv` in `cwd`, stdout and stderr appended to `log`.
pid_t Spawn(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
            const std::filesystem::path& log) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  if (chdir(cwd.c_str()) != 0) _exit(126);
  int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

int WaitExit(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The last line of `text` that is 64 hex digits: the token `admin token
// create` prints among its log lines.
std::string TokenLine(const std::string& text) {
  std::string found;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() == 64 && line.find_first_not_of("0123456789abcdef") == std::string::npos) {
      found = line;
    }
  }
  return found;
}

// Content-Length of a response head, or -1.
long ContentLength(const std::string& head) {
  std::string lower;
  for (char c : head)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  const size_t at = lower.find("\ncontent-length:");
  return at == std::string::npos ? -1 : std::atol(lower.c_str() + at + 16);
}

// "name=value" of the Set-Cookie header that sets `name`, or "".
std::string CookieOf(const std::string& head, const std::string& name) {
  std::istringstream lines(head);
  for (std::string line; std::getline(lines, line);) {
    const size_t at = line.find(name + "=");
    if (line.size() < 11 || strncasecmp(line.c_str(), "set-cookie:", 11) != 0 ||
        at == std::string::npos) {
      continue;
    }
    const size_t end = line.find_first_of(";\r", at);
    return line.substr(at, end == std::string::npos ? std::string::npos : end - at);
  }
  return {};
}

std::string FormEncode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

BenchNode::BenchNode(BenchNodeOptions options) : options_(std::move(options)) {
  if (options_.domain.empty()) options_.domain = "guild.test:" + std::to_string(options_.port);
  std::filesystem::create_directories(options_.dir);
}

BenchNode::~BenchNode() { Stop(); }

void BenchNode::WriteConfig() {
  const BenchNodeOptions& o = options_;
  std::ofstream out(config_path(), std::ios::trunc);
  out << "[node]\ndomain = " << JsonQuote(o.domain)
      << "\nname = \"Bench\"\ndata_dir = " << JsonQuote(data_dir().string())
      << "\n\n[http]\nlisten = " << JsonQuote("127.0.0.1:" + std::to_string(o.port))
      << "\npublic_scheme = \"http\"\nshutdown_grace = \"2s\"\n\n[federation]\nmode = "
      << JsonQuote(o.federation_mode) << "\nallow_private_addresses = true\n\n"
      << "[federation.resolve]\n";
  for (const auto& [host, address] : o.resolve) {
    out << JsonQuote(host) << " = " << JsonQuote(address) << "\n";
  }
  out << "\n[log]\nlevel = " << JsonQuote(o.log_level) << "\n\n" << o.extra_toml << "\n";
}

bool BenchNode::Init() {
  WriteConfig();
  CliOutput init = Cli({"init"});
  if (init.exit_code != 0) std::fprintf(stderr, "guildhall init:\n%s\n", init.output.c_str());
  return init.exit_code == 0;
}

bool BenchNode::Start() {
  WriteConfig();
  const auto ready = options_.dir / "ready";
  std::filesystem::remove(ready);
  pid_ = Spawn({options_.binary.string(), "--config", config_path().string(), "serve",
                "--ready-file", ready.string()},
               options_.dir, log_path());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(ready) && std::filesystem::file_size(ready) > 0) return true;
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::fprintf(stderr, "guildhall serve not ready; see %s\n", log_path().c_str());
  pid_ = -1;
  return false;
}

void BenchNode::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 1500; ++i) {  // up to 30 s, then kill
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

CliOutput BenchNode::Cli(const std::vector<std::string>& args) {
  const auto log = options_.dir / "cli.out";
  std::filesystem::remove(log);
  std::vector<std::string> argv = {options_.binary.string(), "--config", config_path().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  CliOutput out;
  out.exit_code = WaitExit(Spawn(argv, options_.dir, log));
  out.output = ReadFile(log);
  return out;
}

std::string BenchNode::CreateUserWithToken(const std::string& username, bool admin,
                                           std::string* password) {
  std::vector<std::string> create = {"admin", "user", "create", username};
  if (admin) create.push_back("--admin");
  CliOutput made = Cli(create);
  if (made.exit_code != 0) {
    std::fprintf(stderr, "admin user create %s:\n%s\n", username.c_str(), made.output.c_str());
    return {};
  }
  static constexpr char kShown[] = "password (shown only this once): ";
  const size_t shown = made.output.find(kShown);
  if (password && shown != std::string::npos) {
    const size_t from = shown + sizeof kShown - 1;
    *password = made.output.substr(from, made.output.find('\n', from) - from);
  }
  CliOutput token = Cli({"admin", "token", "create", username});
  if (token.exit_code != 0) {
    std::fprintf(stderr, "admin token create %s:\n%s\n", username.c_str(), token.output.c_str());
  }
  return TokenLine(token.output);
}

std::string BenchNode::LoginCookie(const std::string& username, const std::string& password) {
  HttpAnswer form = Request("GET", "/login");
  const std::string pre = CookieOf(form.head, "gh_presession");
  static constexpr char kField[] = "name=\"_csrf\" value=\"";
  const size_t at = form.body.find(kField);
  if (pre.empty() || at == std::string::npos) return {};
  const size_t from = at + sizeof kField - 1;
  const std::string csrf = form.body.substr(from, form.body.find('"', from) - from);
  HttpAnswer login = Request(
      "POST", "/login", {{"Cookie", pre}, {"Content-Type", "application/x-www-form-urlencoded"}},
      "username=" + FormEncode(username) + "&password=" + FormEncode(password) +
          "&_csrf=" + FormEncode(csrf) + "&next=%2F");
  return CookieOf(login.head, "gh_session");
}

bool BenchNode::CreateGroup(const std::string& slug, const std::string& scope,
                            const std::string& owner) {
  CliOutput made = Cli({"admin", "group", "create", slug, "--name", "Group " + slug, "--scope",
                        scope, "--owner", owner, "--join", "open"});
  if (made.exit_code != 0) std::fprintf(stderr, "admin group create:\n%s\n", made.output.c_str());
  return made.exit_code == 0;
}

HttpAnswer BenchNode::Request(const std::string& method, const std::string& target,
                              const std::vector<std::pair<std::string, std::string>>& headers,
                              const std::string& body) {
  std::string raw =
      method + " " + target + " HTTP/1.1\r\nHost: " + options_.domain + "\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
  if (!body.empty() || method == "POST")
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return SendRaw(options_.port, raw + "\r\n" + body);
}

HttpAnswer BenchNode::Api(const std::string& token, const std::string& method,
                          const std::string& path, const std::string& body) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Authorization", "Bearer " + token},
                                                              {"Accept", "application/json"}};
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return Request(method, "/api/v1" + path, headers, body);
}

long BenchNode::RssAnonKb() const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("RssAnon:", 0) == 0) return std::atol(line.c_str() + 8);
  }
  return -1;
}

HttpAnswer SendRaw(uint16_t port, const std::string& raw) {
  HttpAnswer answer;
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  timeval timeout{60, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return answer;
  }
  for (size_t sent = 0; sent < raw.size();) {
    ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string in;
  char buf[16384];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, static_cast<size_t>(n));
    const size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    const long length = ContentLength(in.substr(0, end + 2));
    if (length >= 0 && in.size() >= end + 4 + static_cast<size_t>(length)) break;
  }
  ::close(fd);
  const size_t end = in.find("\r\n\r\n");
  if (in.rfind("HTTP/1.", 0) != 0 || end == std::string::npos) return answer;
  answer.status = static_cast<unsigned>(std::atoi(in.c_str() + 9));
  answer.head = in.substr(0, end);
  answer.body = in.substr(end + 4);
  return answer;
}

std::string JsonQuote(const std::string& text) {
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
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

long JsonNumber(const std::string& json, const std::string& key) {
  const std::string needle = "\"" + key + "\":";
  const size_t at = json.find(needle);
  if (at == std::string::npos) return -1;
  return std::atol(json.c_str() + at + needle.size());
}

std::filesystem::path GuildhallBinary(const std::filesystem::path& built) {
  const char* chosen = std::getenv("GUILDHALL_BENCH_BINARY");
  return chosen && *chosen ? std::filesystem::path(chosen) : built;
}

}  // namespace guildhall::bench
