#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "store/pg_cluster.h"

namespace minyi {
namespace {

std::string FindBinDir() {
  std::error_code ec;
  std::string best;
  for (const auto& e : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    std::string bin = e.path().string() + "/bin";
    if (std::filesystem::exists(bin + "/initdb") && bin > best) best = bin;
  }
  return best;
}

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

int Run(const std::string& run_as, const std::string& cmd) {
  std::string full = run_as.empty() ? cmd : "runuser -u " + run_as + " -- " + cmd;
  return std::system((full + " >/dev/null 2>&1").c_str());
}

}  // namespace

std::unique_ptr<PgCluster> PgCluster::Start(std::string* why) {
  std::unique_ptr<PgCluster> c(new PgCluster());
  if (const char* uri = std::getenv("MINYI_TEST_POSTGRES"); uri && *uri) {
    c->external_ = true;
    c->base_uri_ = uri;
    return c;
  }
  c->bin_dir_ = FindBinDir();
  if (c->bin_dir_.empty()) {
    *why = "PostgreSQL server binaries not installed (apt-get install postgresql)";
    return nullptr;
  }
  if (geteuid() == 0) c->run_as_ = "postgres";
  std::mt19937_64 rng(std::random_device{}());
  c->data_dir_ = "/tmp/minyi-pg-" + std::to_string(getpid()) + "-" + std::to_string(rng() % 1000000);
  std::filesystem::create_directories(c->data_dir_);
  if (!c->run_as_.empty() && Run("", "chown postgres: " + c->data_dir_) != 0) {
    *why = "cannot chown the cluster directory to postgres";
    return nullptr;
  }
  if (Run(c->run_as_,
          c->bin_dir_ + "/initdb -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D " + c->data_dir_ + "/data") != 0) {
    *why = "initdb failed";
    return nullptr;
  }
  c->port_ = FreePort();
  std::string opts = "\"-p " + std::to_string(c->port_) + " -k " + c->data_dir_ +
                     " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off\"";
  if (Run(c->run_as_, c->bin_dir_ + "/pg_ctl -w -t 60 -D " + c->data_dir_ + "/data -l " + c->data_dir_ + "/log -o " +
                          opts + " start") != 0) {
    *why = "pg_ctl start failed (see " + c->data_dir_ + "/log)";
    return nullptr;
  }
  c->base_uri_ = "postgresql://postgres@127.0.0.1:" + std::to_string(c->port_);
  return c;
}

PgCluster::~PgCluster() {
  if (external_) return;
  Run(run_as_, bin_dir_ + "/pg_ctl -w -m immediate -D " + data_dir_ + "/data stop");
  std::error_code ec;
  std::filesystem::remove_all(data_dir_, ec);
}

std::string PgCluster::CreateDatabase() {
  std::string name = "minyi_test_" + std::to_string(getpid()) + "_" + std::to_string(++next_db_);
  if (external_) {
    Run("", "psql '" + base_uri_ + "' -c 'CREATE DATABASE " + name + "'");
    std::string uri = base_uri_;
    size_t slash = uri.find('/', uri.find("://") + 3);
    if (slash != std::string::npos) uri.resize(slash);
    return uri + "/" + name;
  }
  Run(run_as_, bin_dir_ + "/createdb -h 127.0.0.1 -p " + std::to_string(port_) + " -U postgres " + name);
  return base_uri_ + "/" + name;
}

PgCluster* SharedPgCluster(std::string* why) {
  static std::string reason;
  static std::unique_ptr<PgCluster> cluster = PgCluster::Start(&reason);
  *why = reason;
  return cluster.get();
}

}  // namespace minyi
