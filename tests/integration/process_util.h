// Starts the real `minyi` binary as a child process for integration tests.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace minyi::testing {

// A fresh temporary directory, removed with everything in it on destruction.
//
// Used as `--data DIR`, it is a fresh store on the backend under test: with
// MINYI_TEST_BACKEND=postgresql (and MINYI_TEST_POSTGRES=postgresql://... of
// a server where the user may CREATE DATABASE, as scripts/test provides) the
// directory gets a database.url naming a new, empty database that is dropped
// again on destruction; otherwise SQLite creates DIR/minyi.db. Tests written
// against SQLite thus run unchanged on PostgreSQL.
enum class TempBackend { kUnderTest, kSqlite, kPostgres };

class TempDir {
 public:
  TempDir() : TempDir(TempBackend::kUnderTest) {}
  // kSqlite/kPostgres force a backend (kPostgres needs MINYI_TEST_POSTGRES;
  // database_uri() stays "" without it).
  explicit TempDir(TempBackend backend);
  ~TempDir();
  const std::string& path() const { return path_; }
  // The postgresql:// URI behind path(), or "" on SQLite.
  const std::string& database_uri() const { return database_uri_; }

 private:
  std::string path_;
  std::string database_uri_;
  std::string database_name_;
};

// True when this run's TempDirs are PostgreSQL databases.
bool TestingOnPostgres();

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
