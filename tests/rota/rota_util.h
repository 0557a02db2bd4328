// A fresh store with staff and leaders for the rota tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "fixtures/temp_store.h"
#include "notify/notify.h"
#include "rota/rota.h"
#include "store/org.h"

namespace minyi::testing {

inline UnixSeconds RotaLocal(const char* text) { return LocalTime(text); }

class RotaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTempStore(clock_, "rota", &dir_);
    ASSERT_TRUE(store_);
    admin_ = AddUser("adm", "管理员", Role::kAdmin, "");
    zhang_ = AddUser("zhang", "张值班", Role::kHandler, "13800000001");
    li_ = AddUser("li", "李值班", Role::kEditor, "13800000002");
    wang_ = AddUser("wang", "王领导", Role::kLeader, "13800000003");
    zhao_ = AddUser("zhao", "赵主任", Role::kLeader, "13800000004");
  }
  void TearDown() override { RemoveTempStore(store_, dir_); }
  User AddUser(const char* name, const char* display, Role role, const char* phone) {
    User u;
    u.name = name;
    u.display_name = display;
    u.role = role;
    u.phone = phone;
    u.id = *OrgRepo(db(), clock_).CreateUser(actor_, u, "x");
    return u;
  }
  Database& db() { return store_->db(); }
  RotaService svc() { return RotaService(db(), clock_); }
  int64_t Count(const std::string& table) { return *db().QueryInt("SELECT COUNT(*) FROM " + table); }

  // An alert notification created now, as the monitor would enqueue it.
  int64_t Alert(const std::string& title) {
    int64_t id = 0;
    EXPECT_TRUE(db().InTransaction([&](Database& tx) -> Status {
                      Notification n;
                      n.kind = "alert";
                      n.title = title;
                      n.body = "监测预警";
                      n.link = "#/monitor/event?id=1";
                      MINYI_ASSIGN_OR_RETURN(id, EnqueueNotification(tx, clock_, n));
                      return Status::Ok();
                    })
                    .ok());
    return id;
  }

  int64_t AddShift(const User& who, const User* leader, const char* from, const char* to) {
    Shift s;
    s.user_id = who.id;
    s.leader_user_id = leader ? leader->id : 0;
    s.kind = "day";
    s.starts_at = RotaLocal(from);
    s.ends_at = RotaLocal(to);
    auto id = svc().CreateShift(actor_, s);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  ManualClock clock_{RotaLocal("2026-11-23 09:00")};
  std::string dir_;
  std::unique_ptr<Store> store_;
  Actor actor_{0, "测试"};
  User admin_, zhang_, li_, wang_, zhao_;
};

}  // namespace minyi::testing
