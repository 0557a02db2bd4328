// Starts the real `minyi` binary as a child process for integration tests.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace minyi::testing {

// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs MINYI_BIN with args, feeding stdin_data, and waits (at most 120 s).
CommandResult RunMinyi(const std::vector<std::string>& args, const std::string& stdin_data = "");

// `minyi serve`/`demo` on 127.0.0.1 with a port chosen by the kernel. The
// constructor waits until the server prints its URL; the destructor stops it
// with SIGTERM (SIGKILL after 10 s).
class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& args);
  ~ServerProcess();
  int port() const { return port_; }
  bool running() const { return pid_ > 0 && port_ > 0; }
  // True when the process is still alive (has not crashed).
  bool Alive();
  // Sends SIGTERM and returns the exit code.
  int Stop();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
};

}  // namespace minyi::testing
