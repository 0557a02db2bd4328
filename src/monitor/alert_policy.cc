#include "monitor/alert_policy.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace minyi {
namespace {

using Json = nlohmann::json;
using Kind = AlertDecision::Kind;

constexpr int64_t kHoursPerWeek = 168;
constexpr int64_t kEventMemorySeconds = 14 * 86400;
constexpr size_t kMaxHeld = 200;
constexpr size_t kMaxStateBytes = 64u << 20;

int KindIndex(Kind k) { return static_cast<int>(k); }

std::string Fmt1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Percent(double share) { return std::to_string(static_cast<int>(std::lround(share * 100))) + "%"; }

std::string WindowLabel(int64_t seconds) {
  if (seconds % 3600 == 0) return std::to_string(seconds / 3600) + " 小时";
  return std::to_string(seconds / 60) + " 分钟";
}

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

// ---- Settings ---------------------------------------------------------------

double AlertSettings::k() const {
  if (preset == "sensitive") return 2;
  if (preset == "conservative") return 4;
  return 3;
}

double AlertSettings::negative_delta() const {
  if (preset == "sensitive") return 0.15;
  if (preset == "conservative") return 0.3;
  return 0.2;
}

Status ValidateAlertSettings(const AlertSettings& s) {
  if (s.preset != "sensitive" && s.preset != "standard" && s.preset != "conservative") {
    return InvalidArgument("灵敏度只能是 sensitive（灵敏）、standard（标准）或 conservative（保守）");
  }
  if (s.short_window_seconds < 300 || s.short_window_seconds > 3600) {
    return InvalidArgument("短窗口应在 5 到 60 分钟之间");
  }
  if (s.long_window_seconds < s.short_window_seconds || s.long_window_seconds > 86400) {
    return InvalidArgument("长窗口应不短于短窗口，且不超过 24 小时");
  }
  if (s.min_count_short < 1 || s.min_count_long < 1 || s.min_negative_volume < 1) {
    return InvalidArgument("最小条数至少为 1");
  }
  if (s.baseline_weeks < 1 || s.baseline_weeks > 12 || s.min_baseline_weeks < 1 ||
      s.min_baseline_weeks > s.baseline_weeks) {
    return InvalidArgument("基线周数应在 1 到 12 之间，且最少周数不超过基线周数");
  }
  if (s.default_negative_share < 0 || s.default_negative_share > 1)
    return InvalidArgument("默认负面占比应在 0 到 1 之间");
  if (s.cooldown_seconds < 0 || s.cooldown_seconds > 7 * 86400) return InvalidArgument("冷却时间应在 0 到 7 天之间");
  if (s.min_interval_seconds < 0 || s.min_interval_seconds > 86400) {
    return InvalidArgument("最小提醒间隔应在 0 到 24 小时之间");
  }
  if (s.quiet_start_minute < 0 || s.quiet_start_minute >= 1440 || s.quiet_end_minute < 0 ||
      s.quiet_end_minute >= 1440) {
    return InvalidArgument("免打扰时段的时间不正确");
  }
  if (s.utc_offset_minutes < -720 || s.utc_offset_minutes > 840) return InvalidArgument("时区偏移不正确");
  if (s.heat_levels.empty() || s.heat_levels.size() > 10) return InvalidArgument("热度等级应有 1 到 10 个");
  for (size_t i = 0; i < s.heat_levels.size(); ++i) {
    if (s.heat_levels[i] <= 0 || s.heat_levels[i] > 100 || (i > 0 && s.heat_levels[i] <= s.heat_levels[i - 1])) {
      return InvalidArgument("热度等级应在 0 到 100 之间且逐级升高");
    }
  }
  if (s.urgent_level < 1) return InvalidArgument("紧急等级至少为 1");
  return Status::Ok();
}

std::string AlertSettingsToJson(const AlertSettings& s) {
  return Json{{"preset", s.preset},
              {"rule_hits", s.rule_hits},
              {"new_events", s.new_events},
              {"volume_spikes", s.volume_spikes},
              {"negative_spikes", s.negative_spikes},
              {"short_window_seconds", s.short_window_seconds},
              {"long_window_seconds", s.long_window_seconds},
              {"min_count_short", s.min_count_short},
              {"min_count_long", s.min_count_long},
              {"baseline_weeks", s.baseline_weeks},
              {"min_baseline_weeks", s.min_baseline_weeks},
              {"min_negative_volume", s.min_negative_volume},
              {"default_negative_share", s.default_negative_share},
              {"cooldown_seconds", s.cooldown_seconds},
              {"min_interval_seconds", s.min_interval_seconds},
              {"quiet_hours", s.quiet_hours},
              {"quiet_start_minute", s.quiet_start_minute},
              {"quiet_end_minute", s.quiet_end_minute},
              {"utc_offset_minutes", s.utc_offset_minutes},
              {"heat_levels", s.heat_levels},
              {"urgent_level", s.urgent_level}}
      .dump();
}

Result<AlertSettings> AlertSettingsFromJson(std::string_view text) {
  if (text.size() > 64 * 1024) return ResourceExhausted("提醒设置过大");
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return InvalidArgument("提醒设置不是 JSON 对象");
  AlertSettings s;
  Status st;
  auto num = [&](const char* key, auto& out) {
    if (!j.contains(key) || !st.ok()) return;
    if (!j[key].is_number()) {
      st = InvalidArgument(std::string("提醒设置中的 ") + key + " 应为数字");
      return;
    }
    out = j[key].get<std::remove_reference_t<decltype(out)>>();
  };
  auto flag = [&](const char* key, bool& out) {
    if (!j.contains(key) || !st.ok()) return;
    if (!j[key].is_boolean()) {
      st = InvalidArgument(std::string("提醒设置中的 ") + key + " 应为 true 或 false");
      return;
    }
    out = j[key].get<bool>();
  };
  if (j.contains("preset")) {
    if (!j["preset"].is_string()) return InvalidArgument("提醒设置中的 preset 应为文字");
    s.preset = j["preset"].get<std::string>();
  }
  flag("rule_hits", s.rule_hits);
  flag("new_events", s.new_events);
  flag("volume_spikes", s.volume_spikes);
  flag("negative_spikes", s.negative_spikes);
  flag("quiet_hours", s.quiet_hours);
  num("short_window_seconds", s.short_window_seconds);
  num("long_window_seconds", s.long_window_seconds);
  num("min_count_short", s.min_count_short);
  num("min_count_long", s.min_count_long);
  num("baseline_weeks", s.baseline_weeks);
  num("min_baseline_weeks", s.min_baseline_weeks);
  num("min_negative_volume", s.min_negative_volume);
  num("default_negative_share", s.default_negative_share);
  num("cooldown_seconds", s.cooldown_seconds);
  num("min_interval_seconds", s.min_interval_seconds);
  num("quiet_start_minute", s.quiet_start_minute);
  num("quiet_end_minute", s.quiet_end_minute);
  num("utc_offset_minutes", s.utc_offset_minutes);
  num("urgent_level", s.urgent_level);
  MINYI_RETURN_IF_ERROR(st);
  if (j.contains("heat_levels")) {
    if (!j["heat_levels"].is_array()) return InvalidArgument("热度等级应为数字列表");
    s.heat_levels.clear();
    for (const auto& v : j["heat_levels"]) {
      if (!v.is_number()) return InvalidArgument("热度等级应为数字列表");
      s.heat_levels.push_back(v.get<double>());
    }
  }
  MINYI_RETURN_IF_ERROR(ValidateAlertSettings(s));
  return s;
}

Result<AlertSettings> LoadAlertSettings(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT settings_json FROM monitor_alert_settings WHERE id = 1"));
  if (rows.empty()) return AlertSettings{};
  return AlertSettingsFromJson(rows.Text(0, "settings_json"));
}

Status SaveAlertSettings(Database& db, const Clock& clock, const Actor& actor, const AlertSettings& s) {
  MINYI_RETURN_IF_ERROR(ValidateAlertSettings(s));
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_ASSIGN_OR_RETURN(Rows old, tx.Query("SELECT settings_json FROM monitor_alert_settings WHERE id = 1"));
    std::string before = old.empty() ? "null" : old.Text(0, "settings_json");
    std::string after = AlertSettingsToJson(s);
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_alert_settings(id, settings_json, updated_at) VALUES"
                                     " (1, ?, ?) ON CONFLICT (id) DO UPDATE SET settings_json = excluded.settings_json,"
                                     " updated_at = excluded.updated_at",
                                     {after, clock.Now()})
                              .status());
    return AppendAudit(tx, clock, actor, {"update", "alert_settings", "1", before, after});
  });
}

