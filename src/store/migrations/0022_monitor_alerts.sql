-- Monitor alert policy: settings (one row), per-topic 命中即提醒 flags, the
-- policy's persisted state (hourly history, cooldowns, event levels) and a
-- record of every alert decided.
CREATE TABLE monitor_alert_settings (
  id BIGINT PRIMARY KEY,
  settings_json TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE monitor_alert_topics (
  topic_id BIGINT PRIMARY KEY,
  alert_on_hit BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);

CREATE TABLE monitor_alert_state (
  id BIGINT PRIMARY KEY,
  state_json TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE monitor_alerts (
  id @PK@,
  kind TEXT NOT NULL,
  topic_id BIGINT NOT NULL DEFAULT 0,
  event_id BIGINT NOT NULL DEFAULT 0,
  item_id BIGINT NOT NULL DEFAULT 0,
  urgent BIGINT NOT NULL DEFAULT 0,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  notification_id BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX monitor_alerts_created ON monitor_alerts(created_at);
