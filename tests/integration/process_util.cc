#include "integration/process_util.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

namespace minyi::testing {
namespace {

std::vector<char*> Argv(const std::vector<std::string>& args, std::vector<std::string>& storage) {
  storage.clear();
  storage.push_back(MINYI_BIN);
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  return argv;
}

std::string ReadAll(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

int WaitExit(pid_t pid, int timeout_seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

const char* PostgresBaseUri() {
  const char* uri = std::getenv("MINYI_TEST_POSTGRES");
  return uri && *uri ? uri : nullptr;
}

// The server URI with its database part replaced by `name`.
std::string WithDatabase(std::string uri, const std::string& name) {
  size_t query = uri.find('?');
  std::string params = query == std::string::npos ? "" : uri.substr(query);
  if (query != std::string::npos) uri.resize(query);
  size_t slash = uri.find('/', uri.find("://") + 3);
  if (slash != std::string::npos) uri.resize(slash);
  return uri + "/" + name + params;
}

// CREATE/DROP DATABASE cannot run inside a transaction or with parameters;
// names are generated here from digits and letters only.
bool AdminSql(const std::string& sql) {
  PGconn* conn = PQconnectdb(WithDatabase(PostgresBaseUri(), "postgres").c_str());
  bool ok = PQstatus(conn) == CONNECTION_OK;
  if (ok) {
    PGresult* res = PQexec(conn, sql.c_str());
    ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok) std::fprintf(stderr, "%s: %s", sql.c_str(), PQresultErrorMessage(res));
    PQclear(res);
  } else {
    std::fprintf(stderr, "PostgreSQL: %s", PQerrorMessage(conn));
  }
  PQfinish(conn);
  return ok;
}

// Without a server to test on, the PostgreSQL run skips instead of failing
// on every test: scripts/test always provides one.
class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    if (TestingOnPostgres() && PostgresBaseUri() == nullptr) {
      GTEST_SKIP() << "MINYI_TEST_BACKEND=postgresql but MINYI_TEST_POSTGRES is not set (run scripts/test)";
    }
  }
};
[[maybe_unused]] ::testing::Environment* const kPostgresEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment);

}  // namespace

bool TestingOnPostgres() {
  const char* b = std::getenv("MINYI_TEST_BACKEND");
  return b && std::string(b) == "postgresql";
}

TempDir::TempDir(TempBackend backend) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "minyi-test-XXXXXX").string();
  path_ = ::mkdtemp(tmpl.data()) ? tmpl : "";
  bool postgres = backend == TempBackend::kPostgres || (backend == TempBackend::kUnderTest && TestingOnPostgres());
  if (path_.empty() || !postgres || PostgresBaseUri() == nullptr) return;
  static std::atomic<int> counter{0};
  std::mt19937 rng(std::random_device{}());
  std::string name =
      "minyi_it_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_" + std::to_string(rng() % 100000);
  if (!AdminSql("CREATE DATABASE " + name)) {
    ADD_FAILURE() << "cannot create test database " << name;
    return;
  }
  database_name_ = name;
  database_uri_ = WithDatabase(PostgresBaseUri(), name);
  std::ofstream(path_ + "/database.url") << database_uri_ << "\n";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  if (!database_name_.empty()) AdminSql("DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
}

CommandResult RunMinyi(const std::vector<std::string>& args, const std::string& stdin_data) {
  int in[2], out[2], err[2];
  if (::pipe(in) || ::pipe(out) || ::pipe(err)) return {};
  std::vector<std::string> storage;
  auto argv = Argv(args, storage);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!stdin_data.empty()) (void)!::write(in[1], stdin_data.data(), stdin_data.size());
  ::close(in[1]);
  CommandResult r;
  std::thread err_reader([&] { r.err = ReadAll(err[0]); });
  r.out = ReadAll(out[0]);
  err_reader.join();
  ::close(out[0]);
  ::close(err[0]);
  r.exit_code = WaitExit(pid, 120);
  return r;
}

ServerProcess::ServerProcess(const std::vector<std::string>& args) {
  int out[2];
  if (::pipe(out)) return;
  std::vector<std::string> storage;
  auto argv = Argv(args, storage);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  out_fd_ = out[0];
  std::string seen;
  static const std::regex kUrl(R"(http://127\.0\.0\.1:(\d+))");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 200) > 0) {
      char buf[1024];
      ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0) break;
      seen.append(buf, static_cast<size_t>(n));
      std::smatch m;
      if (std::regex_search(seen, m, kUrl)) {
        port_ = std::stoi(m[1].str());
        break;
      }
    }
  }
}

bool ServerProcess::Alive() {
  if (pid_ <= 0) return false;
  int status = 0;
  return ::waitpid(pid_, &status, WNOHANG) == 0;
}

int ServerProcess::Stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int code = WaitExit(pid_, 10);
  pid_ = -1;
  return code;
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop();
  if (out_fd_ >= 0) ::close(out_fd_);
}

}  // namespace minyi::testing
