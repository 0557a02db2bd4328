// Fixture for notify tests: a real SQLite store in a temp dir, a manual
// clock and the local HTTP/SMTP receivers.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "fixtures/temp_store.h"
#include "notify/notify.h"
#include "notify/receivers.h"
#include "store/store.h"

namespace minyi {

class NotifyFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenTempStore(clock_, "notify", &dir_);
    ASSERT_TRUE(store_);
    options_.jitter = 0;  // deterministic backoff
    options_.timeout_ms = 5000;
    options_.base_url = "https://minyi.example.gov.cn/";
  }
  void TearDown() override { testing::RemoveTempStore(store_, dir_); }

  Database& db() { return store_->db(); }

  int64_t AddChannel(ChannelKind kind, const std::string& url, const std::string& secret = "",
                     std::vector<std::string> subs = {}) {
    Channel ch;
    ch.name = std::string(ChannelKindName(kind)) + "-" + std::to_string(++channel_seq_);
    ch.kind = kind;
    ch.subscriptions = std::move(subs);
    ch.config.url = url;
    ch.config.secret = secret;
    auto id = CreateChannel(db(), clock_, admin_, ch);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t Enqueue(const std::string& kind = "alert", std::vector<int64_t> channels = {},
                  std::vector<std::string> mentions = {}) {
    Notification n;
    n.mention_mobiles = std::move(mentions);
    n.kind = kind;
    n.title = "清河县供暖投诉增多";
    n.body = "近 15 分钟 12 条信息提到“暖气不热”。\n请及时关注。";
    n.link = "#/monitor/event?id=3";
    n.event_key = 3;
    n.channel_ids = std::move(channels);
    int64_t id = 0;
    Status st = db().InTransaction([&](Database& tx) -> Status {
      MINYI_ASSIGN_OR_RETURN(id, EnqueueNotification(tx, clock_, n));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return id;
  }

  std::string OutboxStatus(int64_t notification_id) {
    auto rows = db().Query("SELECT status FROM notify_outbox WHERE notification_id = ?", {notification_id});
    return rows.ok() && !rows->empty() ? rows->Text(0, "status") : "";
  }

  std::string dir_;
  ManualClock clock_{1'795'000'000};  // 2026-11-18
  std::unique_ptr<Store> store_;
  DeliveryOptions options_;
  Actor admin_{1, "管理员"};
  int channel_seq_ = 0;
};

}  // namespace minyi
