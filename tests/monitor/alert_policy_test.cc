// The alert policy with hand-computed baselines and a clock moved by hand.
#include "monitor/alert_policy.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

namespace minyi {
namespace {

using Kind = AlertDecision::Kind;
constexpr int64_t kWeek = 7 * 86400;
// 2026-11-23 10:00:00 北京时间 (02:00 UTC), a Monday.
constexpr UnixSeconds kMonday10 = 1'795'399'200;

AlertSettings Plain() {
  AlertSettings s;
  s.quiet_hours = false;
  s.min_interval_seconds = 0;
  return s;
}

std::vector<AlertObservation> Items(int64_t topic, int n, int negative = 0) {
  std::vector<AlertObservation> out;
  for (int i = 0; i < n; ++i) {
    AlertObservation o;
    o.item_id = 1000 + i;
    o.topic_ids = {topic};
    o.sentiment = i < negative ? "negative" : "neutral";
    o.title = "供暖不热 " + std::to_string(i);
    out.push_back(o);
  }
  return out;
}

// Counts spread over the hour (one item every 7 minutes) so that history
// never fills a short window by itself.
void FeedHour(AlertPolicy& p, int64_t topic, UnixSeconds hour_start, int n) {
  for (int i = 0; i < n; ++i) p.Observe(Items(topic, 1), hour_start + i * 420);
}

TEST(AlertPolicyTest, VolumeSpikeAgainstHourOfWeekBaseline) {
  AlertPolicy p(Plain(), {{1, "供暖", false}});
  // Same hour, 4..1 weeks ago: 8, 4, 8, 4 items -> mean 6, sigma 2.
  int counts[] = {8, 4, 8, 4};
  for (int w = 4; w >= 1; --w) FeedHour(p, 1, kMonday10 - w * kWeek, counts[4 - w]);
  UnixSeconds now = kMonday10 + 1800;
  auto b = p.HourBaseline(1, now);
  EXPECT_EQ(b.weeks, 4);
  EXPECT_DOUBLE_EQ(b.mean, 6);
  EXPECT_DOUBLE_EQ(b.sigma, 2);
  // Short window 15 min = 0.25 h: e = 1.5, sigma_w = max(0.5, sqrt(1.5)),
  // threshold = 1.5 + 3 * 1.2247 = 5.174: 5 items stay quiet, the 6th alerts.
  EXPECT_TRUE(p.Observe(Items(1, 5), now).empty());
  auto d = p.Observe(Items(1, 1), now + 60);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kVolumeSpike);
  EXPECT_EQ(d[0].count, 6);
  EXPECT_DOUBLE_EQ(d[0].expected, 1.5);
  EXPECT_NEAR(d[0].threshold, 1.5 + 3 * std::sqrt(1.5), 1e-9);
  EXPECT_FALSE(d[0].urgent);  // 6 < e + 2k sigma = 8.85
  EXPECT_EQ(d[0].title, "「供暖」信息量突增：近 15 分钟 6 条");
  EXPECT_EQ(d[0].link, "#/monitor/search?topic_id=1");
  // Within the cooldown more arrivals are counted, not sent.
  EXPECT_TRUE(p.Observe(Items(1, 4), now + 120).empty());
}

TEST(AlertPolicyTest, PresetsChangeTheThreshold) {
  for (auto [preset, k] : {std::pair{"sensitive", 2.0}, {"standard", 3.0}, {"conservative", 4.0}}) {
    AlertSettings s = Plain();
    s.preset = preset;
    EXPECT_EQ(s.k(), k);
    AlertPolicy p(s, {});
    for (int w = 2; w >= 1; --w) FeedHour(p, 1, kMonday10 - w * kWeek, 4);  // mean 4, sigma 0
    // e = 1, sigma_w = max(0, sqrt(1)) = 1, threshold = 1 + k; min count 5.
    int fire_at = std::max(5, static_cast<int>(1 + k) + 1);
    UnixSeconds now = kMonday10 + 600;
    EXPECT_TRUE(p.Observe(Items(1, fire_at - 1), now).empty()) << preset;
    EXPECT_EQ(p.Observe(Items(1, 1), now).size(), 1u) << preset;
  }
}

TEST(AlertPolicyTest, NoSpikeWithoutEnoughHistory) {
  AlertPolicy p(Plain(), {});
  FeedHour(p, 1, kMonday10 - kWeek, 1);  // one week only; min_baseline_weeks = 2
  EXPECT_EQ(p.HourBaseline(1, kMonday10).weeks, 1);
  EXPECT_TRUE(p.Observe(Items(1, 50), kMonday10).empty());
}

TEST(AlertPolicyTest, NegativeShareSpike) {
  AlertPolicy p(Plain(), {});
  // No history: base share 0.2 by default, standard delta 0.2 -> alert at 40 %.
  EXPECT_TRUE(p.Observe(Items(2, 10, 3), kMonday10).empty());
  auto d = p.Observe(Items(3, 10, 4), kMonday10);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kNegativeSpike);
  EXPECT_EQ(d[0].topic_id, 3);
  EXPECT_DOUBLE_EQ(d[0].expected, 0.2);
  EXPECT_EQ(d[0].title, "「方案 #3」负面占比升高：近 2 小时 40%");
  // Fewer than min_negative_volume items never alert, whatever the share.
  EXPECT_TRUE(p.Observe(Items(4, 9, 9), kMonday10).empty());
}

