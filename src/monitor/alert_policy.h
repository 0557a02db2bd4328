// The monitor's alert policy: which arrivals deserve a message, and when.
//
// Alerts, per topic (方案):
//  - rule hit: an item matched a topic marked 命中即提醒;
//  - new event, and an event whose heat passes the next level (heat_levels);
//    one alert per event otherwise;
//  - volume spike: arrivals in the short window (15 min) or the long window
//    (2 h) exceed the baseline for this hour of the week by k·σ:
//      baseline: the topic's counts in the same hour index one, two, ...
//      baseline_weeks weeks ago (only weeks the topic existed; at least
//      min_baseline_weeks of them), mean m and population σ s per hour;
//      a window of f hours expects e = m·f with σw = max(s·f, sqrt(max(e,1)))
//      (the Poisson floor keeps a quiet topic from alerting on 2 items);
//      spike when count > e + k·σw and count >= the window's min count;
//  - negative-share spike: over the long window, share = negative/total,
//    when total >= min_negative_volume and share >= base + negative_delta,
//    base being the negative share of the same hours in past weeks (or
//    default_negative_share when they hold fewer than min_negative_volume).
// Presets: 灵敏 sensitive k=2 (delta 0.15), 标准 standard k=3 (0.2),
// 保守 conservative k=4 (0.3).
// Gating, in order: cooldown per (topic, alert kind) — suppressed hits are
// counted and mentioned in the next alert; escalations skip the cooldown.
// Quiet hours (local time, utc_offset_minutes): only urgent alerts leave,
// the rest are held and released as one digest when quiet hours end. The
// minimum interval between two non-urgent alerts holds later ones likewise.
// Urgent: an event at heat level >= urgent_level, or a volume spike above
// e + 2k·σw.
//
// The policy is pure and clock-driven: callers pass `now`; state (hourly
// history, cooldowns, event levels, held alerts) round-trips through
// SaveState/LoadState (table monitor_alert_state).
//
// Thread safety: AlertPolicy is not thread-safe; the pipeline serializes
// calls. Free functions are as Database.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "common/env.h"
#include "common/status.h"
#include "notify/notify.h"
#include "store/audit.h"
#include "store/store.h"

namespace minyi {

struct AlertSettings {
  std::string preset = "standard";  // sensitive | standard | conservative
  bool rule_hits = true, new_events = true, volume_spikes = true, negative_spikes = true;
  int64_t short_window_seconds = 900;
  int64_t long_window_seconds = 7200;
  int64_t min_count_short = 5, min_count_long = 15;
  int baseline_weeks = 4, min_baseline_weeks = 2;
  int64_t min_negative_volume = 10;
  double default_negative_share = 0.2;
  int64_t cooldown_seconds = 3600;
  int64_t min_interval_seconds = 300;
  bool quiet_hours = true;
  int quiet_start_minute = 22 * 60, quiet_end_minute = 7 * 60;  // local time
  int utc_offset_minutes = 8 * 60;                              // 北京时间
  std::vector<double> heat_levels = {40, 60, 80};
  int urgent_level = 3;  // the level (1-based) from which an event is urgent

  double k() const;               // from preset
  double negative_delta() const;  // from preset
};

Status ValidateAlertSettings(const AlertSettings& s);
std::string AlertSettingsToJson(const AlertSettings& s);
// Unknown keys are ignored; present keys of the wrong type are errors.
Result<AlertSettings> AlertSettingsFromJson(std::string_view text);
// The stored settings (defaults when none saved yet).
Result<AlertSettings> LoadAlertSettings(Database& db);
Status SaveAlertSettings(Database& db, const Clock& clock, const Actor& actor, const AlertSettings& s);

struct TopicAlertConfig {
  int64_t topic_id = 0;
  std::string name;
  bool alert_on_hit = false;  // 命中即提醒
};
// Active topics with their 命中即提醒 flag.
Result<std::vector<TopicAlertConfig>> LoadTopicAlertConfigs(Database& db);
Status SetTopicAlertOnHit(Database& db, const Clock& clock, const Actor& actor, int64_t topic_id, bool on);

// One stored item as the pipeline saw it.
struct AlertObservation {
  int64_t item_id = 0;
  std::vector<int64_t> topic_ids;
  std::string sentiment;  // negative | neutral | positive
  std::string title;
  int64_t event_id = 0;  // 0: none
  std::string event_title;
  double event_heat = 0;
  bool new_event = false;
  bool duplicate = false;  // counts for volume, never alerts by itself
};

struct AlertDecision {
  enum class Kind { kRuleHit, kNewEvent, kEscalation, kVolumeSpike, kNegativeSpike, kDigest };
  Kind kind = Kind::kRuleHit;
  int64_t topic_id = 0, event_id = 0, item_id = 0;
  bool urgent = false;
  std::string title, body, link;
  UnixSeconds at = 0;
  // Spikes: what was seen and expected (for the message and tests).
  int64_t count = 0;
  double expected = 0, threshold = 0;
};
std::string_view AlertKindName(AlertDecision::Kind kind);  // "rule_hit"

// The notification for a decision (kind "alert", event_key = event or topic).
Notification AlertToNotification(const AlertDecision& d);
// Records the decision in monitor_alerts and enqueues its notification, in
// the caller's transaction. Returns the notification id.
Result<int64_t> EmitAlert(Database& tx, const Clock& clock, const AlertDecision& d);

class AlertPolicy {
 public:
  AlertPolicy(AlertSettings settings, std::vector<TopicAlertConfig> topics);

