// A store test fixture parameterized over the backends: "sqlite" (a file in a
// fresh temporary directory) and "postgresql" (a fresh database on the
// process's throwaway cluster, or on MINYI_TEST_POSTGRES).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "common/crypto.h"
#include "common/env.h"
#include "store/audit.h"
#include "store/pg_cluster.h"
#include "store/store.h"

namespace minyi {

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() / ("minyi-store-" + RandomHex(6))).string();
    if (GetParam() == "postgresql") {
      std::string why;
      PgCluster* c = SharedPgCluster(&why);
      if (c == nullptr) GTEST_FAIL() << why;
      location_ = c->CreateDatabase();
    } else {
      location_ = "sqlite:" + dir_;
    }
    Open();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Open() {
    StoreOptions o;
    o.location = location_;
    o.clock = &clock_;
    auto s = Store::Open(o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }
  Database& db() { return store_->db(); }

  ManualClock clock_{1'790'000'000};
  std::string dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
  Actor actor_{0, "测试"};
};

}  // namespace minyi
