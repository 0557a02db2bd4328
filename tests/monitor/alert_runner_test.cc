// AlertRunner: the alert policy shared through the store by several
// processes (two runners on one database stand for two processes), and held
// alerts released by Tick. Both backends.
#include <gtest/gtest.h>

#include <thread>

#include "monitor/alert_policy.h"
#include "store/backend_fixture.h"

namespace minyi {
namespace {

// 2026-11-23 10:00:00 北京时间 (02:00 UTC), a Monday.
constexpr UnixSeconds kMonday10 = 1'795'399'200;

class AlertRunnerTest : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    clock_.Set(kMonday10);
    AlertSettings s;
    s.quiet_hours = false;
    s.min_interval_seconds = 0;
    ASSERT_TRUE(SaveAlertSettings(db(), clock_, actor_, s).ok());
    AddTopic("信访", true);
  }

  void AddTopic(const std::string& name, bool alert_on_hit) {
    ASSERT_TRUE(db().Execute("INSERT INTO monitor_topics(name, created_at, updated_at) VALUES (?, ?, ?)",
                             {name, clock_.Now(), clock_.Now()})
                    .ok());
    int64_t id = *db().QueryInt("SELECT id FROM monitor_topics WHERE name = ?", {name});
    ASSERT_TRUE(SetTopicAlertOnHit(db(), clock_, actor_, id, alert_on_hit).ok());
    topic_ = id;
  }

  AlertObservation Hit(int64_t item) const {
    AlertObservation o;
    o.item_id = item;
    o.topic_ids = {topic_};
    o.sentiment = "negative";
    o.title = "小区供暖不热 " + std::to_string(item);
    return o;
  }
  static AlertObservation Event(int64_t event, double heat, bool is_new) {
    AlertObservation o;
    o.item_id = 100 + event;
    o.event_id = event;
    o.event_title = "城关镇停暖";
    o.event_heat = heat;
    o.new_event = is_new;
    return o;
  }
  int64_t Alerts(const std::string& kind) {
    return *db().QueryInt("SELECT COUNT(*) FROM monitor_alerts WHERE kind = ?", {kind});
  }

  int64_t topic_ = 0;
};

TEST_P(AlertRunnerTest, TwoProcessesShareCooldownsAndEventLevels) {
  AlertRunner a(*store_, clock_);
  AlertRunner b(*store_, clock_);
  EXPECT_EQ(*a.Observe({Event(7, 20, true)}), 1);
  // The other process sees event 7 again at the same level: already alerted.
  EXPECT_EQ(*b.Observe({Event(7, 25, false)}), 0);
  EXPECT_EQ(*b.Observe({Hit(1)}), 1);
  clock_.Advance(60);
  // Within the cooldown of (信访, rule hit), whichever process sees it.
  EXPECT_EQ(*a.Observe({Hit(2)}), 0);
  EXPECT_EQ(*b.Observe({Hit(3)}), 0);
  // An escalation passes the cooldown once, in either process.
  EXPECT_EQ(*b.Observe({Event(7, 65, false)}), 1);
  EXPECT_EQ(*a.Observe({Event(7, 66, false)}), 0);
  EXPECT_EQ(Alerts("new_event"), 1);
  EXPECT_EQ(Alerts("rule_hit"), 1);
  EXPECT_EQ(Alerts("escalation"), 1);
  EXPECT_EQ(*db().QueryInt("SELECT COUNT(*) FROM notifications WHERE kind = 'alert'"), 3);
  // After the cooldown the next hit alerts and names the suppressed ones.
  clock_.Advance(3600);
  EXPECT_EQ(*a.Observe({Hit(4)}), 1);
  Rows r = *db().Query("SELECT body FROM monitor_alerts WHERE kind = 'rule_hit' ORDER BY id DESC");
  EXPECT_NE(r.Text(0, "body").find("另有 2 次"), std::string::npos) << r.Text(0, "body");
}

TEST_P(AlertRunnerTest, ConcurrentProcessesAlertEachEventOnce) {
  AlertSettings s;
  s.quiet_hours = false;
  s.min_interval_seconds = 0;
  s.cooldown_seconds = 0;  // every new event alerts, once
  ASSERT_TRUE(SaveAlertSettings(db(), clock_, actor_, s).ok());
  AlertRunner a(*store_, clock_);
  AlertRunner b(*store_, clock_);
  constexpr int kEvents = 30;
  auto run = [](AlertRunner* r, int* failures) {
    for (int e = 1; e <= kEvents; ++e) {
      if (!r->Observe({Event(e, 20, true)}).ok()) ++*failures;
    }
  };
  int fa = 0, fb = 0;
  std::thread ta(run, &a, &fa), tb(run, &b, &fb);
  ta.join();
  tb.join();
  EXPECT_EQ(fa + fb, 0);
  EXPECT_EQ(Alerts("new_event"), kEvents);
}

TEST_P(AlertRunnerTest, TickReleasesTheQuietHoursDigestOnce) {
  AlertSettings s;
  s.min_interval_seconds = 0;  // quiet hours 22:00-07:00 北京时间 (default)
  ASSERT_TRUE(SaveAlertSettings(db(), clock_, actor_, s).ok());
  AlertRunner a(*store_, clock_);
  AlertRunner b(*store_, clock_);
  clock_.Set(kMonday10 + 13 * 3600);  // 23:00
  EXPECT_EQ(*a.Observe({Hit(1)}), 0);
  EXPECT_EQ(*b.Tick(), 0);
  clock_.Set(kMonday10 + 21 * 3600 - 60);  // 06:59
  EXPECT_EQ(*a.Tick(), 0);
  clock_.Set(kMonday10 + 21 * 3600);  // 07:00, no new item arrives
  EXPECT_EQ(*b.Tick(), 1);
  EXPECT_EQ(*a.Tick(), 0);  // the other process does not send it again
  EXPECT_EQ(Alerts("rule_hit"), 1);
}

TEST_P(AlertRunnerTest, UnreadableStoredStateRestartsInsteadOfStoppingAlerts) {
  AlertRunner a(*store_, clock_);
  EXPECT_EQ(*a.Observe({Event(7, 20, true)}), 1);
  ASSERT_TRUE(db().Execute("UPDATE monitor_alert_state SET state_json = '{\"version\":1,\"topics\":\"oops\"}'"
                           ", version = version + 1")
                  .ok());
  EXPECT_EQ(*a.Observe({Event(8, 20, true)}), 1);
  EXPECT_EQ(Alerts("new_event"), 2);
  // The state written back is readable again.
  AlertPolicy check({}, {});
  EXPECT_TRUE(check.LoadState(db()).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, AlertRunnerTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace minyi