TEST(AlertPolicyTest, NegativeBaselineFromPastWeeks) {
  AlertPolicy p(Plain(), {});
  // Last week the same hours were half negative (10 of 20).
  for (int i = 0; i < 20; ++i) p.Observe(Items(5, 1, i % 2 == 0 ? 1 : 0), kMonday10 - kWeek + i * 60);
  // Now 60 % negative: below 0.5 + 0.2.
  EXPECT_TRUE(p.Observe(Items(5, 10, 6), kMonday10 + 1200).empty());
  auto d = p.Observe(Items(5, 5, 5), kMonday10 + 1260);  // 11 of 15 = 73 %
  ASSERT_EQ(d.size(), 1u);
  EXPECT_DOUBLE_EQ(d[0].expected, 0.5);
}

TEST(AlertPolicyTest, RuleHitCooldownCountsSuppressed) {
  AlertPolicy p(Plain(), {{3, "信访", true}, {4, "其他", false}});
  auto obs = Items(3, 1);
  obs[0].item_id = 77;
  auto d = p.Observe(obs, kMonday10);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kRuleHit);
  EXPECT_EQ(d[0].title, "「信访」命中：供暖不热 0");
  EXPECT_EQ(d[0].link, "#/monitor/item?id=77");
  EXPECT_TRUE(p.Observe(Items(3, 1), kMonday10 + 60).empty());
  EXPECT_TRUE(p.Observe(Items(3, 1), kMonday10 + 3599).empty());
  EXPECT_TRUE(p.Observe(Items(4, 1), kMonday10 + 100).empty());  // not marked 命中即提醒
  d = p.Observe(Items(3, 1), kMonday10 + 3600);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].body.find("另有 2 次"), std::string::npos) << d[0].body;
  // Copies never alert by themselves.
  auto copy = Items(3, 1);
  copy[0].duplicate = true;
  EXPECT_TRUE(p.Observe(copy, kMonday10 + 8000).empty());
}

AlertObservation EventObs(int64_t event, double heat, bool is_new) {
  AlertObservation o;
  o.item_id = 1;
  o.topic_ids = {9};
  o.event_id = event;
  o.event_title = "城关镇停暖";
  o.event_heat = heat;
  o.new_event = is_new;
  return o;
}

TEST(AlertPolicyTest, OneAlertPerEventUnlessItEscalates) {
  AlertPolicy p(Plain(), {});
  auto d = p.Observe({EventObs(7, 20, true)}, kMonday10);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kNewEvent);
  EXPECT_EQ(d[0].title, "新事件：城关镇停暖");
  EXPECT_EQ(d[0].link, "#/monitor/event?id=7");
  EXPECT_TRUE(p.Observe({EventObs(7, 35, false)}, kMonday10 + 60).empty());
  d = p.Observe({EventObs(7, 45, false)}, kMonday10 + 120);  // passes 40: level 1
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kEscalation);
  EXPECT_FALSE(d[0].urgent);
  EXPECT_TRUE(p.Observe({EventObs(7, 50, false)}, kMonday10 + 180).empty());
  d = p.Observe({EventObs(7, 85, false)}, kMonday10 + 240);  // level 3: urgent
  ASSERT_EQ(d.size(), 1u);
  EXPECT_TRUE(d[0].urgent);
  EXPECT_EQ(d[0].title, "事件升温（3 级）：城关镇停暖");
  EXPECT_TRUE(p.Observe({EventObs(7, 90, false)}, kMonday10 + 300).empty());
}

TEST(AlertPolicyTest, QuietHoursHoldAllButUrgentThenDigest) {
  AlertSettings s = Plain();
  s.quiet_hours = true;  // 22:00-07:00 北京时间
  AlertPolicy p(s, {{3, "信访", true}, {4, "舆情", true}});
  UnixSeconds night = kMonday10 + 13 * 3600;  // 23:00
  EXPECT_TRUE(p.InQuietHours(night));
  EXPECT_FALSE(p.InQuietHours(kMonday10));
  EXPECT_TRUE(p.Observe(Items(3, 1), night).empty());
  EXPECT_TRUE(p.Observe(Items(4, 1), night + 60).empty());
  auto urgent = p.Observe({EventObs(8, 95, true)}, night + 120);
  ASSERT_EQ(urgent.size(), 1u);
  EXPECT_TRUE(urgent[0].urgent);
  UnixSeconds morning = kMonday10 + 21 * 3600;  // 07:00 next day
  EXPECT_TRUE(p.Tick(morning - 60).empty());
  auto d = p.Tick(morning);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kDigest);
  EXPECT_EQ(d[0].title, "监测提醒汇总：2 条");
  EXPECT_NE(d[0].body.find("「信访」命中"), std::string::npos);
  EXPECT_TRUE(p.Tick(morning + 60).empty());
}