Result<std::vector<TopicAlertConfig>> LoadTopicAlertConfigs(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT t.id, t.name, COALESCE(a.alert_on_hit, 0) AS alert_on_hit FROM"
                                             " monitor_topics t LEFT JOIN monitor_alert_topics a ON a.topic_id = t.id"
                                             " WHERE t.active = 1 ORDER BY t.id"));
  std::vector<TopicAlertConfig> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back({rows.Int(i, "id"), rows.Text(i, "name"), rows.Int(i, "alert_on_hit") != 0});
  }
  return out;
}

Status SetTopicAlertOnHit(Database& db, const Clock& clock, const Actor& actor, int64_t topic_id, bool on) {
  return db.InTransaction([&](Database& tx) -> Status {
    MINYI_RETURN_IF_ERROR(
        tx.QueryOne("SELECT id FROM monitor_topics WHERE id = ?", {topic_id}, "找不到该监测方案").status());
    MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_alert_topics(topic_id, alert_on_hit, updated_at) VALUES"
                                     " (?, ?, ?) ON CONFLICT (topic_id) DO UPDATE SET alert_on_hit ="
                                     " excluded.alert_on_hit, updated_at = excluded.updated_at",
                                     {topic_id, on, clock.Now()})
                              .status());
    return AppendAudit(tx, clock, actor,
                       {"update", "topic_alert", std::to_string(topic_id), "null", Json{{"alert_on_hit", on}}.dump()});
  });
}

