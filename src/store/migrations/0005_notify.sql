-- Outbound notifications: channels, notifications, an outbox row per
-- (notification, channel) and a log of every delivery attempt.
CREATE TABLE notify_channels (
  id @PK@,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  enabled BIGINT NOT NULL DEFAULT 1,
  deleted BIGINT NOT NULL DEFAULT 0,
  subscriptions TEXT NOT NULL DEFAULT '',
  -- JSON of ChannelConfig, secrets included; the API masks them.
  config_json TEXT NOT NULL DEFAULT '{}',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE notifications (
  id @PK@,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  event_key BIGINT NOT NULL DEFAULT 0,
  urgent BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX notifications_kind ON notifications(kind, event_key);

-- status: pending | sending (claimed; next_attempt_at is the lease end) |
-- sent | failed.
CREATE TABLE notify_outbox (
  id @PK@,
  notification_id BIGINT NOT NULL REFERENCES notifications(id),
  channel_id BIGINT NOT NULL REFERENCES notify_channels(id),
  status TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_attempt_at BIGINT NOT NULL DEFAULT 0,
  sent_at BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX notify_outbox_due ON notify_outbox(status, next_attempt_at);
CREATE INDEX notify_outbox_channel ON notify_outbox(channel_id, id);

CREATE TABLE notify_attempts (
  id @PK@,
  outbox_id BIGINT NOT NULL REFERENCES notify_outbox(id),
  at BIGINT NOT NULL,
  duration_ms BIGINT NOT NULL,
  ok BIGINT NOT NULL,
  http_status BIGINT NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notify_attempts_outbox ON notify_attempts(outbox_id);

-- One row (id = 1): site address for links in messages.
CREATE TABLE notify_settings (
  id BIGINT PRIMARY KEY,
  base_url TEXT NOT NULL DEFAULT ''
);