TEST(AlertPolicyTest, MinimumIntervalHoldsTheNextAlert) {
  AlertSettings s = Plain();
  s.min_interval_seconds = 300;
  AlertPolicy p(s, {{3, "信访", true}, {4, "舆情", true}});
  EXPECT_EQ(p.Observe(Items(3, 1), kMonday10).size(), 1u);
  EXPECT_TRUE(p.Observe(Items(4, 1), kMonday10 + 10).empty());
  EXPECT_TRUE(p.Tick(kMonday10 + 299).empty());
  auto d = p.Tick(kMonday10 + 300);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].kind, Kind::kRuleHit);  // a single held alert leaves as itself
  EXPECT_EQ(d[0].topic_id, 4);
}

TEST(AlertPolicyTest, StateRoundTripsAndCorruptStateIsRefused) {
  AlertPolicy p(Plain(), {});
  for (int w = 2; w >= 1; --w) FeedHour(p, 1, kMonday10 - w * kWeek, 3 * w);
  p.Observe({EventObs(7, 45, true)}, kMonday10 - 100);
  AlertPolicy q(Plain(), {});
  ASSERT_TRUE(q.StateFromJson(p.StateToJson()).ok());
  auto b = q.HourBaseline(1, kMonday10);
  EXPECT_EQ(b.weeks, 2);
  EXPECT_DOUBLE_EQ(b.mean, 4.5);
  EXPECT_DOUBLE_EQ(b.sigma, 1.5);
  EXPECT_TRUE(q.Observe({EventObs(7, 50, false)}, kMonday10).empty());  // level 1 already alerted
  Status bad = q.StateFromJson(R"({"version":1,"topics":"oops"})");
  EXPECT_EQ(bad.code(), ErrorCode::kCorruption);
  EXPECT_EQ(bad.message(), "提醒状态已损坏，无法读取");
  EXPECT_EQ(q.HourBaseline(1, kMonday10).weeks, 2);  // unchanged
}

TEST(AlertPolicyTest, SettingsJsonValidation) {
  AlertSettings s;
  s.preset = "sensitive";
  s.quiet_start_minute = 21 * 60;
  auto back = AlertSettingsFromJson(AlertSettingsToJson(s));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->preset, "sensitive");
  EXPECT_EQ(back->quiet_start_minute, 21 * 60);
  EXPECT_EQ(AlertSettingsFromJson(R"({"preset":"loud"})").status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(AlertSettingsFromJson(R"({"cooldown_seconds":"1h"})").status().message(),
            "提醒设置中的 cooldown_seconds 应为数字");
  EXPECT_EQ(AlertSettingsFromJson(R"({"heat_levels":[60,40]})").status().message(),
            "热度等级应在 0 到 100 之间且逐级升高");
  EXPECT_FALSE(AlertSettingsFromJson("[1,2").ok());
}

TEST(AlertPolicyTest, StoredSettingsStateAndEmittedAlerts) {
  auto dir = std::filesystem::temp_directory_path() / ("minyi-alerts-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ManualClock clock(kMonday10);
  {
    auto store = Store::Open({dir.string(), 2, 10000, &clock});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Database& db = (*store)->db();
    Actor admin{1, "管理员"};
    EXPECT_EQ(LoadAlertSettings(db)->preset, "standard");
    AlertSettings s;
    s.preset = "conservative";
    ASSERT_TRUE(SaveAlertSettings(db, clock, admin, s).ok());
    EXPECT_EQ(LoadAlertSettings(db)->preset, "conservative");
    s.urgent_level = 0;
    EXPECT_FALSE(SaveAlertSettings(db, clock, admin, s).ok());
    EXPECT_EQ(LoadAlertSettings(db)->preset, "conservative");

    AlertPolicy p(Plain(), {});
    auto d = p.Observe({EventObs(7, 20, true)}, clock.Now());
    ASSERT_EQ(d.size(), 1u);
    ASSERT_TRUE(db.InTransaction([&](Database& tx) -> Status {
                    MINYI_RETURN_IF_ERROR(EmitAlert(tx, clock, d[0]).status());
                    return p.SaveState(tx, clock);
                  }).ok());
    EXPECT_EQ(*db.QueryInt("SELECT COUNT(*) FROM monitor_alerts WHERE kind = 'new_event' AND event_id = 7"), 1);
    EXPECT_EQ(*db.QueryInt("SELECT COUNT(*) FROM notifications WHERE kind = 'alert' AND event_key = 7"), 1);
    AlertPolicy q(Plain(), {});
    ASSERT_TRUE(q.LoadState(db).ok());
    EXPECT_TRUE(q.Observe({EventObs(7, 25, false)}, clock.Now()).empty());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace minyi