// ---- Decisions to notifications --------------------------------------------

std::string_view AlertKindName(Kind kind) {
  switch (kind) {
    case Kind::kRuleHit:
      return "rule_hit";
    case Kind::kNewEvent:
      return "new_event";
    case Kind::kEscalation:
      return "escalation";
    case Kind::kVolumeSpike:
      return "volume_spike";
    case Kind::kNegativeSpike:
      return "negative_spike";
    case Kind::kDigest:
      return "digest";
  }
  return "alert";
}

Notification AlertToNotification(const AlertDecision& d) {
  Notification n;
  n.kind = "alert";
  n.title = d.title;
  n.body = d.body;
  n.link = d.link;
  n.urgent = d.urgent;
  n.event_key = d.event_id > 0 ? d.event_id : d.topic_id;
  return n;
}

Result<int64_t> EmitAlert(Database& tx, const Clock& clock, const AlertDecision& d) {
  MINYI_ASSIGN_OR_RETURN(int64_t nid, EnqueueNotification(tx, clock, AlertToNotification(d)));
  MINYI_RETURN_IF_ERROR(tx.Execute("INSERT INTO monitor_alerts(kind, topic_id, event_id, item_id, urgent, title, body,"
                                   " notification_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                                   {AlertKindName(d.kind), d.topic_id, d.event_id, d.item_id, d.urgent, d.title, d.body,
                                    nid, clock.Now()})
                            .status());
  return nid;
}

// ---- The policy ----------------------------------------------------------------

AlertPolicy::AlertPolicy(AlertSettings settings, std::vector<TopicAlertConfig> topics)
    : settings_(std::move(settings)) {
  SetTopics(std::move(topics));
}

void AlertPolicy::SetTopics(std::vector<TopicAlertConfig> topics) {
  topics_.clear();
  for (auto& t : topics) topics_[t.topic_id] = std::move(t);
}

std::string AlertPolicy::TopicName(int64_t topic_id) const {
  auto it = topics_.find(topic_id);
  return it != topics_.end() ? it->second.name : "方案 #" + std::to_string(topic_id);
}

int AlertPolicy::LevelOf(double heat) const {
  int level = 0;
  for (double l : settings_.heat_levels)
    if (heat >= l) ++level;
  return level;
}

bool AlertPolicy::InQuietHours(UnixSeconds now) const {
  if (!settings_.quiet_hours || settings_.quiet_start_minute == settings_.quiet_end_minute) return false;
  int64_t local = now + settings_.utc_offset_minutes * 60LL;
  int minute = static_cast<int>(((local % 86400) + 86400) % 86400 / 60);
  int s = settings_.quiet_start_minute, e = settings_.quiet_end_minute;
  return s < e ? (minute >= s && minute < e) : (minute >= s || minute < e);
}

