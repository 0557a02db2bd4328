// Test fixture for the cases subsystem: a real SQLite store in a temp dir,
// a manual clock, the shipped 2026 calendar, and a small organization:
// 信访接待室 (dispatching office), 城关镇 (lead), 宣传科 (co-department).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "cases/cases.h"
#include "cases/clocks.h"
#include "common/calendar.h"
#include "fixtures/temp_store.h"
#include "store/org.h"
#include "store/store.h"

namespace minyi {

inline UnixSeconds Local(const char* text) { return ParseLocalTime(text).value(); }

class CaseFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenTempStore(clock_, "cases", &dir_);
    ASSERT_TRUE(store_);
    OrgRepo org(db(), clock_);
    Actor sys{0, "测试"};
    office_ = org.CreateUnit(sys, Unit{0, 0, "信访接待室", "department", 1, true}).value();
    town_ = org.CreateUnit(sys, Unit{0, 0, "城关镇", "other", 2, true}).value();
    press_ = org.CreateUnit(sys, Unit{0, 0, "宣传科", "department", 3, true}).value();
    auto cal = LoadWorkCalendar(db(), MINYI_SOURCE_DIR);
    ASSERT_TRUE(cal.ok()) << cal.status().ToString();
    calendar_ = *cal;
    service_ = std::make_unique<CaseService>(db(), clock_, calendar_);
    dispatcher_ = {{11, "赵干事"}, Role::kHandler, office_};
    lead_ = {{12, "孙镇干"}, Role::kHandler, town_};
    co_ = {{13, "周科员"}, Role::kHandler, press_};
    leader_ = {{14, "王局长"}, Role::kLeader, 0};
    reporter_ = {{15, "刘信息员"}, Role::kReporter, town_};
    admin_ = {{16, "管理员"}, Role::kAdmin, 0};
  }
  void TearDown() override {
    service_.reset();
    testing::RemoveTempStore(store_, dir_);
  }

  Database& db() { return store_->db(); }
  CaseService& svc() { return *service_; }

  int64_t NewCaseAt(const char* when, const std::string& priority = "normal", const std::string& type = "general") {
    clock_.Set(Local(when));
    NewCase n;
    n.title = "西街社区路灯长期不亮";
    n.description = "群众反映西街社区主干道路灯已损坏两周。";
    n.priority = priority;
    n.case_type = type;
    auto id = svc().Create(dispatcher_, n);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  void At(const char* when) { clock_.Set(Local(when)); }

  CaseClocks Clocks(int64_t id) {
    CaseRecord c = svc().Get(id).value();
    auto events = svc().Events(id).value();
    SlaRule rule = FindSlaRule(db(), c.case_type, c.priority).value();
    return ComputeClocks(c, events, rule, calendar_, clock_.Now());
  }

  std::string dir_;
  ManualClock clock_{Local("2026-09-28 09:00")};
  std::unique_ptr<Store> store_;
  WorkCalendar calendar_;
  std::unique_ptr<CaseService> service_;
  int64_t office_ = 0, town_ = 0, press_ = 0;
  CaseActor dispatcher_, lead_, co_, leader_, reporter_, admin_;
};

}  // namespace minyi
