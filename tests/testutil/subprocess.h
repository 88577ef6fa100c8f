// Subprocess: a child process for tests that run real programs (the
// `guildhall` binary, a Node.js peer): argv, working directory, extra
// environment, stdout+stderr appended to a log file. The destructor SIGKILLs
// a child still running. Also WaitForFile, a bounded wait for a file a child
// writes when it is ready. One owner per object; not thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace guildhall::testutil {

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is the program's path
  std::filesystem::path cwd;
  std::filesystem::path log;               // stdout and stderr are appended here
  std::map<std::string, std::string> env;  // added to (or replacing in) ours
};

class Subprocess {
 public:
  // Starts the child; running() is false if it could not be spawned.
  explicit Subprocess(const ProcessSpec& spec);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  void Signal(int signal);
  // Waits for the exit: the exit code, -1 if a signal killed it, nullopt
  // if it is still running after `timeout`.
  std::optional<int> Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int pidfd_ = -1;  // readable once the child has exited
};

// Runs `spec` to completion (at most `timeout`, then SIGKILL); returns the
// exit code (-1: killed) and the log's content written meanwhile.
struct RunOutput {
  int exit_code = -1;
  std::string output;
};
RunOutput Run(const ProcessSpec& spec, std::chrono::milliseconds timeout);

// Polls (every 20 ms, up to `timeout`) until `path` exists and is not empty,
// or `child` exits. Returns the content, or nullopt.
std::optional<std::string> WaitForFile(const std::filesystem::path& path, Subprocess& child,
                                       std::chrono::milliseconds timeout);

std::string ReadWholeFile(const std::filesystem::path& path);

}  // namespace guildhall::testutil