void AlertPolicy::Count(int64_t topic_id, bool negative, UnixSeconds now) {
  TopicState& t = state_[topic_id];
  int64_t hour = FloorDiv(now, 3600);
  if (t.first_hour < 0) t.first_hour = hour;
  Counts& h = t.hours[hour];
  Counts& m = t.minutes[FloorDiv(now, 60)];
  ++h.total;
  ++m.total;
  if (negative) {
    ++h.negative;
    ++m.negative;
  }
}

AlertPolicy::Baseline AlertPolicy::HourBaseline(int64_t topic_id, UnixSeconds now) const {
  Baseline b;
  auto it = state_.find(topic_id);
  if (it == state_.end()) return b;
  const TopicState& t = it->second;
  int64_t hour = FloorDiv(now, 3600);
  std::vector<double> counts;
  for (int w = 1; w <= settings_.baseline_weeks; ++w) {
    int64_t h = hour - w * kHoursPerWeek;
    if (h < t.first_hour) break;  // the topic did not exist yet: no evidence either way
    auto c = t.hours.find(h);
    counts.push_back(c == t.hours.end() ? 0.0 : static_cast<double>(c->second.total));
  }
  b.weeks = static_cast<int>(counts.size());
  if (counts.empty()) return b;
  for (double c : counts) b.mean += c;
  b.mean /= counts.size();
  for (double c : counts) b.sigma += (c - b.mean) * (c - b.mean);
  b.sigma = std::sqrt(b.sigma / counts.size());
  return b;
}

void AlertPolicy::CheckSpikes(int64_t topic_id, UnixSeconds now, std::vector<AlertDecision>& out) {
  const TopicState& t = state_[topic_id];
  int64_t minute_now = FloorDiv(now, 60);
  auto window = [&](int64_t seconds) {
    Counts c;
    for (auto it = t.minutes.lower_bound(minute_now - seconds / 60 + 1); it != t.minutes.end(); ++it) {
      c.total += it->second.total;
      c.negative += it->second.negative;
    }
    return c;
  };
  std::string name = TopicName(topic_id);
  if (settings_.volume_spikes) {
    Baseline b = HourBaseline(topic_id, now);
    if (b.weeks >= settings_.min_baseline_weeks) {
      double k = settings_.k();
      // The short window first: it is the earlier warning.
      for (int64_t seconds : {settings_.short_window_seconds, settings_.long_window_seconds}) {
        int64_t min_count =
            seconds == settings_.short_window_seconds ? settings_.min_count_short : settings_.min_count_long;
        double f = static_cast<double>(seconds) / 3600.0;
        double expected = b.mean * f;
        double sigma = std::max(b.sigma * f, std::sqrt(std::max(expected, 1.0)));
        double threshold = expected + k * sigma;
        int64_t count = window(seconds).total;
        if (count < min_count || static_cast<double>(count) <= threshold) continue;
        AlertDecision d;
        d.kind = Kind::kVolumeSpike;
        d.topic_id = topic_id;
        d.count = count;
        d.expected = expected;
        d.threshold = threshold;
        d.urgent = static_cast<double>(count) > expected + 2 * k * sigma;
        d.title = "「" + name + "」信息量突增：近 " + WindowLabel(seconds) + " " + std::to_string(count) + " 条";
        d.body = "方案「" + name + "」近 " + WindowLabel(seconds) + "收到 " + std::to_string(count) +
                 " 条信息，往常同一时段约 " + Fmt1(expected) + " 条（过去 " + std::to_string(b.weeks) +
                 " 周同一小时的平均），提醒阈值 " + Fmt1(threshold) + " 条。";
        d.link = "#/monitor/search?topic_id=" + std::to_string(topic_id);
        Gate(std::move(d), false, now, out);
        break;
      }
    }
  }
  if (settings_.negative_spikes) {
    Counts c = window(settings_.long_window_seconds);
    if (c.total >= settings_.min_negative_volume) {
      int64_t hour = FloorDiv(now, 3600);
      int64_t first = FloorDiv(now - settings_.long_window_seconds + 1, 3600);
      Counts base;
      for (int w = 1; w <= settings_.baseline_weeks; ++w) {
        for (int64_t h = first; h <= hour; ++h) {
          auto it = t.hours.find(h - w * kHoursPerWeek);
          if (it == t.hours.end()) continue;
          base.total += it->second.total;
          base.negative += it->second.negative;
        }
      }
      double base_share = base.total >= settings_.min_negative_volume
                              ? static_cast<double>(base.negative) / static_cast<double>(base.total)
                              : settings_.default_negative_share;
      double share = static_cast<double>(c.negative) / static_cast<double>(c.total);
      if (share >= base_share + settings_.negative_delta()) {
        AlertDecision d;
        d.kind = Kind::kNegativeSpike;
        d.topic_id = topic_id;
        d.count = c.negative;
        d.expected = base_share;
        d.threshold = base_share + settings_.negative_delta();
        d.title =
            "「" + name + "」负面占比升高：近 " + WindowLabel(settings_.long_window_seconds) + " " + Percent(share);
        d.body = "方案「" + name + "」近 " + WindowLabel(settings_.long_window_seconds) + "共 " +
                 std::to_string(c.total) + " 条信息，其中负面 " + std::to_string(c.negative) + " 条（" +
                 Percent(share) + "），往常约 " + Percent(base_share) + "。";
        d.link = "#/monitor/search?topic_id=" + std::to_string(topic_id) + "&sentiment=negative";
        Gate(std::move(d), false, now, out);
      }
    }
  }
}

