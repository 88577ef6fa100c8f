// Runs the built `guildhall` binary as a child process for the CLI tests:
// one-shot commands with captured output, and a serving node that can be
// signalled and waited for. Also a minimal HTTP GET over a raw socket, so
// these tests need no HTTP library. One owner per object; not thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace guildhall::app::testing {

struct RunResult {
  int exit_code = -1;  // -1 if killed by a signal
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs `guildhall args...` in `cwd` to completion.
RunResult RunGuildhall(const std::vector<std::string>& args, const std::filesystem::path& cwd);

class Child {
 public:
  // Starts `guildhall args...` in `cwd`, output appended to `log`.
  Child(const std::vector<std::string>& args, const std::filesystem::path& cwd,
        const std::filesystem::path& log);
  ~Child();  // SIGKILLs a child still running
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  void Signal(int signal);
  // Waits for the exit; returns the exit code, -1 if killed by a signal, -2 on
  // timeout.
  int Wait(std::chrono::seconds timeout);
  bool Running();
  int pidfd() const { return pidfd_; }

 private:
  pid_t pid_ = -1;
  int pidfd_ = -1;  // readable once the child exits
};

// Waits (with inotify, no polling sleeps) until `path` exists and contains
// `needle`, the child dies, or `timeout` passes. Returns the file's content,
// or empty.
std::string WaitForFile(const std::filesystem::path& path, Child& child,
                        std::chrono::seconds timeout, std::string_view needle = "");

// GET `target` from "host:port" (with `extra_headers`, each line ending in
// "\r\n"); returns the whole response (status line, headers, body) or empty
// on a connection error.
std::string HttpGet(const std::string& address, const std::string& target,
                    const std::string& extra_headers = "");

}  // namespace guildhall::app::testing
