#include "tests/testutil/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace guildhall::testutil {
namespace {

// Our environment with `extra` laid over it, as "K=V" strings.
std::vector<std::string> MergedEnv(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [k, v] : extra) merged[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : merged) out.push_back(k + "=" + v);
  return out;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

pid_t Spawn(const ProcessSpec& spec) {
  std::vector<std::string> argv_store = spec.argv;
  std::vector<std::string> env_store = MergedEnv(spec.env);
  std::vector<char*> argv = Pointers(argv_store);
  std::vector<char*> envp = Pointers(env_store);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, spec.cwd.c_str());
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, spec.log.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace

std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Subprocess::Subprocess(const ProcessSpec& spec) : pid_(Spawn(spec)) {
  if (pid_ > 0) pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid_, 0));
}

Subprocess::~Subprocess() {
  if (Running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (pidfd_ >= 0) close(pidfd_);
}

bool Subprocess::Running() {
  if (pid_ <= 0 || pidfd_ < 0) return false;
  // Polling the pidfd (not waitpid) leaves the exit status for Wait.
  pollfd pfd{pidfd_, POLLIN, 0};
  return poll(&pfd, 1, 0) == 0;
}

void Subprocess::Signal(int signal) {
  if (pid_ > 0) kill(pid_, signal);
}

std::optional<int> Subprocess::Wait(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  pollfd pfd{pidfd_, POLLIN, 0};
  if (poll(&pfd, 1, static_cast<int>(timeout.count())) != 1) return std::nullopt;
  int status = 0;
  if (waitpid(pid_, &status, 0) != pid_) return -1;
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

RunOutput Run(const ProcessSpec& spec, std::chrono::milliseconds timeout) {
  const auto before = std::filesystem::exists(spec.log) ? std::filesystem::file_size(spec.log) : 0;
  RunOutput out;
  {
    Subprocess child(spec);
    auto code = child.Wait(timeout);
    out.exit_code = code.value_or(-1);  // the destructor kills a child still running
  }
  out.output = ReadWholeFile(spec.log).substr(before);
  return out;
}

std::optional<std::string> WaitForFile(const std::filesystem::path& path, Subprocess& child,
                                       std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (std::filesystem::file_size(path, ec) > 0 && !ec) return ReadWholeFile(path);
    if (!child.Running()) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a poll interval, not a sync
  }
  return std::nullopt;
}

}  // namespace guildhall::testutil
