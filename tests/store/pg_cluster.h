// A throwaway PostgreSQL cluster for tests: initdb in a temp dir, started on
// a free loopback port with trust authentication, stopped and removed at the
// end. As root (CI), the server runs as the `postgres` system user.
//
// MINYI_TEST_POSTGRES=postgresql://... uses an existing server instead.
#pragma once

#include <memory>
#include <string>

namespace minyi {

class PgCluster {
 public:
  // nullptr when PostgreSQL's server binaries are not installed; *why says so.
  static std::unique_ptr<PgCluster> Start(std::string* why);
  ~PgCluster();
  // A fresh, empty database on the cluster: "postgresql://...".
  std::string CreateDatabase();

 private:
  PgCluster() = default;
  std::string bin_dir_, data_dir_, run_as_, base_uri_;
  int port_ = 0;
  int next_db_ = 0;
  bool external_ = false;
};

// One cluster per test process, started on first use (nullptr and *why when
// PostgreSQL is not available).
PgCluster* SharedPgCluster(std::string* why);

}  // namespace minyi