  void SetSettings(AlertSettings settings) { settings_ = std::move(settings); }
  void SetTopics(std::vector<TopicAlertConfig> topics);

  // Counts the batch (arrival time = now) and returns the alerts to send now.
  std::vector<AlertDecision> Observe(const std::vector<AlertObservation>& batch, UnixSeconds now);
  // Releases held alerts when quiet hours or the minimum interval are over;
  // call every minute or so.
  std::vector<AlertDecision> Tick(UnixSeconds now);

  std::string StateToJson() const;
  Status StateFromJson(std::string_view text);
  Status SaveState(Database& db, const Clock& clock) const;
  Status LoadState(Database& db);

  struct Counts {
    int64_t total = 0, negative = 0;
  };
  struct Baseline {
    int weeks = 0;
    double mean = 0, sigma = 0;
  };
  // The hourly baseline of a topic for the hour containing now (tests, UI).
  Baseline HourBaseline(int64_t topic_id, UnixSeconds now) const;
  bool InQuietHours(UnixSeconds now) const;

 private:
  struct TopicState {
    std::map<int64_t, Counts> hours;    // hour index (t / 3600) -> counts
    std::map<int64_t, Counts> minutes;  // minute index -> counts, last long window only
    int64_t first_hour = -1;
  };
  struct EventState {
    int level = 0;
    UnixSeconds seen = 0;
  };
  using GateKey = std::pair<int64_t, int>;  // (topic, kind)

  void Count(int64_t topic_id, bool negative, UnixSeconds now);
  void CheckSpikes(int64_t topic_id, UnixSeconds now, std::vector<AlertDecision>& out);
  void Gate(AlertDecision d, bool skip_cooldown, UnixSeconds now, std::vector<AlertDecision>& out);
  void ReleaseHeld(UnixSeconds now, std::vector<AlertDecision>& out);
  void Prune(UnixSeconds now);
  int LevelOf(double heat) const;
  std::string TopicName(int64_t topic_id) const;

  AlertSettings settings_;
  std::map<int64_t, TopicAlertConfig> topics_;
  std::map<int64_t, TopicState> state_;
  std::map<GateKey, UnixSeconds> last_alert_;
  std::map<GateKey, int64_t> suppressed_;
  std::map<int64_t, EventState> events_;
  std::vector<AlertDecision> held_;
  UnixSeconds last_sent_ = 0;
};

// The policy as every process runs it: web servers and `minyi worker`s share
// one state (monitor_alert_state). Each call locks the state row, reloads the
// state when another process changed it (version), decides, records the
// alerts and saves the state in one transaction — so a cooldown, "one alert
// per event" or a held digest holds across processes, and a crash between
// deciding and recording loses or repeats nothing.
//
// Thread safety: calls are serialized inside; safe from many threads.
class AlertRunner {
 public:
  AlertRunner(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Counts a committed batch and records the alerts it causes. Returns the
  // number of alerts recorded.
  Result<int> Observe(const std::vector<AlertObservation>& batch);
  // Releases held alerts once quiet hours or the minimum interval are over
  // and prunes old history; call about once a minute.
  Result<int> Tick();

 private:
  using Step = std::function<std::vector<AlertDecision>(AlertPolicy&, UnixSeconds)>;
  Result<int> Run(const Step& step);
  Status Refresh(Database& tx, int64_t version, const std::string& state_json);

  Store& store_;
  const Clock& clock_;
  std::mutex mu_;
  std::unique_ptr<AlertPolicy> policy_;
  int64_t version_ = -1;  // of the state policy_ holds; -1: reload
};

}  // namespace minyi
