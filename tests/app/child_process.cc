#include "tests/app/child_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

extern char** environ;

namespace guildhall::app::testing {
namespace {

using Clock = std::chrono::steady_clock;

// posix_spawn with stdout/stderr redirected to files and a working directory.
pid_t Spawn(const std::vector<std::string>& args, const std::filesystem::path& cwd,
            const std::filesystem::path& out, const std::filesystem::path& err) {
  std::vector<std::string> argv_store = {GUILDHALL_BINARY};
  argv_store.insert(argv_store.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_store) argv.push_back(a.data());
  argv.push_back(nullptr);
  // posix_spawn_file_actions_addchdir_np exists in glibc 2.29+; a shell-free
  // alternative would be fork+chdir, but this keeps the child async-safe.
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

RunResult RunGuildhall(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  std::filesystem::path out = cwd / ".run.out", err = cwd / ".run.err";
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  RunResult result;
  pid_t pid = Spawn(args, cwd, out, err);
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid) result.exit_code = ExitCode(status);
  result.out = ReadFile(out);
  result.err = ReadFile(err);
  return result;
}

Child::Child(const std::vector<std::string>& args, const std::filesystem::path& cwd,
             const std::filesystem::path& log)
    : pid_(Spawn(args, cwd, log, log)),
      pidfd_(pid_ > 0 ? static_cast<int>(syscall(SYS_pidfd_open, pid_, 0)) : -1) {}

Child::~Child() {
  if (Running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (pidfd_ >= 0) close(pidfd_);
}

void Child::Signal(int signal) { kill(pid_, signal); }

bool Child::Running() {
  // Polling the pidfd (not waitpid) leaves the exit status for Wait.
  pollfd pfd{pidfd_, POLLIN, 0};
  return pid_ > 0 && poll(&pfd, 1, 0) == 0;
}

int Child::Wait(std::chrono::seconds timeout) {
  // The pidfd becomes readable when the child exits.
  pollfd pfd{pidfd_, POLLIN, 0};
  if (poll(&pfd, 1, static_cast<int>(timeout.count() * 1000)) != 1) return -2;
  int status = 0;
  if (waitpid(pid_, &status, 0) != pid_) return -2;
  pid_ = -1;
  return ExitCode(status);
}

std::string WaitForFile(const std::filesystem::path& path, Child& child,
                        std::chrono::seconds timeout, std::string_view needle) {
  int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  inotify_add_watch(fd, path.parent_path().c_str(),
                    IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE | IN_MODIFY);
  auto deadline = Clock::now() + timeout;
  std::string content;
  // Checked after the watch is in place, so an event cannot slip between;
  // the child's pidfd wakes us if it dies instead.
  while (Clock::now() < deadline && child.Running()) {
    if (std::filesystem::exists(path)) {
      std::string now = ReadFile(path);
      if (now.find(needle) != std::string::npos) {
        content = std::move(now);
        break;
      }
    }
    pollfd pfds[2] = {{fd, POLLIN, 0}, {child.pidfd(), POLLIN, 0}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (poll(pfds, 2, static_cast<int>(std::max<int64_t>(left.count(), 0))) > 0) {
      char buf[4096];
      while (read(fd, buf, sizeof buf) > 0) {
      }
    }
  }
  close(fd);
  return content;
}

std::string HttpGet(const std::string& address, const std::string& target,
                    const std::string& extra_headers) {
  size_t colon = address.rfind(':');
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(std::stoi(address.substr(colon + 1))));
  inet_pton(AF_INET, address.substr(0, colon).c_str(), &addr.sin_addr);
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return {};
  }
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: " + address + "\r\n" + extra_headers +
                        "Connection: close\r\n\r\n";
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) response.append(buf, static_cast<size_t>(n));
  close(fd);
  return response;
}

}  // namespace guildhall::app::testing