void AlertPolicy::Gate(AlertDecision d, bool skip_cooldown, UnixSeconds now, std::vector<AlertDecision>& out) {
  d.at = now;
  GateKey key{d.topic_id, KindIndex(d.kind)};
  if (!skip_cooldown) {
    auto last = last_alert_.find(key);
    if (last != last_alert_.end() && now - last->second < settings_.cooldown_seconds) {
      ++suppressed_[key];
      return;
    }
  }
  last_alert_[key] = now;
  auto sup = suppressed_.find(key);
  if (sup != suppressed_.end()) {
    if (sup->second > 0) {
      d.body += "\n（上次提醒后的冷却期内另有 " + std::to_string(sup->second) + " 次同类情况未单独提醒。）";
    }
    suppressed_.erase(sup);
  }
  if (!d.urgent && (InQuietHours(now) || (last_sent_ > 0 && now - last_sent_ < settings_.min_interval_seconds))) {
    if (held_.size() < kMaxHeld) held_.push_back(std::move(d));
    return;
  }
  last_sent_ = now;
  out.push_back(std::move(d));
}

void AlertPolicy::ReleaseHeld(UnixSeconds now, std::vector<AlertDecision>& out) {
  if (held_.empty() || InQuietHours(now)) return;
  if (last_sent_ > 0 && now - last_sent_ < settings_.min_interval_seconds) return;
  last_sent_ = now;
  if (held_.size() == 1) {
    out.push_back(std::move(held_.front()));
    held_.clear();
    return;
  }
  AlertDecision d;
  d.kind = Kind::kDigest;
  d.at = now;
  d.title = "监测提醒汇总：" + std::to_string(held_.size()) + " 条";
  d.body = "以下提醒因免打扰时段或提醒间隔暂缓发送：";
  size_t shown = 0;
  for (const auto& h : held_) {
    if (++shown > 20) {
      d.body += "\n……另有 " + std::to_string(held_.size() - 20) + " 条";
      break;
    }
    d.body += "\n- " + h.title;
  }
  d.link = "#/monitor/events";
  held_.clear();
  out.push_back(std::move(d));
}

void AlertPolicy::Prune(UnixSeconds now) {
  int64_t keep_hours = (settings_.baseline_weeks + 1) * kHoursPerWeek;
  int64_t hour = FloorDiv(now, 3600), minute = FloorDiv(now, 60);
  for (auto& [id, t] : state_) {
    t.hours.erase(t.hours.begin(), t.hours.lower_bound(hour - keep_hours));
    t.minutes.erase(t.minutes.begin(), t.minutes.lower_bound(minute - settings_.long_window_seconds / 60));
  }
  for (auto it = events_.begin(); it != events_.end();) {
    it = now - it->second.seen > kEventMemorySeconds ? events_.erase(it) : std::next(it);
  }
}

