// A fresh store with a few units and users for the duty tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "duty/duty.h"
#include "fixtures/temp_store.h"
#include "store/org.h"

namespace minyi::testing {

inline UnixSeconds Local(const char* text) { return LocalTime(text); }

class DutyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTempStore(clock_, "duty", &dir_);
    ASSERT_TRUE(store_);
    OrgRepo org(db(), clock_);
    ASSERT_TRUE(org.SaveOrganization(actor_, {"测试县", "", ""}).ok());
    village_a_ = *org.CreateUnit(actor_, Unit{0, 0, "东关村", "village", 1, true});
    village_b_ = *org.CreateUnit(actor_, Unit{0, 0, "石桥村", "village", 2, true});
    school_ = *org.CreateUnit(actor_, Unit{0, 0, "中心小学", "school", 3, true});
    town_ = *org.CreateUnit(actor_, Unit{0, 0, "城关镇", "other", 4, true});
    User rep;
    rep.name = "rep";
    rep.display_name = "刘信息员";
    rep.role = Role::kReporter;
    rep.unit_id = village_a_;
    rep.id = *org.CreateUser(actor_, rep, "x");
    reporter_ = rep;
    User adm;
    adm.name = "adm";
    adm.display_name = "管理员";
    adm.role = Role::kAdmin;
    adm.id = *org.CreateUser(actor_, adm, "x");
    admin_ = adm;
  }
  void TearDown() override { RemoveTempStore(store_, dir_); }
  Database& db() { return store_->db(); }
  DutyService svc() { return DutyService(db(), clock_); }

  ManualClock clock_{Local("2026-03-20 09:00")};
  std::string dir_;
  std::unique_ptr<Store> store_;
  Actor actor_{0, "测试"};
  int64_t village_a_ = 0, village_b_ = 0, school_ = 0, town_ = 0;
  User reporter_, admin_;
};

}  // namespace minyi::testing