std::vector<AlertDecision> AlertPolicy::Observe(const std::vector<AlertObservation>& batch, UnixSeconds now) {
  std::vector<AlertDecision> out;
  ReleaseHeld(now, out);
  std::vector<int64_t> touched;
  for (const auto& o : batch) {
    bool negative = o.sentiment == "negative";
    for (int64_t tid : o.topic_ids) {
      Count(tid, negative, now);
      touched.push_back(tid);
    }
    if (o.duplicate) continue;
    if (settings_.rule_hits) {
      for (int64_t tid : o.topic_ids) {
        auto t = topics_.find(tid);
        if (t == topics_.end() || !t->second.alert_on_hit) continue;
        AlertDecision d;
        d.kind = Kind::kRuleHit;
        d.topic_id = tid;
        d.item_id = o.item_id;
        d.event_id = o.event_id;
        d.title = "「" + t->second.name + "」命中：" + o.title;
        d.body = "监测方案「" + t->second.name + "」命中一条新信息：" + o.title;
        if (negative) d.body += "（负面）";
        d.link = "#/monitor/item?id=" + std::to_string(o.item_id);
        Gate(std::move(d), false, now, out);
      }
    }
    if (o.event_id > 0) {
      int level = LevelOf(o.event_heat);
      auto it = events_.find(o.event_id);
      int64_t topic = o.topic_ids.empty() ? 0 : o.topic_ids.front();
      std::string title = o.event_title.empty() ? o.title : o.event_title;
      if (it == events_.end()) {
        events_[o.event_id] = {level, now};
        if (o.new_event && settings_.new_events) {
          AlertDecision d;
          d.kind = Kind::kNewEvent;
          d.topic_id = topic;
          d.event_id = o.event_id;
          d.item_id = o.item_id;
          d.urgent = level >= settings_.urgent_level;
          d.title = "新事件：" + title;
          d.body = "监测到新事件「" + title + "」，当前热度 " + Fmt1(o.event_heat) + "。";
          d.link = "#/monitor/event?id=" + std::to_string(o.event_id);
          Gate(std::move(d), false, now, out);
        }
        continue;
      }
      it->second.seen = now;
      if (level > it->second.level) {
        it->second.level = level;
        if (!settings_.new_events) continue;
        AlertDecision d;
        d.kind = Kind::kEscalation;
        d.topic_id = topic;
        d.event_id = o.event_id;
        d.item_id = o.item_id;
        d.urgent = level >= settings_.urgent_level;
        d.title = "事件升温（" + std::to_string(level) + " 级）：" + title;
        d.body = "事件「" + title + "」热度升至 " + Fmt1(o.event_heat) + "，超过 " +
                 Fmt1(settings_.heat_levels[level - 1]) + "（第 " + std::to_string(level) + " 级）。";
        d.link = "#/monitor/event?id=" + std::to_string(o.event_id);
        Gate(std::move(d), true, now, out);
      }
    }
  }
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (int64_t tid : touched) CheckSpikes(tid, now, out);
  Prune(now);
  return out;
}

std::vector<AlertDecision> AlertPolicy::Tick(UnixSeconds now) {
  std::vector<AlertDecision> out;
  ReleaseHeld(now, out);
  Prune(now);
  return out;
}

// ---- Persisted state ---------------------------------------------------------

namespace {

Json DecisionToJson(const AlertDecision& d) {
  return {{"kind", KindIndex(d.kind)},
          {"topic", d.topic_id},
          {"event", d.event_id},
          {"item", d.item_id},
          {"urgent", d.urgent},
          {"title", d.title},
          {"body", d.body},
          {"link", d.link},
          {"at", d.at},
          {"count", d.count},
          {"expected", d.expected},
          {"threshold", d.threshold}};
}

AlertDecision DecisionFromJson(const Json& j) {
  AlertDecision d;
  d.kind = static_cast<Kind>(std::clamp(j.value("kind", 0), 0, KindIndex(Kind::kDigest)));
  d.topic_id = j.value("topic", int64_t{0});
  d.event_id = j.value("event", int64_t{0});
  d.item_id = j.value("item", int64_t{0});
  d.urgent = j.value("urgent", false);
  d.title = j.value("title", std::string());
  d.body = j.value("body", std::string());
  d.link = j.value("link", std::string());
  d.at = j.value("at", int64_t{0});
  d.count = j.value("count", int64_t{0});
  d.expected = j.value("expected", 0.0);
  d.threshold = j.value("threshold", 0.0);
  return d;
}

Json CountsToJson(const std::map<int64_t, AlertPolicy::Counts>& m) {
  Json a = Json::array();
  for (const auto& [k, c] : m) a.push_back({k, c.total, c.negative});
  return a;
}

void CountsFromJson(const Json& a, std::map<int64_t, AlertPolicy::Counts>& m) {
  if (!a.is_array()) return;
  for (const auto& e : a) {
    if (e.is_array() && e.size() == 3) m[e[0].get<int64_t>()] = {e[1].get<int64_t>(), e[2].get<int64_t>()};
  }
}

}  // namespace

std::string AlertPolicy::StateToJson() const {
  Json topics = Json::array();
  for (const auto& [id, t] : state_) {
    topics.push_back({{"id", id},
                      {"first_hour", t.first_hour},
                      {"hours", CountsToJson(t.hours)},
                      {"minutes", CountsToJson(t.minutes)}});
  }
  Json gates = Json::array();
  for (const auto& [key, at] : last_alert_) {
    auto sup = suppressed_.find(key);
    gates.push_back({key.first, key.second, at, sup == suppressed_.end() ? 0 : sup->second});
  }
  Json events = Json::array();
  for (const auto& [id, e] : events_) events.push_back({id, e.level, e.seen});
  Json held = Json::array();
  for (const auto& d : held_) held.push_back(DecisionToJson(d));
  return Json{{"version", 1},     {"topics", topics}, {"gates", gates},
              {"events", events}, {"held", held},     {"last_sent", last_sent_}}
      .dump();
}

Status AlertPolicy::StateFromJson(std::string_view text) {
  if (text.size() > kMaxStateBytes) return ResourceExhausted("提醒状态过大");
  try {
    Json j = Json::parse(text);
    if (!j.is_object() || j.value("version", 0) != 1) return Corruption("提醒状态的格式无法识别");
    decltype(state_) state;
    for (const auto& t : j.at("topics")) {
      TopicState& s = state[t.at("id").get<int64_t>()];
      s.first_hour = t.at("first_hour").get<int64_t>();
      CountsFromJson(t.at("hours"), s.hours);
      CountsFromJson(t.at("minutes"), s.minutes);
    }
    decltype(last_alert_) gates;
    decltype(suppressed_) suppressed;
    for (const auto& g : j.at("gates")) {
      GateKey key{g.at(0).get<int64_t>(), g.at(1).get<int>()};
      gates[key] = g.at(2).get<int64_t>();
      if (g.at(3).get<int64_t>() > 0) suppressed[key] = g.at(3).get<int64_t>();
    }
    decltype(events_) events;
    for (const auto& e : j.at("events")) events[e.at(0).get<int64_t>()] = {e.at(1).get<int>(), e.at(2).get<int64_t>()};
    decltype(held_) held;
    for (const auto& d : j.at("held")) held.push_back(DecisionFromJson(d));
    state_ = std::move(state);
    last_alert_ = std::move(gates);
    suppressed_ = std::move(suppressed);
    events_ = std::move(events);
    held_ = std::move(held);
    last_sent_ = j.value("last_sent", int64_t{0});
  } catch (const std::exception&) {
    return Corruption("提醒状态已损坏，无法读取");
  }
  return Status::Ok();
}

Status AlertPolicy::SaveState(Database& db, const Clock& clock) const {
  return db
      .Execute(
          "INSERT INTO monitor_alert_state(id, state_json, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO"
          " UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at",
          {StateToJson(), clock.Now()})
      .status();
}

Status AlertPolicy::LoadState(Database& db) {
  MINYI_ASSIGN_OR_RETURN(Rows rows, db.Query("SELECT state_json FROM monitor_alert_state WHERE id = 1"));
  if (rows.empty()) return Status::Ok();
  return StateFromJson(rows.Text(0, "state_json"));
}

}  // namespace minyi
